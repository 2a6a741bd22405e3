/** The report's one style block (its SHA-256 is the only style the document's CSP admits). */
export const reportCss = `
body { font: 11pt/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #1f2328; margin: 2rem; }
h1 { font-size: 1.6rem; margin: 0 0 .3rem; }
h2 { font-size: 1.25rem; margin: 2rem 0 .5rem; border-bottom: 1px solid #d0d7de; padding-bottom: .2rem; }
h3 { font-size: 1rem; margin: 1.2rem 0 .4rem; }
table { border-collapse: collapse; width: 100%; margin: .4rem 0; font-size: 9.5pt; }
th, td { border: 1px solid #d0d7de; padding: .25rem .4rem; text-align: left; vertical-align: top;
  overflow-wrap: anywhere; unicode-bidi: plaintext; }
thead th { background: #f6f8fa; }
tr { break-inside: avoid; }
code { font-family: ui-monospace, monospace; font-size: 9pt; overflow-wrap: anywhere; }
.muted { color: #57606a; }
.org { font-size: 1.05rem; }
.hash { font-size: 9pt; color: #57606a; }
.sev-error td:first-child { color: #c62828; font-weight: 600; }
.sev-warning td:first-child { color: #b26a00; font-weight: 600; }
.outcome-fail td:nth-child(2) { color: #c62828; font-weight: 600; }
.outcome-pass td:nth-child(2) { color: #2e7d32; }
figure { margin: .5rem 0; }
.key::before { content: ""; display: inline-block; width: .8em; height: .8em; margin-right: .3em; vertical-align: -.1em; }
.key-success::before { background: #2e7d32; }
.key-warning::before { background: #b26a00; }
.key-skipped::before { background: #6b7280; }
.key-failure::before { background: #c62828; }
@media print { body { margin: 0; } h2 { break-after: avoid; } }
`;
