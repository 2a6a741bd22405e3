import { BrowserWindow } from 'electron';

import { pdfPage, type PdfPrinter } from '../core/host/pdf-page';

const mmToInches = (mm: number) => mm / 25.4;

/**
 * The desktop's printer: the report loaded into a hidden window that runs no script and has no
 * preload, printed by Chromium's own printToPDF, then destroyed. The document's CSP stops it from
 * loading anything; the page size and margins are the CLI's.
 */
export const electronPdfPrinter: PdfPrinter = async (html) => {
  const window = new BrowserWindow({
    show: false,
    webPreferences: { javascript: false, sandbox: true, contextIsolation: true, nodeIntegration: false },
  });
  try {
    await window.loadURL(`data:text/html;charset=utf-8;base64,${Buffer.from(html).toString('base64')}`);
    const margin = mmToInches(pdfPage.marginMm);
    return await window.webContents.printToPDF({
      pageSize: pdfPage.format,
      printBackground: true,
      margins: { top: margin, bottom: margin, left: margin, right: margin },
    });
  } finally {
    window.destroy();
  }
};
