import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { resolveDataDir } from '../../electron/core/config/data-dir';
import { effectiveSettings } from '../../electron/core/config/effective-settings';
import { readEnvironment } from '../../electron/core/config/environment';
import { missingSettings } from '../../electron/core/config/completeness';
import { resolveActiveProfile, saveSelectedProfile } from '../../electron/core/profiles/profile-registry';
import { makeTempDir } from '../helpers/temp-dir';

const tenant = '11111111-2222-3333-4444-555555555555';

describe('configuration', () => {
  let dir: ReturnType<typeof makeTempDir>;
  beforeEach(() => (dir = makeTempDir()));
  afterEach(() => dir.remove());

  it('names the variable in a one-line error for an invalid value', () => {
    expect(() => readEnvironment({ SCIMWATCH_CLIENT_ID: 'abc' })).toThrow(/^SCIMWATCH_CLIENT_ID is invalid/);
    expect(() => readEnvironment({ SCIMWATCH_PULUMI_SELF_HOSTED: 'maybe' })).toThrow(
      /SCIMWATCH_PULUMI_SELF_HOSTED/,
    );
    expect(() => readEnvironment({ SCIMWATCH_PULUMI_API_URL: 'http://api.pulumi.com' })).toThrow(
      /SCIMWATCH_PULUMI_API_URL is invalid: plain HTTP/,
    );
    expect(() => readEnvironment({ SCIMWATCH_PROFILE: '../etc' })).toThrow(/SCIMWATCH_PROFILE/);
    expect(() => readEnvironment({ SCIMWATCH_LOG_LEVEL: 'chatty' })).toThrow(/SCIMWATCH_LOG_LEVEL/);
  });

  it('resolves environment over saved over defaults, saying where each value came from', () => {
    const settings = effectiveSettings(
      readEnvironment({ SCIMWATCH_TENANT_ID: tenant, SCIMWATCH_PULUMI_SELF_HOSTED: 'yes' }).settings,
      { tenantId: 'contoso.onmicrosoft.com', pulumiOrg: 'acme' },
    );
    expect(settings.tenantId).toEqual({ value: tenant, source: 'environment' });
    expect(settings.pulumiOrg).toEqual({ value: 'acme', source: 'saved' });
    expect(settings.pulumiSelfHosted).toEqual({ value: true, source: 'environment' });
    expect(settings.graphUrl).toEqual({ value: 'https://graph.microsoft.com', source: 'default' });
    expect(settings.jobId).toEqual({ value: null, source: null });
  });

  it('picks the profile: SCIMWATCH_PROFILE, then the saved choice, then default when configured, else demo', () => {
    expect(resolveActiveProfile(dir.path, readEnvironment({}))).toEqual({ name: 'demo', pinnedBy: null });
    expect(resolveActiveProfile(dir.path, readEnvironment({ SCIMWATCH_TENANT_ID: tenant })).name).toBe(
      'default',
    );
    saveSelectedProfile(dir.path, 'staging');
    expect(resolveActiveProfile(dir.path, readEnvironment({ SCIMWATCH_TENANT_ID: tenant })).name).toBe(
      'staging',
    );
    expect(resolveActiveProfile(dir.path, readEnvironment({ SCIMWATCH_PROFILE: 'prod' }))).toEqual({
      name: 'prod',
      pinnedBy: 'SCIMWATCH_PROFILE',
    });
  });

  it('ignores a damaged saved choice instead of failing to start', () => {
    mkdirSync(dir.path, { recursive: true });
    writeFileSync(join(dir.path, 'state.json'), '{ not json');
    expect(resolveActiveProfile(dir.path, readEnvironment({})).name).toBe('demo');
  });

  it('lists what a partly configured live profile still needs', () => {
    const missing = missingSettings({ tenantId: tenant, authMethod: 'secret' }, () => false);
    expect(missing).toEqual([
      'SCIMWATCH_CLIENT_ID',
      'SCIMWATCH_SERVICE_PRINCIPAL_ID or SCIMWATCH_PROVISIONING_APP_ID',
      'SCIMWATCH_CLIENT_SECRET',
      'SCIMWATCH_PULUMI_ORG',
      'SCIMWATCH_PULUMI_SCIM_TOKEN',
    ]);
    expect(
      missingSettings(
        {
          tenantId: tenant,
          clientId: tenant,
          authMethod: 'device-code',
          provisioningAppId: tenant,
          pulumiOrg: 'acme',
        },
        (name) => name === 'pulumiScimToken',
      ),
    ).toEqual([]);
  });

  it('finds the data folder where Electron keeps userData', () => {
    expect(resolveDataDir({ SCIMWATCH_DATA_DIR: '/x' })).toBe('/x');
    expect(resolveDataDir({}, 'linux', '/home/a')).toBe('/home/a/.config/ScimWatch');
    expect(resolveDataDir({ XDG_CONFIG_HOME: '/cfg' }, 'linux', '/home/a')).toBe('/cfg/ScimWatch');
    expect(resolveDataDir({}, 'darwin', '/Users/a')).toBe('/Users/a/Library/Application Support/ScimWatch');
    expect(resolveDataDir({ APPDATA: 'C:\\Users\\a\\AppData\\Roaming' }, 'win32', 'C:\\Users\\a')).toContain(
      'ScimWatch',
    );
  });
});
