import { describe, expect, it } from 'vitest';

import type { Finding } from '../../shared/contract';
import { isAllowedExternalLink } from '../../shared/external-links';
import { failureCauses, findingKinds } from '../../shared/finding-kinds';
import { fixFor, fixes, renderFix } from '../../shared/fixes';

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
      for (const doc of fix.docs) expect(isAllowedExternalLink(doc.url), doc.url).toBe(true);
    }
    expect(new Set(fixes.map((f) => f.id)).size).toBe(fixes.length);
  });

  it('deep-links to the app’s provisioning blade and to Pulumi’s access settings', () => {
    const rendered = renderFix('renew-scim-token', finding({ kind: 'connection.pulumi_unauthorized' }), {
      org: 'acme',
      servicePrincipalId: 'sp-1',
      appId: 'app-1',
    });
    expect(rendered.links.map((l) => l.url)).toEqual([
      'https://app.pulumi.com/acme/settings/access-management',
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
      'The group name has 112 characters; Pulumi accepts at most 100 for a team name.',
    );
    // No service principal known yet: the provisioning-blade link is dropped, the group's link kept.
    expect(rendered.links.map((l) => l.title)).toEqual(['Open the group in Entra']);
  });

  it('never expands placeholders inside values, and encodes values in links', () => {
    const rendered = renderFix(
      'provision-missing-user',
      finding({ displayName: '{org} <img src=x>', entraId: '../../evil?x=1#' }),
      { org: 'acme', servicePrincipalId: 'sp', appId: 'app' },
    );
    expect(rendered.title).toBe('Get {org} <img src=x> provisioned to Pulumi');
    const userLink = rendered.links.find((l) => l.title === 'Open the user in Entra');
    expect(userLink?.url.endsWith('/userId/..%2F..%2Fevil%3Fx%3D1%23')).toBe(true);
  });
});
