import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer, type Server } from 'node:https';

import { Faults } from '../faults';
import { closeServer, listenOnLoopback, Router, sendJson, toEmulatorRequest } from '../http-kit';
import { injectFault, injectLatency } from '../inject-fault';
import { generateLoopbackTls } from '../tls/loopback-certificates';
import { registerPulumiControl } from './control-api';
import { PulumiOrg, type PulumiOrgOptions } from './pulumi-org';
import { registerRestApi } from './rest-api';
import type { ScimContext } from './scim-context';
import { registerScimGroups } from './scim-groups';
import { sendScimError } from './scim-responses';
import { registerScimUsers } from './scim-users';

/** What an overloaded or failing Pulumi says (the injected faults). */
const faultDetail = {
  429: 'Too many requests, please retry later.',
  503: 'Service unavailable.',
  504: 'Gateway timeout.',
};

export interface PulumiEmulatorOptions {
  org?: string;
  orgOptions?: Partial<PulumiOrgOptions>;
  restPageSize?: number;
  faultSeed?: number;
}

/**
 * Pulumi Cloud's SCIM service (`/scim/v2/{org}`) and the REST endpoints ScimWatch reads, over HTTPS
 * on loopback with a CA generated at start. State lives in `org`.
 */
export class PulumiEmulator {
  private constructor(
    private readonly server: Server,
    readonly origin: string,
    readonly caPem: string,
    readonly controlKey: string,
    readonly org: PulumiOrg,
    readonly faults: Faults,
    /** A REST access token (Authorization: token …) that works from the start. */
    readonly accessToken: string,
  ) {}

  get scimBaseUrl(): string {
    return `${this.origin}/scim/v2/${this.org.name}`;
  }

  static async start(options: PulumiEmulatorOptions = {}): Promise<PulumiEmulator> {
    const tls = await generateLoopbackTls(['localhost'], ['127.0.0.1']);
    const org = new PulumiOrg(options.org ?? 'acme', options.orgOptions);
    const accessToken = `pul-${randomBytes(20).toString('hex')}`;
    org.accessTokens.add(accessToken);
    const faults = new Faults(options.faultSeed ?? 1);
    const controlKey = randomBytes(16).toString('hex');
    let origin = '';
    const scim: ScimContext = { org, base: () => `${origin}/scim/v2/${org.name}` };
    const router = new Router();
    registerScimUsers(router, scim);
    registerScimGroups(router, scim);
    registerRestApi(router, org, { pageSize: options.restPageSize ?? 100 }, () => origin);
    registerPulumiControl(router, controlKey, org, faults);

    const server = createServer({ cert: tls.certPem, key: tls.keyPem }, (req, res) => {
      void handle(router, org, faults, req, res).catch(() => {
        if (!res.headersSent) sendJson(res, 500, { code: 500, message: 'The emulator failed.' });
        else res.destroy();
      });
    });
    origin = `https://localhost:${await listenOnLoopback(server)}`;
    return new PulumiEmulator(server, origin, tls.caPem, controlKey, org, faults, accessToken);
  }

  close(): Promise<void> {
    return closeServer(this.server);
  }
}

async function handle(
  router: Router,
  org: PulumiOrg,
  faults: Faults,
  raw: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const request = await toEmulatorRequest(raw);
  const { url } = request;
  await injectLatency(faults);
  const isScim = url.pathname.startsWith('/scim/v2/');
  if (isScim || url.pathname.startsWith('/api/')) {
    const answered = injectFault(faults, res, (status, headers) =>
      isScim
        ? sendScimError(res, org, status, faultDetail[status], undefined, headers)
        : sendJson(res, status, { code: status, message: faultDetail[status] }, headers),
    );
    if (answered) return;
  }
  const match = router.match(request.method, url.pathname);
  if (!match)
    return sendJson(res, 404, { code: 404, message: `No route for ${request.method} ${url.pathname}` });
  request.params = match.params;
  if (isScim) {
    if (request.params.org !== org.name)
      return sendScimError(res, org, 404, `Organization '${request.params.org}' not found.`);
    const authorization = request.header('authorization') ?? '';
    if (authorization !== `Bearer ${org.scimToken}`) {
      // Pulumi records every refused SCIM call: the clearest sign Entra still holds a stale token.
      org.audit(
        'auth-failure-scim-access-token',
        'A SCIM request was made with an invalid access token',
        true,
      );
      return sendScimError(res, org, 401, 'Invalid or missing SCIM access token.');
    }
  }
  await match.handler(request, res);
}
