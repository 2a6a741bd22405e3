import { createServer as createHttpServer, type Server } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { connect, type AddressInfo } from 'node:net';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { TransportFactory } from '../../electron/core/transport/transport-factory';
import { generateLoopbackTls, type LoopbackTls } from '../../electron/emulators/tls/loopback-certificates';

const listen = (server: Server) =>
  new Promise<number>((resolve) =>
    server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port)),
  );

describe('the transport behind a proxy', () => {
  let tls: LoopbackTls;
  let target: Server;
  let proxy: Server;
  let targetPort = 0;
  let proxyPort = 0;
  const tunnels: string[] = [];

  beforeAll(async () => {
    tls = await generateLoopbackTls();
    target = createHttpsServer({ cert: tls.certPem, key: tls.keyPem }, (_req, res) => res.end('through'));
    targetPort = await listen(target);
    // A minimal CONNECT proxy, as corporate proxies tunnel HTTPS.
    proxy = createHttpServer();
    proxy.on('connect', (req, socket, head) => {
      tunnels.push(req.url ?? '');
      const [host, port] = (req.url ?? '').split(':');
      const upstream = connect(Number(port), host === 'localhost' ? '127.0.0.1' : host, () => {
        socket.write('HTTP/1.1 200 Connection Established\r\n\r\n');
        upstream.write(head);
        upstream.pipe(socket);
        socket.pipe(upstream);
      });
      upstream.on('error', () => socket.destroy());
    });
    proxyPort = await listen(proxy);
  });
  afterAll(() => {
    target.close();
    proxy.close();
  });

  it('tunnels HTTPS through HTTPS_PROXY, keeping the CA trust end to end', async () => {
    const transport = new TransportFactory({ env: { HTTPS_PROXY: `http://127.0.0.1:${proxyPort}` } });
    transport.addCa(tls.caPem);
    tunnels.length = 0;
    const response = await transport.fetch(`https://localhost:${targetPort}/`);
    expect(await response.text()).toBe('through');
    expect(tunnels).toEqual([`localhost:${targetPort}`]);
    await transport.close();
  });

  it('goes direct for hosts in NO_PROXY', async () => {
    const transport = new TransportFactory({
      env: { HTTPS_PROXY: `http://127.0.0.1:${proxyPort}`, NO_PROXY: 'localhost' },
    });
    transport.addCa(tls.caPem);
    tunnels.length = 0;
    const response = await transport.fetch(`https://localhost:${targetPort}/`);
    expect(await response.text()).toBe('through');
    expect(tunnels).toEqual([]);
    await transport.close();
  });
});
