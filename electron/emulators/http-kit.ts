import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A tiny router: method + path pattern (":name" segments), first match wins. */
export type RouteHandler = (request: EmulatorRequest, response: ServerResponse) => void | Promise<void>;

export interface EmulatorRequest {
  raw: IncomingMessage;
  method: string;
  url: URL;
  params: Record<string, string>;
  body: string;
  header(name: string): string | undefined;
}

interface Route {
  method: string;
  parts: string[];
  handler: RouteHandler;
}

export class Router {
  private readonly routes: Route[] = [];

  on(method: string, pattern: string, handler: RouteHandler): this {
    this.routes.push({ method, parts: pattern.split('/').filter(Boolean), handler });
    return this;
  }

  match(method: string, path: string): { handler: RouteHandler; params: Record<string, string> } | null {
    const segments = path.split('/').filter(Boolean).map(decodeURIComponent);
    for (const route of this.routes) {
      if (route.method !== method || route.parts.length !== segments.length) continue;
      const params: Record<string, string> = {};
      const ok = route.parts.every((part, i) => {
        const segment = segments[i] ?? '';
        if (part.startsWith(':')) {
          params[part.slice(1)] = segment;
          return true;
        }
        return part === segment;
      });
      if (ok) return { handler: route.handler, params };
    }
    return null;
  }
}

export async function readBody(request: IncomingMessage, limit = 5 * 1024 * 1024): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) throw new Error('body too large');
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

export function sendJson(
  response: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const text = JSON.stringify(body);
  response.writeHead(status, {
    'content-type': 'application/json; odata.metadata=minimal; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    ...headers,
  });
  response.end(text);
}

export function sendEmpty(response: ServerResponse, status = 204): void {
  response.writeHead(status);
  response.end();
}

/** A JSON field as text: strings pass, anything else (absent, object, number) becomes `fallback`. */
export function text(value: unknown, fallback = ''): string {
  return typeof value === 'string' ? value : fallback;
}

/** Reads an incoming request (body included) into the shape route handlers take. */
export async function toEmulatorRequest(raw: IncomingMessage): Promise<EmulatorRequest> {
  return {
    raw,
    method: raw.method ?? 'GET',
    url: new URL(raw.url ?? '/', 'https://localhost'),
    params: {},
    body: await readBody(raw),
    header: (name) => {
      const value = raw.headers[name.toLowerCase()];
      return Array.isArray(value) ? value[0] : value;
    },
  };
}

/** Listens on 127.0.0.1 at a free port and returns the port. */
export async function listenOnLoopback(server: Server): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  return (server.address() as AddressInfo).port;
}

/** Closes a server, ending open connections (kept-alive clients would otherwise hold it open). */
export async function closeServer(server: Server): Promise<void> {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
}
