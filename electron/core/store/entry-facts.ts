/** The modified properties whose new values a search by identity finds (a UPN, user name, mail). */
const searchedProperties = new Set([
  'userPrincipalName',
  'userName',
  'mail',
  'mailNickname',
  'emails[type eq "work"].value',
  'externalId',
]);

/** What the product reads from a log entry beyond its columns, kept in columns of their own. */
export interface EntryFacts {
  /** Entra's reason for a failure or skip (it quotes Pulumi's SCIM error). */
  reason: string | null;
  /** The identity values the entry set, space-separated, for the search index. */
  identityValues: string | null;
}

interface EntryShape {
  provisioningStatusInfo?: { errorInformation?: { reason?: unknown } | null } | null;
  modifiedProperties?: { displayName?: unknown; newValue?: unknown }[] | null;
}

export function entryFacts(entry: EntryShape | null): EntryFacts {
  if (!entry || typeof entry !== 'object') return { reason: null, identityValues: null };
  const reason = entry.provisioningStatusInfo?.errorInformation?.reason;
  const values = (Array.isArray(entry.modifiedProperties) ? entry.modifiedProperties : [])
    .filter((p) => typeof p.displayName === 'string' && searchedProperties.has(p.displayName))
    .map((p) => p.newValue)
    .filter((v): v is string => typeof v === 'string' && v !== '');
  return {
    reason: typeof reason === 'string' ? reason : null,
    identityValues: values.length ? values.join(' ') : null,
  };
}
