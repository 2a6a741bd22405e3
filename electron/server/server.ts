import {
  createServer as createHttpServer,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';

import { isMethodName, ScimWatchError, toApiError, type ApiError } from '../../shared/contract';
import { isLoopbackHost } from '../../shared/net';
import type { CoreHost } from '../core/core-host';
import { cookieName, generateAccessToken, readCookie, tokensMatch } from './access-token';
import { EventStream } from './event-stream';
import { httpStatusFor } from './http-status';
import { allowedOrigins, refusalReason, type Origins } from './request-guards';
import { applySecurityHeaders } from './security-headers';
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
  sendJson(response, httpStatusFor[error.code], { ok: false, error });
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
  const origins: Origins = allowedOrigins(bind, port, scheme, options.publicHost);
  const cookie = cookieName(port);

  const handle = async (request: IncomingMessage, response: ServerResponse) => {
    applySecurityHeaders(response, Boolean(options.tls));
    const refusal = refusalReason(request, origins);
    if (refusal)
      return sendError(response, {
        code: 'forbidden',
        message: `Refused: ${refusal}.`,
        hint: 'Open the URL ScimWatch printed.',
      });
    const url = new URL(request.url ?? '/', 'http://localhost');
    const authorization = request.headers.authorization;
    const bearer = authorization?.startsWith('Bearer ') ? authorization.slice(7) : undefined;
    const presented = bearer ?? readCookie(request.headers.cookie, cookie);
    const queryToken = url.searchParams.get('token') ?? undefined;

    if (request.method === 'GET' && queryToken !== undefined && !url.pathname.startsWith('/api/')) {
      if (!tokensMatch(token, queryToken)) return sendError(response, unauthorized());
      // Trade the token in the URL for a cookie, and drop it from the address bar and history.
      const secure = options.tls ? '; Secure' : '';
      response.setHeader('Set-Cookie', `${cookie}=${token}; HttpOnly; SameSite=Strict; Path=/${secure}`);
      response.writeHead(303, { Location: '/' });
      return response.end();
    }
    if (!tokensMatch(token, presented)) return sendError(response, unauthorized());

    if (url.pathname === '/api/events' && request.method === 'GET') return events.attach(response);
    if (url.pathname.startsWith('/api/')) {
      const method = url.pathname.slice('/api/'.length);
      if (request.method !== 'POST')
        return sendError(response, {
          code: 'invalid_input',
          message: 'Use POST.',
          hint: 'POST /api/<method>',
        });
      if (!isMethodName(method)) {
        return sendError(response, {
          code: 'unknown_method',
          message: `No such method: ${method}.`,
          hint: 'See the API contract.',
        });
      }
      try {
        const result = await options.core.dispatch(method, await readJsonBody(request));
        return sendJson(response, 200, { ok: true, result });
      } catch (error) {
        if (!(error instanceof ScimWatchError)) options.core.log.error(`${method} failed`, { error });
        return sendError(response, toApiError(error));
      }
    }
    if (request.method !== 'GET' || !options.staticDir) return sendError(response, notFound());
    const file = findStaticFile(options.staticDir, url.pathname);
    if (!file) return sendError(response, notFound());
    response.writeHead(200, {
      'Content-Type': file.contentType,
      'Cache-Control': file.immutable ? 'public, max-age=31536000, immutable' : 'no-store',
    });
    response.end(file.body);
  };

  server.on('request', (request: IncomingMessage, response: ServerResponse) => {
    handle(request, response).catch((error: unknown) => {
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
