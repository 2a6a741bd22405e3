import {
  createServer as createHttpServer,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { generateLoopbackTls, type LoopbackTls } from '../../electron/emulators/tls/loopback-certificates';
import { TransportFactory } from '../../electron/core/transport/transport-factory';

function listen(server: Server): Promise<number> {
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port)),
  );
}

describe('the transport factory', () => {
  const seen: IncomingMessage[] = [];
  const record = (request: IncomingMessage, response: ServerResponse) => {
    seen.push(request);
    response.end(JSON.stringify({ path: request.url }));
  };
  let tls: LoopbackTls;
  let httpsServer: Server;
  let httpServer: Server;
  let httpsPort = 0;
  let httpPort = 0;

  beforeAll(async () => {
    tls = await generateLoopbackTls();
    httpsServer = createHttpsServer({ cert: tls.certPem, key: tls.keyPem }, record);
    httpServer = createHttpServer(record);
    httpsPort = await listen(httpsServer);
    httpPort = await listen(httpServer);
  });
  afterAll(() => {
    httpsServer.close();
    httpServer.close();
  });

  it('refuses plain HTTP to a host that is not loopback, before connecting', async () => {
    const transport = new TransportFactory({ env: {} });
    await expect(transport.fetch('http://api.pulumi.com/scim/v2/acme/Users')).rejects.toThrow(/plain HTTP/);
    expect(() => transport.boundClient('http://graph.example.com', () => 'Bearer t')).toThrow(/plain HTTP/);
  });

  it('trusts a CA handed in at run time, and not before', async () => {
    const transport = new TransportFactory({ env: {} });
    await expect(transport.fetch(`https://127.0.0.1:${httpsPort}/before`)).rejects.toThrow();
    transport.addCa(tls.caPem);
    const response = await transport.fetch(`https://localhost:${httpsPort}/after`);
    expect(await response.json()).toEqual({ path: '/after' });
    await transport.close();
  });

  it('sends the credential only to the bound origin and follows no nextLink elsewhere', async () => {
    const transport = new TransportFactory({ env: {} });
    transport.addCa(tls.caPem);
    const client = transport.boundClient(`https://127.0.0.1:${httpsPort}/v1.0/`, () => 'Bearer secret-token');
    seen.length = 0;
    await client.request('/v1.0/auditLogs/provisioning');
    expect(seen[0]?.headers.authorization).toBe('Bearer secret-token');
    await client.follow(`https://127.0.0.1:${httpsPort}/v1.0/auditLogs/provisioning?$skiptoken=2`);
    expect(seen).toHaveLength(2);
    for (const elsewhere of [
      `https://localhost:${httpsPort}/steal`,
      `http://127.0.0.1:${httpPort}/steal`,
      'https://evil.example/steal',
    ]) {
      await expect(client.follow(elsewhere)).rejects.toThrow(/Refused to send credentials/);
    }
    expect(seen).toHaveLength(2);
    await transport.close();
  });

  it('allows plain HTTP to loopback, for emulators and local proxies', async () => {
    const transport = new TransportFactory({ env: {} });
    const response = await transport.fetch(`http://127.0.0.1:${httpPort}/ok`);
    expect(response.status).toBe(200);
    await transport.close();
  });

  it('builds @azure/identity options that carry the same trust', () => {
    const transport = new TransportFactory({ env: {} });
    transport.addCa(tls.caPem);
    expect(transport.identityOptions().tlsOptions.ca).toContain(tls.caPem);
  });
});
