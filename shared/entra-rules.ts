/**
 * How Entra's provisioning service treats directory data, written once so the provisioning engine
 * (emulator) and the reconciliation (app) agree.
 */

/** True for a B2B guest's UPN, e.g. `carol_fabrikam.com#EXT#@contoso.onmicrosoft.com`. */
export function isGuestUpn(upn: string): boolean {
  return /#EXT#/i.test(upn);
}

/**
 * The userPrincipalName as Entra's provisioning service uses it as a source value: a guest's
 * `#EXT#` marker is removed (`carol_fabrikam.com#EXT#@contoso…` → `carol_fabrikam.com@contoso…`).
 */
export function provisioningUpn(upn: string): string {
  return upn.replace(/#EXT#/gi, '');
}
