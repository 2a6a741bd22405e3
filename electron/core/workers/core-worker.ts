/**
 * Entry of a core worker thread. The writer owns the read-write connection (migrations, settings,
 * collectors and reconciliation); the reader answers the UI's queries over a read-only WAL
 * connection. Both talk to the host thread only through the RPC channel.
 */
import { parentPort, workerData } from 'node:worker_threads';

import { toApiError } from '../../../shared/contract';
import type { WorkerConfig } from '../config/worker-config';
import type { HostServices } from '../context';
import type { StoredSecretName } from '../secrets/secret-store';
import { openCoreEndpoint, type CoreEndpoint } from './core-endpoint';
import { hostServices } from './host-service-names';
import { RpcChannel, type MessagePortLike } from './rpc';

const config = workerData as WorkerConfig;
const port = parentPort as unknown as MessagePortLike;
let endpoint: CoreEndpoint | undefined;

const rpc = new RpcChannel(port, (method, params) => {
  if (!endpoint) return Promise.reject(new Error('The core is still opening.'));
  return endpoint.handle(method, params);
});

const host: HostServices = {
  secretStates: (profile) =>
    rpc.request(hostServices.secretStates, { profile }) as ReturnType<HostServices['secretStates']>,
  secret: (profile, name: StoredSecretName) =>
    rpc.request(hostServices.secretGet, { profile, name }) as Promise<string | undefined>,
  setSecret: async (profile, name, value) => {
    await rpc.request(value === null ? hostServices.secretDelete : hostServices.secretSet, {
      profile,
      name,
      value,
    });
  },
  secretStorage: () =>
    rpc.request(hostServices.secretStorage, {}) as ReturnType<HostServices['secretStorage']>,
  printPdf: (html) => rpc.request(hostServices.printPdf, { html }) as Promise<Uint8Array>,
};

try {
  endpoint = openCoreEndpoint(config, host, (name, payload) => rpc.emit(name, payload));
  rpc.emit('worker.ready', { notices: endpoint.notices });
} catch (error) {
  rpc.emit('worker.failed', toApiError(error));
}
