import {
  createServer as createHttpServer,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';

import {
  isMethodName,
  ScimWatchError,
  toApiError,
  type ApiError,
  type ReplyEnvelope,
} from '../../shared/contract';
import { isLoopbackHost } from '../../shared/net';
import type { CoreHost } from '../core/core-host';
import { cookieName, generateAccessToken, readCookie, tokensMatch } from './access-token';
import { EventStream } from './event-stream';
import { httpStatusFor } from './http-status';
import { allowedOrigins, refusalReason, type Origins } from './request-guards';
import { applySecurityHeaders } from './security-headers';
import { reportDownloadPrefix, sendReport } from './report-download';
import { findStaticFile } from './static-files';

export interface ServerOptions {
  core: CoreHost;
  host?: string;
  port?: number;
  tls?: { cert: string | Buffer; key: string | Buffer };
  /** The built renderer (out/renderer); the API works without it. */
  staticDir?: string;
  /** The name clients use when it is none of this machine's (e.g. behind DNS); checked against Host. */
  publicHost?: string;
  /** For tests and delegation: use this token instead of a random one. */
  accessToken?: string;
}

export interface RunningServer {
  /** The address to open, with the access token, e.g. http://127.0.0.1:4173/?token=… */
  url: string;
  /** The address without the token (safe to log or store). */
  origin: string;
  accessToken: string;
  port: number;
  close(): Promise<void>;
}

const maxBodyBytes = 1024 * 1024;

function sendJson(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Cache-Control': 'no-store',
  });
  response.end(JSON.stringify(body));
}

function sendError(response: ServerResponse, error: ApiError): void {
  sendJson(response, httpStatusFor[error.code], { ok: false, error } satisfies ReplyEnvelope);
}

async function readJsonBody(request: IncomingMessage): Promise<unknown> {
  const type = request.headers['content-type'] ?? '';
  // Requiring JSON also forces browsers to preflight cross-origin posts, which this server never approves.
  if (!type.toLowerCase().startsWith('application/json')) {
    throw new ScimWatchError(
      'invalid_input',
      'Requests must be sent as application/json.',
      'Set Content-Type.',
    );
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > maxBodyBytes)
      throw new ScimWatchError('invalid_input', 'The request body is too large.', 'Send less.');
    chunks.push(chunk);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  if (text.trim() === '') return {};
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new ScimWatchError('invalid_input', 'The request body is not valid JSON.', 'Send a JSON object.');
  }
}

/** What every route of one running server needs. */
interface Routes {
  options: ServerOptions;
  token: string;
  events: EventStream;
  origins: Origins;
  cookie: string;
}

/** A GET with ?token=…: trade the token in the URL for a cookie, and drop it from the address bar and history. */
function tradeTokenForCookie(routes: Routes, response: ServerResponse, presented: string): void {
  if (!tokensMatch(routes.token, presented)) return sendError(response, unauthorized());
  const secure = routes.options.tls ? '; Secure' : '';
  response.setHeader(
    'Set-Cookie',
    `${routes.cookie}=${routes.token}; HttpOnly; SameSite=Strict; Path=/${secure}`,
  );
  response.writeHead(303, { Location: '/' });
  response.end();
}

/** POST /api/<method>: one contract request, answered in the reply envelope. */
async function serveApi(routes: Routes, request: IncomingMessage, response: ServerResponse, method: string) {
  if (request.method !== 'POST')
    return sendError(response, { code: 'invalid_input', message: 'Use POST.', hint: 'POST /api/<method>' });
  if (!isMethodName(method)) {
    return sendError(response, {
      code: 'unknown_method',
      message: `No such method: ${method}.`,
      hint: 'See the API contract.',
    });
  }
  const { core } = routes.options;
  try {
    const result = await core.dispatch(method, await readJsonBody(request));
    return sendJson(response, 200, { ok: true, result } satisfies ReplyEnvelope);
  } catch (error) {
    if (!(error instanceof ScimWatchError)) core.log.error(`${method} failed`, { error });
    return sendError(response, toApiError(error));
  }
}

/** The built dashboard's files; hashed assets are cached for good, everything else never. */
function serveStatic(routes: Routes, request: IncomingMessage, response: ServerResponse, pathname: string) {
  const { staticDir } = routes.options;
  if (request.method !== 'GET' || !staticDir) return sendError(response, notFound());
  const file = findStaticFile(staticDir, pathname);
  if (!file) return sendError(response, notFound());
  response.writeHead(200, {
    'Content-Type': file.contentType,
    'Cache-Control': file.immutable ? 'public, max-age=31536000, immutable' : 'no-store',
  });
  response.end(file.body);
}

/** Guards first (origin, host, token), then the route: events, API, or static files. */
async function handle(routes: Routes, request: IncomingMessage, response: ServerResponse): Promise<void> {
  applySecurityHeaders(response, Boolean(routes.options.tls));
  const refusal = refusalReason(request, routes.origins);
  if (refusal)
    return sendError(response, {
      code: 'forbidden',
      message: `Refused: ${refusal}.`,
      hint: 'Open the URL ScimWatch printed.',
    });
  const url = new URL(request.url ?? '/', 'http://localhost');
  const authorization = request.headers.authorization;
  const bearer = authorization?.startsWith('Bearer ') ? authorization.slice(7) : undefined;
  const presented = bearer ?? readCookie(request.headers.cookie, routes.cookie);
  const queryToken = url.searchParams.get('token') ?? undefined;
  if (request.method === 'GET' && queryToken !== undefined && !url.pathname.startsWith('/api/'))
    return tradeTokenForCookie(routes, response, queryToken);
  if (!tokensMatch(routes.token, presented)) return sendError(response, unauthorized());
  if (url.pathname === '/api/events' && request.method === 'GET') return routes.events.attach(response);
  if (url.pathname.startsWith('/api/'))
    return serveApi(routes, request, response, url.pathname.slice('/api/'.length));
  if (url.pathname.startsWith(reportDownloadPrefix) && request.method === 'GET') {
    const id = decodeURIComponent(url.pathname.slice(reportDownloadPrefix.length));
    if (!(await sendReport(routes.options.core, response, id))) return sendError(response, notFound());
    return;
  }
  return serveStatic(routes, request, response, url.pathname);
}

/**
 * Serves the contract over HTTP (POST /api/<method>), events over SSE (GET /api/events) and the built
 * dashboard. Loopback only unless TLS is configured; every request needs the run's access token.
 */
export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const bind = options.host ?? '127.0.0.1';
  if (!isLoopbackHost(bind) && !options.tls) {
    throw new ScimWatchError(
      'invalid_input',
      `Refusing to serve on ${bind} without TLS: the access token would cross the network in clear text.`,
      'Bind to 127.0.0.1 (the default), or pass --tls-cert and --tls-key.',
    );
  }
  const token = options.accessToken ?? generateAccessToken();
  const events = new EventStream();
  const unsubscribe = options.core.subscribe((event, payload) => events.send(event, payload));
  // Listen first: the allowed Host values and the cookie name depend on the port we get.
  const server: Server = options.tls ? createHttpsServer(options.tls) : createHttpServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, bind, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const scheme = options.tls ? 'https' : 'http';
  const routes: Routes = {
    options,
    token,
    events,
    origins: allowedOrigins(bind, port, scheme, options.publicHost),
    cookie: cookieName(port),
  };
  server.on('request', (request: IncomingMessage, response: ServerResponse) => {
    handle(routes, request, response).catch((error: unknown) => {
      options.core.log.error('Request failed', { error });
      if (!response.headersSent) sendError(response, toApiError(error));
      else response.end();
    });
  });
  const displayHost = bind.includes(':') ? `[${bind}]` : bind;
  const origin = `${scheme}://${displayHost}:${port}`;
  return {
    url: `${origin}/?token=${token}`,
    origin,
    accessToken: token,
    port,
    close: async () => {
      unsubscribe();
      events.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function unauthorized(): ApiError {
  return {
    code: 'unauthorized',
    message: 'This ScimWatch server needs its access token.',
    hint: 'Open the full URL that `scimwatch serve` printed (it ends in ?token=…).',
  };
}

function notFound(): ApiError {
  return { code: 'not_found', message: 'Not found.', hint: 'Open the dashboard at /.' };
}
