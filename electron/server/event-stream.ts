import type { ServerResponse } from 'node:http';

import type { EventName, EventPayload } from '../../shared/contract';

/** Server-Sent Events to every connected dashboard, with a heartbeat so proxies keep the stream open. */
export class EventStream {
  private readonly clients = new Set<ServerResponse>();
  private readonly heartbeat: NodeJS.Timeout;

  constructor(heartbeatMs = 15_000) {
    this.heartbeat = setInterval(() => this.writeAll(': heartbeat\n\n'), heartbeatMs);
    this.heartbeat.unref();
  }

  /** Turns a response into an event stream that stays open until the client leaves. */
  attach(response: ServerResponse): void {
    response.writeHead(200, {
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-store',
      Connection: 'keep-alive',
      'X-Accel-Buffering': 'no',
    });
    response.write('retry: 3000\n\n');
    this.clients.add(response);
    response.on('close', () => this.clients.delete(response));
  }

  send<E extends EventName>(event: E, payload: EventPayload<E>): void {
    this.writeAll(`event: ${event}\ndata: ${JSON.stringify(payload)}\n\n`);
  }

  get size(): number {
    return this.clients.size;
  }

  close(): void {
    clearInterval(this.heartbeat);
    for (const client of this.clients) client.end();
    this.clients.clear();
  }

  private writeAll(frame: string): void {
    for (const client of this.clients) client.write(frame);
  }
}
