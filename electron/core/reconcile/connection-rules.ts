import type { RuleContext } from './rule-context';

/**
 * Connections, from what the collectors were refused and what Entra's log and quarantine say:
 * Pulumi's SCIM token rejected, a Graph permission missing, no licence for the provisioning logs.
 */
export function connectionRules(context: RuleContext): void {
  const { input, findings } = context;
  for (const error of input.pollErrors) {
    if (error.code === 'permission_missing')
      findings.add(
        'connection.graph_permission_missing',
        { part: error.source, displayName: 'ScimWatch app registration' },
        { source: error.source, message: error.message, hint: error.hint ?? '', since: error.at },
      );
    if (error.code === 'license_missing')
      findings.add(
        'connection.license_missing',
        { displayName: 'Entra tenant' },
        { source: error.source, message: error.message, since: error.at },
      );
  }

  const refusedScimWatch = input.pollErrors.find(
    (e) => e.source.startsWith('pulumi.') && e.code === 'unauthorized',
  );
  let refusedEntra = 0;
  for (const outcome of context.failures.values()) if (outcome.cause === 'unauthorized') refusedEntra += 1;
  const quarantine = (input.jobHistory.at(-1)?.state.status as Record<string, unknown> | undefined)
    ?.quarantine as { error?: { code?: string } } | null | undefined;
  const quarantinedForCredentials = /CredentialValidation/i.test(quarantine?.error?.code ?? '');
  if (refusedScimWatch || refusedEntra > 0 || quarantinedForCredentials)
    findings.add(
      'connection.pulumi_unauthorized',
      { displayName: 'Pulumi SCIM token' },
      {
        scimWatchRefused: Boolean(refusedScimWatch),
        scimWatchMessage: refusedScimWatch?.message ?? null,
        entraFailures: refusedEntra,
        quarantinedForCredentials,
      },
    );
}
