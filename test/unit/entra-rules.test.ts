import { describe, expect, it } from 'vitest';

import { isGuestUpn, provisioningUpn } from '../../shared/entra-rules';

describe('Entra provisioning rules', () => {
  it('strips the #EXT# marker from guest UPNs, and leaves members alone', () => {
    expect(provisioningUpn('carol_fabrikam.com#EXT#@contoso.onmicrosoft.com')).toBe(
      'carol_fabrikam.com@contoso.onmicrosoft.com',
    );
    expect(provisioningUpn('carol_fabrikam.com#ext#@contoso.onmicrosoft.com')).toBe(
      'carol_fabrikam.com@contoso.onmicrosoft.com',
    );
    expect(provisioningUpn('alice@contoso.com')).toBe('alice@contoso.com');
    expect(isGuestUpn('carol_fabrikam.com#EXT#@contoso.onmicrosoft.com')).toBe(true);
    expect(isGuestUpn('alice@contoso.com')).toBe(false);
  });
});
