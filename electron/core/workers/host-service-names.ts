/** What a worker asks the host for: the secret store stays on the host thread, and so does the browser. */
export const hostServices = {
  secretStates: 'secrets.states',
  secretSet: 'secrets.set',
  secretDelete: 'secrets.delete',
  secretGet: 'secrets.get',
  secretStorage: 'secrets.storage',
  printPdf: 'pdf.print',
} as const;
