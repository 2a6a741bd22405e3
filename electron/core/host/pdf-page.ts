/** Turns one self-contained HTML document into a PDF (the host's job: the desktop prints with Electron). */
export type PdfPrinter = (html: string) => Promise<Uint8Array>;

/** Page size and margins shared by every printer, so the desktop and the CLI print the same document. */
export const pdfPage = { format: 'A4', marginMm: 12 } as const;
