/**
 * Entry of a core worker thread. The writer owns the read-write connection (migrations, settings,
 * collectors and reconciliation); the reader answers the UI's queries over a read-only WAL
 * connection. Both talk to the host thread only through the RPC channel.
 */
import { parentPort, workerData } from 'node:worker_threads';

import { toApiError } from '../../../shared/contract';
import type { WorkerConfig } from '../config/worker-config';
import { hostServicesOver, openCoreEndpoint, type CoreEndpoint } from './core-endpoint';
import { RpcChannel, type MessagePortLike } from './rpc';

const config = workerData as WorkerConfig;
const port = parentPort as unknown as MessagePortLike;
let endpoint: CoreEndpoint | undefined;

const rpc = new RpcChannel(port, (method, params) => {
  if (!endpoint) return Promise.reject(new Error('The core is still opening.'));
  return endpoint.handle(method, params);
});

const host = hostServicesOver((method, params) => rpc.request(method, params));

try {
  endpoint = openCoreEndpoint(config, host, (name, payload) => rpc.emit(name, payload));
  rpc.emit('worker.ready', { notices: endpoint.notices });
} catch (error) {
  rpc.emit('worker.failed', toApiError(error));
}
