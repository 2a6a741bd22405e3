import { describe, expect, it } from 'vitest';

import type { Finding } from '../../shared/contract';
import { isAllowedExternalLink } from '../../shared/external-links';
import { failureCauses, findingKinds } from '../../shared/finding-kinds';
import { fixFor, fixes, renderFix } from '../../shared/fixes';
import { docPages, docUrl, type DocPage } from '../../shared/fixes/doc-pages';
import { fixFiles } from '../../shared/fixes/fix-files';

const finding = (overrides: Partial<Finding>): Finding => ({
  key: 'user.missing_in_pulumi|u1',
  kind: 'user.missing_in_pulumi',
  severity: 'error',
  displayName: 'Amara Okafor',
  evidence: {},
  fixId: 'provision-missing-user',
  entraId: '11111111-2222-3333-4444-555555555555',
  ...overrides,
});

describe('guided fixes (resources/fixes)', () => {
  it('has a fix for every finding kind and every failure cause', () => {
    for (const kind of findingKinds.filter((k) => k !== 'provisioning.failure'))
      expect(fixFor(kind), kind).toBeDefined();
    for (const cause of failureCauses)
      expect(fixFor('provisioning.failure', cause)?.appliesTo.causes, cause).toContain(cause);
  });

  it('gives each fix two steps or more and documentation on allowlisted hosts', () => {
    for (const fix of fixes) {
      expect(fix.steps.length, fix.id).toBeGreaterThanOrEqual(2);
      expect(fix.docs.length, fix.id).toBeGreaterThanOrEqual(1);
      for (const doc of fix.docs) expect(isAllowedExternalLink(docUrl(doc)), doc).toBe(true);
    }
    expect(new Set(fixes.map((f) => f.id)).size).toBe(fixes.length);
  });

  it('deep-links to the app’s provisioning blade and to Pulumi’s access settings', () => {
    const rendered = renderFix('renew-scim-token', finding({ kind: 'connection.pulumi_unauthorized' }), {
      org: 'acme',
      servicePrincipalId: 'sp-1',
      appId: 'app-1',
    });
    // The Entra blade opens in either portal, so it is offered in both.
    expect(rendered.links.map((l) => l.url)).toEqual([
      'https://app.pulumi.com/acme/settings/access-management',
      'https://entra.microsoft.com/#view/Microsoft_AAD_Connect_Provisioning/ProvisioningMenuBlade/~/Overview/objectId/sp-1/appId/app-1',
      'https://portal.azure.com/#view/Microsoft_AAD_Connect_Provisioning/ProvisioningMenuBlade/~/Overview/objectId/sp-1/appId/app-1',
    ]);
    expect(rendered.action).toBe('restart_job');
  });

  it('fills placeholders from the evidence, and leaves out links it cannot complete', () => {
    const rendered = renderFix(
      'shorten-team-name',
      finding({
        kind: 'team.name_too_long',
        displayName: 'Platform Guild',
        evidence: { name: 'Platform Guild', length: 112, limit: 100 },
      }),
    );
    expect(rendered.steps[0]).toBe(
      'The group name has 112 characters; Pulumi accepts at most 100 for a team name ("Display name is too long. It must be 100 characters or less").',
    );
    // No service principal known yet: the provisioning-blade link is dropped, the group's link kept.
    expect(rendered.links.map((l) => l.title)).toEqual([
      'Open the group in Entra (Entra admin center)',
      'Open the group in Entra (Azure portal)',
    ]);
  });

  it('never expands placeholders inside values, and encodes values in links', () => {
    const rendered = renderFix(
      'provision-missing-user',
      finding({ displayName: '{org} <img src=x>', entraId: '../../evil?x=1#' }),
      { org: 'acme', servicePrincipalId: 'sp', appId: 'app' },
    );
    expect(rendered.title).toBe('Get {org} <img src=x> provisioned to Pulumi');
    const userLinks = rendered.links.filter((l) => l.title.startsWith('Open the user in Entra'));
    expect(userLinks).toHaveLength(2);
    for (const link of userLinks) expect(link.url.endsWith('/userId/..%2F..%2Fevil%3Fx%3D1%23')).toBe(true);
  });

  it('takes every documentation address from one table, and the table keeps to the seed guide’s layout', () => {
    // No fix file spells out a documentation address of its own: docs are ids into the table.
    for (const file of fixFiles) {
      const text = JSON.stringify(file);
      expect(text, (file as { id: string }).id).not.toMatch(/pulumi\.com\/docs|learn\.microsoft\.com/);
    }
    const pages: [string, DocPage][] = Object.entries(docPages);
    for (const [id, page] of pages) {
      expect(page.source, id).not.toBe('');
      if (page.url.startsWith('https://www.pulumi.com/'))
        expect(page.url, id).toMatch(
          /^https:\/\/www\.pulumi\.com\/docs\/administration\/access-identity\/(scim|saml)\//,
        );
    }
    // The sections the guide's layout names, and no other.
    expect(pages.flatMap(([, page]) => (page.anchor ? [page.anchor] : [])).sort()).toEqual([
      'capabilities',
      'supported-attributes',
      'usernames-cannot-change',
    ]);
    // Every page is cited by some fix, so the table holds no dead entry.
    const cited = new Set(fixes.flatMap((fix) => fix.docs));
    expect(Object.keys(docPages).filter((id) => !cited.has(id as never))).toEqual([]);
  });
});
