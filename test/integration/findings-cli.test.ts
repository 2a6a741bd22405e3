import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { FindingRecord, ReconcileRun } from '../../shared/contract';
import { docPages, docUrl, type DocPageId } from '../../shared/fixes/doc-pages';
import { runCli } from '../helpers/cli';
import { makeTempDir } from '../helpers/temp-dir';

/** `scimwatch findings` and the findings part of `sync --once`, on the demo world (real CLI processes). */
describe('scimwatch findings', () => {
  const dir = makeTempDir();
  const env = () => ({ SCIMWATCH_DATA_DIR: dir.path });
  let synced: {
    code: number | null;
    json: {
      findings: { total: number; roots: number; byKind: Record<string, number>; unknownCauses: number };
    };
  };

  beforeAll(() => {
    const result = runCli(['sync', '--once', '--json', '--fail-on', 'error'], env());
    synced = { code: result.code, json: JSON.parse(result.stdout) as typeof synced.json };
  });
  afterAll(() => dir.remove());

  it('sync --once --json reports findings totals and exits 2 when open errors reach --fail-on', () => {
    expect(synced.code).toBe(2);
    const { total, roots, byKind, unknownCauses } = synced.json.findings;
    // The demo's failures all have causes the classifier knows.
    expect(unknownCauses).toBe(0);
    expect(total).toBe(Object.values(byKind).reduce((a, b) => a + b, 0));
    // The demo's user without mail: her failure and missing account are symptoms of one root.
    expect(byKind['user.missing_email']).toBe(1);
    expect(roots).toBeLessThan(total);
  });

  it('--json prints the run and every open finding, most severe first', () => {
    const result = runCli(['findings', '--json'], env());
    expect(result.code).toBe(0);
    const { run, findings } = JSON.parse(result.stdout) as { run: ReconcileRun; findings: FindingRecord[] };
    expect(run.counts.findings.total).toBe(synced.json.findings.total);
    expect(findings).toHaveLength(synced.json.findings.total);
    const rank = { error: 2, warning: 1, info: 0 };
    expect(findings.map((f) => rank[f.severity])).toEqual(
      findings.map((f) => rank[f.severity]).sort((a, b) => b - a),
    );
    for (const finding of findings) {
      expect(Object.keys(finding)).toEqual(
        expect.arrayContaining([
          'key',
          'kind',
          'severity',
          'displayName',
          'evidence',
          'fixId',
          'firstSeen',
          'lastSeen',
        ]),
      );
      if (finding.rootKey) expect(findings.some((f) => f.key === finding.rootKey)).toBe(true);
    }
  });

  it('filters by kind and minimum severity, and --fail-on warning exits 2', () => {
    const byKind = JSON.parse(
      runCli(['findings', '--json', '--kind', 'user.missing_email'], env()).stdout,
    ) as {
      findings: FindingRecord[];
    };
    expect(byKind.findings.map((f) => f.kind)).toEqual(['user.missing_email']);
    const errors = JSON.parse(runCli(['findings', '--json', '--min-severity', 'error'], env()).stdout) as {
      findings: FindingRecord[];
    };
    expect(errors.findings.length).toBeGreaterThan(0);
    expect(errors.findings.every((f) => f.severity === 'error')).toBe(true);
    expect(runCli(['findings', '--fail-on', 'warning'], env()).code).toBe(2);
    const all = JSON.parse(runCli(['findings', '--json', '--include-resolved'], env()).stdout) as {
      findings: FindingRecord[];
    };
    expect(all.findings.length).toBeGreaterThanOrEqual(synced.json.findings.total);
  });

  it('prints a table with each finding’s fix, and refuses unknown kinds and thresholds clearly', () => {
    const table = runCli(['findings'], env());
    expect(table.stdout).toMatch(/open findings, \d+ root causes/);
    expect(table.stdout).toMatch(/user\.missing_email\s+.+\n\s+fix: Give .+ an email address/);
    const badKind = runCli(['findings', '--kind', 'user.gone'], env());
    expect(badKind.code).toBe(1);
    expect(badKind.stderr).toContain('--kind "user.gone" is not a finding kind');
    expect(runCli(['findings', '--fail-on', 'info'], env()).stderr).toContain(
      '--fail-on takes "error" or "warning"',
    );
  });

  it('--json carries each rendered fix, and --fix prints it whole, for a finding of each kind group', () => {
    type WithFix = FindingRecord & {
      fix: { id: string; title: string; steps: string[]; links: { url: string }[]; docs: { url: string }[] };
    };
    const { findings } = JSON.parse(runCli(['findings', '--json'], env()).stdout) as { findings: WithFix[] };
    const tableDocs = new Set(Object.keys(docPages).map((id) => docUrl(id as DocPageId)));
    const groups = new Map<string, WithFix>();
    for (const finding of findings)
      groups.set(finding.kind.split('.')[0] ?? '', groups.get(finding.kind.split('.')[0] ?? '') ?? finding);
    // The demo plants users', teams', failures' and configuration problems.
    expect([...groups.keys()].sort()).toEqual(
      expect.arrayContaining(['config', 'provisioning', 'team', 'user']),
    );
    for (const [group, finding] of groups) {
      expect(finding.fix.id, group).toBe(finding.fixId);
      expect(finding.fix.title, group).not.toMatch(/\{\w+\}|\(unknown\)/);
      expect(finding.fix.steps.length, group).toBeGreaterThanOrEqual(2);
      for (const doc of finding.fix.docs) expect(tableDocs.has(doc.url), doc.url).toBe(true);
      // The demo's settings name the org and the provisioning app, so the links are complete.
      expect(finding.fix.links.length + finding.fix.docs.length, group).toBeGreaterThan(0);
    }
    const table = runCli(['findings', '--fix', '--kind', 'user.missing_email'], env()).stdout;
    const fix = findings.find((f) => f.kind === 'user.missing_email')?.fix;
    expect(table).toContain(`fix: ${fix?.title}`);
    expect(table).toMatch(/^\s+1\. \S/m);
    expect(table).toMatch(/^\s+2\. \S/m);
    for (const doc of fix?.docs ?? []) expect(table).toContain(doc.url);
    for (const link of fix?.links ?? []) expect(table).toContain(link.url);
    // Wrapped to the terminal: no line runs past 100 columns but for a URL.
    for (const line of table.split('\n'))
      if (!/https:\/\//.test(line)) expect(line.length).toBeLessThanOrEqual(100);
  });
});
