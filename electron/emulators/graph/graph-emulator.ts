import { randomBytes, randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer, type Server } from 'node:https';

import { generateLoopbackTls } from '../tls/loopback-certificates';
import { closeServer, listenOnLoopback, Router, toEmulatorRequest } from '../http-kit';
import { registerBatch } from './api/batch';
import { registerDelta } from './api/delta';
import { registerDirectory } from './api/directory';
import { registerProvisioningLogs } from './api/provisioning-logs';
import { registerSynchronization, type SynchronizationHooks } from './api/synchronization';
import { registerControlApi } from './control-api';
import { Faults } from '../faults';
import { injectFault, injectLatency } from '../inject-fault';
import type { GraphContext, GraphOptions } from './graph-context';
import { sendGraphError } from './graph-errors';
import { IdentityPlatform } from './oauth/identity-platform';
import { TokenService } from './oauth/tokens';
import { EmulatedTenant } from './tenant';
import { SlidingWindowLimiter } from './throttle';

export interface GraphEmulatorOptions {
  tenantId?: string;
  graph?: Partial<GraphOptions>;
  /** Graph's reports limit: 5 requests / 10 s per app and tenant. Tests shrink the window. */
  reportsBudget?: { count: number; windowMs: number };
  onDemandBudget?: { count: number; windowMs: number };
  deviceCodeInterval?: number;
  faultSeed?: number;
  hooks?: Partial<SynchronizationHooks>;
}

const defaultGraphOptions: GraphOptions = {
  logsTopDefault: 100,
  logsTopMax: 1000,
  directoryTopDefault: 100,
  directoryTopMax: 999,
};

/** The host every URL, certificate, issuer and nextLink uses: MSAL and the Graph client see one name. */
export const emulatorHost = 'localhost';

/**
 * Microsoft Graph and the identity platform, emulated over HTTPS on loopback with a CA generated at
 * start (hand `caPem` to the app's transport factory). State lives in `tenant`; faults in `faults`.
 */
export class GraphEmulator {
  private constructor(
    private readonly server: Server,
    readonly origin: string,
    readonly caPem: string,
    readonly controlKey: string,
    readonly tenant: EmulatedTenant,
    readonly tokens: TokenService,
    readonly identity: IdentityPlatform,
    readonly faults: Faults,
    readonly context: GraphContext,
    /** What provisionOnDemand and validateCredentials do; the provisioning engine replaces them. */
    readonly hooks: SynchronizationHooks,
  ) {}

  static async start(options: GraphEmulatorOptions = {}): Promise<GraphEmulator> {
    const tls = await generateLoopbackTls([emulatorHost], ['127.0.0.1']);
    const tenant = new EmulatedTenant(options.tenantId ?? randomUUID());
    let origin = '';
    const tokens = new TokenService(() => `${origin}/${tenant.tenantId}/v2.0`, tenant.tenantId);
    const identity = new IdentityPlatform(tenant, tokens, () => origin, {
      deviceCodeInterval: options.deviceCodeInterval ?? 5,
    });
    const faults = new Faults(options.faultSeed ?? 1);
    const reports = options.reportsBudget ?? { count: 5, windowMs: 10_000 };
    const onDemand = options.onDemandBudget ?? { count: 5, windowMs: 10_000 };
    const context: GraphContext = {
      tenant,
      tokens,
      origin: () => origin,
      options: { ...defaultGraphOptions, ...options.graph },
      reportsLimiter: new SlidingWindowLimiter(reports.count, reports.windowMs),
      onDemandLimiter: new SlidingWindowLimiter(onDemand.count, onDemand.windowMs),
    };
    const controlKey = randomBytes(16).toString('hex');
    const router = new Router();
    identity.register(router);
    registerProvisioningLogs(router, context);
    // Looked up on every call, so a provisioning engine attached later takes over.
    const hooks: SynchronizationHooks = {
      onDemand:
        options.hooks?.onDemand ??
        (() => ({
          key: JSON.stringify({
            result: 'Skipped',
            details: {
              errorCode: 'NoEngine',
              errorMessage: 'No provisioning engine is attached to this emulator.',
            },
          }),
          value: '{}',
        })),
      validateCredentials: options.hooks?.validateCredentials ?? (() => true),
    };
    registerSynchronization(router, context, hooks);
    registerDelta(router, context);
    registerDirectory(router, context);
    registerBatch(router, context, () => tls.caPem);
    registerControlApi(router, controlKey, { tenant, tokens, identity, faults });

    const server = createServer({ cert: tls.certPem, key: tls.keyPem }, (req, res) => {
      void handle(router, faults, req, res).catch(() => {
        if (!res.headersSent) sendGraphError(res, 500, 'InternalServerError', 'The emulator failed.');
        else res.destroy();
      });
    });
    origin = `https://${emulatorHost}:${await listenOnLoopback(server)}`;
    return new GraphEmulator(
      server,
      origin,
      tls.caPem,
      controlKey,
      tenant,
      tokens,
      identity,
      faults,
      context,
      hooks,
    );
  }

  close(): Promise<void> {
    return closeServer(this.server);
  }
}

async function handle(
  router: Router,
  faults: Faults,
  raw: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const request = await toEmulatorRequest(raw);
  const { url } = request;
  await injectLatency(faults);
  if (url.pathname.startsWith('/v1.0/')) {
    const answered = injectFault(faults, res, (status, headers) =>
      sendGraphError(
        res,
        status,
        { 429: 'TooManyRequests', 503: 'ServiceUnavailable', 504: 'GatewayTimeout' }[status],
        'Injected fault.',
        headers,
      ),
    );
    if (answered) return;
  }
  const match = router.match(request.method, url.pathname);
  if (!match)
    return sendGraphError(
      res,
      404,
      'Request_ResourceNotFound',
      `No route for ${request.method} ${url.pathname}.`,
    );
  request.params = match.params;
  await match.handler(request, res);
}
