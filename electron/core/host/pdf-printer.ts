import { chromium } from 'playwright-core';

import { chromiumArgs, findChromium } from './chromium';
import { pdfPage, type PdfPrinter } from './pdf-page';

/**
 * The CLI's and `serve`'s printer: the machine's Chromium through playwright-core, one browser per
 * document (reports are rare; a browser kept open would hold memory between them). The page loads
 * nothing from outside: the document's own CSP forbids it, and the browser has no network besides.
 */
export const chromiumPdfPrinter: PdfPrinter = async (html) => {
  const browser = await chromium.launch({
    executablePath: findChromium(),
    args: chromiumArgs,
    headless: true,
  });
  try {
    const page = await browser.newPage({ javaScriptEnabled: false });
    await page.setContent(html, { waitUntil: 'load' });
    const margin = `${pdfPage.marginMm}mm`;
    return await page.pdf({
      format: pdfPage.format,
      printBackground: true,
      margin: { top: margin, bottom: margin, left: margin, right: margin },
      displayHeaderFooter: true,
      headerTemplate: '<span></span>',
      footerTemplate:
        '<div style="font-size:8px;width:100%;text-align:center;color:#666"><span class="pageNumber"></span> / <span class="totalPages"></span></div>',
    });
  } finally {
    await browser.close();
  }
};
