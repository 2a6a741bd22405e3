import { PulumiRestClient } from '../../electron/core/pulumi/rest-client';
import { PulumiScimClient } from '../../electron/core/pulumi/scim-client';
import { TransportFactory } from '../../electron/core/transport/transport-factory';
import { PulumiEmulator, type PulumiEmulatorOptions } from '../../electron/emulators/pulumi/pulumi-emulator';

export interface PulumiWorld {
  emulator: PulumiEmulator;
  transport: TransportFactory;
  scim: (token?: string) => PulumiScimClient;
  rest: (token?: string) => PulumiRestClient;
  /** A raw SCIM request, as Entra's provisioning service would send it. */
  send: (
    method: string,
    path: string,
    body?: unknown,
    token?: string,
  ) => Promise<{ status: number; body: Record<string, unknown> | null }>;
}

export async function startPulumiWorld(options: PulumiEmulatorOptions = {}): Promise<PulumiWorld> {
  const emulator = await PulumiEmulator.start(options);
  const transport = new TransportFactory({ env: {} });
  transport.addCa(emulator.caPem);
  return {
    emulator,
    transport,
    scim: (token = emulator.org.scimToken) =>
      new PulumiScimClient({ baseUrl: emulator.scimBaseUrl, token, transport, concurrency: 3 }),
    rest: (token = emulator.accessToken) =>
      new PulumiRestClient({ apiUrl: emulator.origin, org: emulator.org.name, token, transport }),
    send: async (method, path, body, token = emulator.org.scimToken) => {
      const response = await transport.fetch(`${emulator.scimBaseUrl}${path}`, {
        method,
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/scim+json' },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      const text = await response.text();
      return { status: response.status, body: text ? (JSON.parse(text) as Record<string, unknown>) : null };
    },
  };
}

/** The body Entra's default user mapping sends on create (trimmed to Pulumi's six attributes unless `extra`). */
export function entraUser(
  userName: string,
  email: string | null,
  extra: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
    externalId: userName.split('@')[0],
    userName,
    active: true,
    displayName: userName.split('@')[0],
    name: { givenName: 'Given', familyName: 'Family' },
    ...(email ? { emails: [{ primary: true, type: 'work', value: email }] } : {}),
    ...extra,
  };
}
