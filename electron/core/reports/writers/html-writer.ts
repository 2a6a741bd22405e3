import { createHash } from 'node:crypto';

import type { FailureCause } from '../../../../shared/finding-kinds';
import type { ReportFindingRow } from '../../../../shared/contract';
import { reportContentSecurityPolicy } from '../../../../shared/csp';
import { fixById } from '../../../../shared/fixes';
import { failureCauseLabels, findingKindLabels } from '../../../../shared/labels';
import { plainText } from '../plain-text';
import type { ReportData } from '../report-data';
import { writeChunks, type WrittenFile } from './file-sink';
import { outcomesChart, severityChart } from './html-charts';
import { html, Markup } from './html-template';
import { reportCss } from './report-css';
import { headerRows } from './section-tables';

/** Rows listed per long section: a 100k-user report stays a document a person reads. */
export const htmlRowCap = 100;
/** Longer evidence is cut in HTML and PDF (the CSV and JSON exports keep it whole). */
const detailCap = 280;
const clip = (text: string) => (text.length > detailCap ? `${text.slice(0, detailCap)}…` : text);

/** Up to `cap` rows of a stream, and how many were left out. */
function capped<T>(rows: Iterable<T>, cap = htmlRowCap): { shown: T[]; left: number } {
  const shown: T[] = [];
  let left = 0;
  for (const row of rows) {
    if (shown.length < cap) shown.push(row);
    else left += 1;
  }
  return { shown, left };
}

const leftOut = (left: number) =>
  left
    ? html`<p class="muted">${left} more not shown here; the CSV and JSON exports list every row.</p>`
    : html``;

const table = (columns: string[], rows: Markup[]) =>
  html`<table><thead><tr>${columns.map((c) => html`<th scope="col">${c}</th>`)}</tr></thead><tbody>${rows}</tbody></table>`;

const cause = (c: string) => (c in failureCauseLabels ? failureCauseLabels[c as FailureCause] : c);

function coverage(data: ReportData): Markup {
  const rows = data.coverage.map(
    (g) => html`<tr><td>${g.from}</td><td>${g.to}</td><td>${g.source}</td><td>${g.reason}</td></tr>`,
  );
  return html`<section id="coverage"><h2>Coverage</h2>
${
  rows.length
    ? html`<p>The report cannot vouch for these stretches of the period:</p>${table(['From', 'To', 'Source', 'Why'], rows)}`
    : html`<p>Every part of the period is covered by stored data.</p>`
}
</section>`;
}

function summary({ summary: s }: ReportData): Markup {
  const objects = s.objects;
  return html`<section id="summary"><h2>Summary</h2>
${
  objects
    ? table(
        ['', 'In scope', 'Matched in Pulumi', 'In sync'],
        (['users', 'teams'] as const).map(
          (side) =>
            html`<tr><th scope="row">${side}</th><td>${objects[side].inScope}</td><td>${objects[side].matched}</td><td>${objects[side].inSync}</td></tr>`,
        ),
      )
    : html`<p>No reconciliation run yet.</p>`
}
<h3>Open findings: ${s.findings.open} (${s.findings.roots} root problems, ${s.findings.symptoms} symptoms)</h3>
${severityChart(s)}
${table(
  ['Kind', 'Severity', 'Roots', 'Symptoms'],
  s.findings.byKind.map(
    (k) =>
      html`<tr><td>${findingKindLabels[k.kind]}</td><td>${k.severity}</td><td>${k.roots}</td><td>${k.symptoms}</td></tr>`,
  ),
)}
<h3>Failures by cause in the period</h3>
${
  s.failuresByCause.length
    ? table(
        ['Cause', 'Objects', 'Log entries'],
        s.failuresByCause.map(
          (f) => html`<tr><td>${cause(f.cause)}</td><td>${f.objects}</td><td>${f.entries}</td></tr>`,
        ),
      )
    : html`<p>No failures in the period.</p>`
}
<p>Job: ${s.job.changes} status changes, ${s.job.quarantines} in quarantine, latest state ${s.job.latestState ?? 'unknown'}.
Retries: ${s.retries.total} (${s.retries.verifiedSucceeded} verified succeeded, ${s.retries.verifiedFailed} verified failed,
${s.retries.unverified} unverified, ${s.retries.other} other).</p>
</section>`;
}

function findings(data: ReportData): Markup {
  const { shown, left } = capped(data.findings());
  const rows = shown.map(
    (f) =>
      html`<tr class="sev-${f.severity}"><td>${f.severity}</td><td>${findingKindLabels[f.kind]}${f.root ? '' : ' (symptom)'}</td><td>${f.state}${f.resolvedAt ? ` ${f.resolvedAt}` : ''}</td><td>${clip(f.subject)}</td><td>${clip(f.entra)}</td><td>${clip(f.pulumi)}</td><td>${clip(f.details)}</td><td>${fixById(f.fixId)?.title ?? ''}</td></tr>`,
  );
  // A fix's steps are the same for every finding of its kind: printed once, as filled for the first.
  const fixes = new Map<string, ReportFindingRow>();
  for (const f of shown) if (f.fix && !fixes.has(f.fixId)) fixes.set(f.fixId, f);
  return html`<section id="findings"><h2>Findings</h2>
${rows.length ? table(['Severity', 'Finding', 'State', 'Subject', 'Entra', 'Pulumi', 'Details', 'Fix'], rows) : html`<p>None.</p>`}${leftOut(left)}
</section>
<section id="fixes"><h2>How to fix</h2>
${
  fixes.size
    ? [...fixes.values()].map(
        (f) =>
          html`<h3>${fixById(f.fixId)?.title ?? f.fixId}</h3><p class="muted">As filled for ${f.subject}; the CSV and JSON exports fill it for every finding.</p><p>${f.fix}</p>`,
      )
    : html`<p>Nothing to fix.</p>`
}
</section>`;
}

function teamExceptions(data: ReportData): Markup {
  const { shown, left } = capped(data.teamExceptions());
  const rows = shown.map(
    (e) =>
      html`<tr><td>${e.team}</td><td>${e.member}</td><td>${findingKindLabels[e.kind]}</td><td>${e.state}</td></tr>`,
  );
  return html`<section id="team-exceptions"><h2>Team membership exceptions</h2>
${rows.length ? table(['Team', 'Member', 'Exception', 'State'], rows) : html`<p>None.</p>`}${leftOut(left)}
</section>`;
}

function checklist(data: ReportData): Markup {
  const rows = data.checklist.map(
    (s) =>
      html`<tr class="outcome-${s.outcome}"><td>${s.step}</td><td>${s.outcome}</td><td>${s.evidence}</td></tr>`,
  );
  return html`<section id="checklist"><h2>Pulumi's Entra guide, step by step</h2>
${rows.length ? table(['Step', 'Outcome', 'Evidence'], rows) : html`<p>Not checked yet.</p>`}
</section>`;
}

function actions(data: ReportData): Markup {
  const { shown, left } = capped(data.actions());
  const rows = shown.map(
    (a) =>
      html`<tr><td>${a.id}</td><td>${a.kind}</td><td>${a.state}</td><td>${a.actor}</td><td>${a.requestedAt}</td><td>${a.endedAt}</td><td>${a.subject}</td><td>${a.outcome}</td></tr>`,
  );
  return html`<section id="actions"><h2>Audit trail of actions</h2>
${rows.length ? table(['#', 'Action', 'State', 'By', 'Requested', 'Ended', 'Subject', 'Outcome'], rows) : html`<p>No actions in the period.</p>`}${leftOut(left)}
</section>`;
}

/** The report's sections in reading order: hashed, then placed under the header. */
const sections = (data: ReportData) =>
  [
    coverage,
    summary,
    (d: ReportData) =>
      html`<section id="outcomes"><h2>Provisioning outcomes</h2>${outcomesChart(d.outcomes)}</section>`,
    findings,
    teamExceptions,
    checklist,
    actions,
  ]
    .map((section) => section(data).text)
    .join('\n');

/** The HTML document: self-contained, no script, a CSP admitting only its own style block. */
export function renderHtml(data: ReportData): string {
  const body = sections(data);
  const bodyHash = createHash('sha256').update(body).digest('hex');
  const styleHash = createHash('sha256').update(reportCss).digest('base64');
  const { header } = data;
  const csp = reportContentSecurityPolicy(styleHash);
  const facts = [...headerRows(header)].map(
    ([name, value]) => html`<tr><th scope="row">${plainText(name)}</th><td>${plainText(value)}</td></tr>`,
  );
  return html`<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${header.title}: ${header.organization ?? 'unknown organization'}</title>
<style>${new Markup(reportCss)}</style>
</head><body>
<header><h1>${header.title}</h1>
<p class="org">Pulumi organization <strong>${header.organization ?? 'not set'}</strong> · period ${header.period.since} to ${header.period.until}${header.redacted ? ' · redacted' : ''}</p>
${table(['Field', 'Value'], facts)}
<p class="hash">SHA-256 of everything between <code>&lt;main&gt;</code> and <code>&lt;/main&gt;</code>: <code>${bodyHash}</code></p>
</header>
<main>${new Markup(body)}</main>
</body></html>
`.text;
}

export async function writeHtml(data: ReportData, path: string): Promise<WrittenFile> {
  return writeChunks(path, [renderHtml(data)]);
}
