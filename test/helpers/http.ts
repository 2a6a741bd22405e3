import { request } from 'node:http';

export interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** A raw HTTP request (unlike fetch, it lets a test forge Host and Origin headers). */
export function rawRequest(
  url: string,
  options: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: options.method ?? 'GET', headers: options.headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    if (options.body !== undefined) req.write(options.body);
    req.end();
  });
}

/** Reads Server-Sent Events frames until `until` matches or the timeout passes. */
export function collectEvents(
  url: string,
  headers: Record<string, string>,
  until: (frames: string) => boolean,
  timeoutMs = 5000,
): Promise<string> {
  return new Promise((resolve, reject) => {
    let frames = '';
    const req = request(url, { headers }, (res) => {
      if (res.statusCode !== 200) reject(new Error(`SSE answered ${res.statusCode}`));
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        frames += chunk;
        if (until(frames)) {
          req.destroy();
          resolve(frames);
        }
      });
    });
    req.on('error', (error) => (error.message.includes('aborted') ? resolve(frames) : reject(error)));
    setTimeout(() => {
      req.destroy();
      resolve(frames);
    }, timeoutMs);
    req.end();
  });
}
