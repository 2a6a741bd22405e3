import {
  ScimWatchError,
  severityRank,
  type FindingRow,
  type FindingSeverity,
  type ReconcileRun,
} from '../../../shared/contract';
import { renderFix, renderFixTitle, type FixContext, type RenderedFix } from '../../../shared/fixes';
import { CoreHost } from '../../core/core-host';
import { exitCodeFor } from '../fail-on';
import { print } from '../output';

export interface FindingsFlags {
  json: boolean;
  kind?: string | undefined;
  minSeverity?: FindingSeverity | undefined;
  includeResolved: boolean;
  /** Print each fix whole (steps, links, docs) under its finding. */
  fix?: boolean;
  failOn?: FindingSeverity | undefined;
}

// C0 and C1 controls.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const controlCharacters = /[\u0000-\u001f\u007f-\u009f]/g;
/** Control characters from a directory name must not drive the terminal: shown as U+FFFD. */
const printable = (text: string) => text.replace(controlCharacters, '\ufffd');

/** Words wrapped to `width` columns, each line indented. */
function wrap(text: string, indent: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of printable(text).split(/\s+/).filter(Boolean)) {
    if (line && indent.length + line.length + 1 + word.length > width) {
      lines.push(indent + line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(indent + line);
  return lines;
}

/** The fix rendered whole, for reading in a terminal. */
function fixLines(fix: RenderedFix, indent: string): string[] {
  const width = Math.max(60, process.stdout.columns || 100);
  return [
    ...fix.steps.flatMap((step, i) => wrap(`${i + 1}. ${step}`, indent, width)),
    ...fix.links.map((link) => printable(`${indent}→ ${link.title}: ${link.url}`)),
    ...fix.docs.map((doc) => printable(`${indent}? ${doc.title}: ${doc.url}`)),
  ];
}

/** Who and where this profile watches, for the fixes' links (the org, the provisioning app, ScimWatch's app). */
async function fixContext(core: CoreHost): Promise<FixContext> {
  const { values } = await core.call('settings.get', {});
  return {
    org: values.pulumiOrg.value ?? null,
    servicePrincipalId: values.servicePrincipalId.value ?? null,
    appId: values.provisioningAppId.value ?? null,
    clientId: values.clientId.value ?? null,
  };
}

/** A finding with its fix rendered, as `--json` prints it. */
function withFix(row: FindingRow, context: FixContext) {
  const { id, title, steps, links, docs } = renderFix(row.fixId, row, context);
  return { ...row, fix: { id, title, steps, links, docs } };
}

/** Pages through every finding the filters select (500 a page, the contract's maximum). */
async function allFindings(core: CoreHost, flags: FindingsFlags): Promise<FindingRow[]> {
  const rows: FindingRow[] = [];
  let cursor: string | undefined;
  do {
    // The flags are a person's input: the contract validates them (an unknown kind is refused there).
    const page = await core.dispatch('findings.list', {
      filter: {
        state: flags.includeResolved ? 'all' : 'open',
        ...(flags.kind ? { kind: flags.kind } : {}),
        ...(flags.minSeverity ? { minSeverity: flags.minSeverity } : {}),
      },
      sort: { field: 'severity', direction: 'desc' },
      limit: 500,
      ...(cursor ? { cursor } : {}),
    });
    rows.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return rows;
}

function tableLines(
  run: ReconcileRun | null,
  rows: FindingRow[],
  context: FixContext,
  wholeFix: boolean,
): string[] {
  if (!run) return ['No reconciliation has run yet for this profile. Run `scimwatch sync --once` first.'];
  const { users, teams, findings } = run.counts;
  const lines = [
    `Run ${run.id} at ${run.finishedAt}: ${findings.total} open findings, ${findings.roots} root causes, ${findings.unknownCauses} failures of unknown cause.`,
    `  Users: ${users.inScope} in scope, ${users.matched} in Pulumi, ${users.inSync} in sync.`,
    `  Teams: ${teams.inScope} in scope, ${teams.matched} in Pulumi, ${teams.inSync} in sync.`,
  ];
  const width = Math.max(0, ...rows.map((r) => r.kind.length));
  for (const row of rows) {
    const state = row.resolvedAt ? ` (resolved ${row.resolvedAt})` : '';
    const root = row.rootKey ? `  ← caused by ${row.rootKey}` : '';
    lines.push(
      `${row.severity.padEnd(7)} ${row.kind.padEnd(width)}  ${printable(row.displayName)}${state}${root}`,
    );
    const indent = ' '.repeat(9 + width);
    if (wholeFix) {
      const fix = renderFix(row.fixId, row, context);
      lines.push(`${indent}fix: ${printable(fix.title)}`, ...fixLines(fix, `${indent}  `));
    } else lines.push(`${indent}fix: ${printable(renderFixTitle(row.fixId, row, context))}`);
  }
  return lines;
}

/** The contract names the filter it refused (`filter.kind: …`); the person typed a flag. */
function namingFlags(error: unknown): never {
  if (error instanceof ScimWatchError && error.code === 'invalid_input')
    throw new Error(
      error.message
        .replace(/^Invalid input for findings\.list: /, '')
        .replace(/\bfilter\.kind: /, '--kind ')
        .replace(/\bfilter\.minSeverity: /, '--min-severity '),
    );
  throw error;
}

/** `scimwatch findings`: the open findings of the active profile (or all, with --include-resolved). */
export async function findingsCommand(flags: FindingsFlags): Promise<number> {
  const core = await CoreHost.start({ hostKind: 'cli', oneShot: true });
  try {
    const run = await core.call('reconcile.record', {});
    const rows = await allFindings(core, flags).catch(namingFlags);
    // Code-point order: keys are ASCII, and ICU collation of thousands of keys cost more than their query.
    rows.sort(
      (a, b) =>
        severityRank[b.severity] - severityRank[a.severity] || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0),
    );
    const context = await fixContext(core);
    if (flags.json) print(JSON.stringify({ run, findings: rows.map((row) => withFix(row, context)) }));
    // One write: thousands of findings printed a line at a time cost a system call each.
    else print(tableLines(run, rows, context, flags.fix ?? false).join('\n'));
    return exitCodeFor(run?.counts, flags.failOn, false);
  } finally {
    await core.close();
  }
}
