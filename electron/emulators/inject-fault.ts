import type { ServerResponse } from 'node:http';

import type { Faults } from './faults';

/**
 * Draws the next fault and applies it to a response. Returns true when the fault answered the
 * request itself (an error status or a dropped connection); a truncation lets the handler run and
 * cuts its body in half.
 */
export function injectFault(
  faults: Faults,
  res: ServerResponse,
  sendError: (status: 429 | 503 | 504, headers: Record<string, string>) => void,
): boolean {
  const fault = faults.decide();
  if (fault.kind === 'status') {
    sendError(
      fault.status,
      fault.status === 504 ? {} : { 'retry-after': String(faults.settings.retryAfterSeconds) },
    );
    return true;
  }
  if (fault.kind === 'drop') {
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': '100000' });
    res.write('{"value":[{"id":"');
    setTimeout(() => res.socket?.destroy(), 5);
    return true;
  }
  if (fault.kind === 'truncate') truncateBody(res);
  return false;
}

/** Makes the next JSON body arrive cut in half, without a Content-Length (valid HTTP, broken JSON). */
function truncateBody(res: ServerResponse): void {
  const end = res.end.bind(res) as (chunk?: unknown) => ServerResponse;
  const writeHead = res.writeHead.bind(res);
  let cut: string | null = null;
  res.writeHead = ((status: number, headers?: Record<string, string | number>) => {
    if (headers && 'content-length' in headers) delete headers['content-length'];
    return writeHead(status, headers);
  }) as typeof res.writeHead;
  res.end = ((chunk?: unknown) => {
    if (typeof chunk === 'string' && cut === null) {
      cut = chunk.slice(0, Math.max(1, Math.floor(chunk.length / 2)));
      return end(cut);
    }
    return end(chunk);
  }) as typeof res.end;
}

/** Waits the configured latency before answering. */
export async function injectLatency(faults: Faults): Promise<void> {
  if (faults.settings.latencyMs > 0) await new Promise((r) => setTimeout(r, faults.settings.latencyMs));
}
