/**
 * Entry of a core worker thread. The writer owns the read-write connection (migrations, settings,
 * collectors and reconciliation); the reader answers the UI's queries over a read-only WAL
 * connection. Both talk to the host thread only through the RPC channel.
 */
import { parentPort, workerData } from 'node:worker_threads';

import type Database from 'better-sqlite3';

import { isMethodName, ScimWatchError } from '../../../shared/contract';
import type { WorkerConfig } from '../config/worker-config';
import type { CoreContext, HostServices } from '../context';
import type { HandlerContext } from '../handlers/context';
import { readerHandlers, writerHandlers } from '../handlers/routes';
import { createLogger } from '../log/logger';
import type { PollingService } from '../polling/polling-service';
import { StoreMaintenance } from '../maintenance/store-maintenance';
import { closeStore, openReadOnlyStore, openStore } from '../store/open-database';
import { systemClock } from '../time/clock';
import type { StoredSecretName } from '../secrets/secret-store';
import { hostServices } from './host-service-names';
import { RpcChannel, type MessagePortLike } from './rpc';

const config = workerData as WorkerConfig;
const port = parentPort as unknown as MessagePortLike;
const table =
  config.role === 'reader'
    ? readerHandlers
    : config.servesReads
      ? { ...readerHandlers, ...writerHandlers }
      : writerHandlers;
let db: Database.Database | undefined;
let context: HandlerContext | undefined;
let maintenance: StoreMaintenance | undefined;
// The writer's polling service, loaded on first use: reads never load collectors, MSAL or Graph.
let polling: Promise<PollingService> | undefined;

function pollingFor(core: CoreContext): Promise<PollingService> {
  if (config.role !== 'writer')
    return Promise.reject(new ScimWatchError('internal', 'Only the writer collects.', 'This is a bug.'));
  polling ??= import('../polling/polling-service').then(({ PollingService }) => new PollingService(core));
  return polling;
}

function maintenanceFor(core: CoreContext): StoreMaintenance {
  if (config.role !== 'writer')
    throw new ScimWatchError('internal', 'Only the writer looks after the database.', 'This is a bug.');
  maintenance ??= new StoreMaintenance(core, systemClock);
  return maintenance;
}

const rpc = new RpcChannel(port, async (method, params) => {
  if (method === 'worker.startPolling') {
    if (config.role === 'writer' && context) {
      (await context.polling()).start();
      context.maintenance().start();
    }
    return null;
  }
  if (method === 'worker.close') {
    // In-flight polls and checks settle first: a write must not meet a closed database.
    await (await polling)?.stop();
    await maintenance?.stop();
    if (db) closeStore(db);
    db = undefined;
    return null;
  }
  if (!context) throw new ScimWatchError('unavailable', 'The database is not open.', 'Restart ScimWatch.');
  const handler = isMethodName(method) ? table[method] : undefined;
  if (!handler)
    throw new ScimWatchError('unknown_method', `No such method: ${method}.`, 'Update the client.');
  try {
    return await (handler as (input: unknown, c: HandlerContext) => unknown)(params, context);
  } catch (error) {
    if (!(error instanceof ScimWatchError)) context.log.error(`${method} failed`, { error });
    throw error;
  }
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

// Log lines go to the host, which redacts with the secrets it alone holds, then writes them.
const log = createLogger({
  level: config.logLevel,
  scope: config.role,
  write: (line) => rpc.emit('worker.log', line),
  knownSecrets: () => [],
});

try {
  let notices: string[] = [];
  if (config.role === 'writer') {
    const opened = openStore(
      config.databasePath,
      config.nativeBinding ? { nativeBinding: config.nativeBinding } : {},
    );
    db = opened.db;
    notices = opened.notices;
  } else {
    db = openReadOnlyStore(config.databasePath, config.nativeBinding ?? undefined);
  }
  const core: CoreContext = { db, config, host, log, emit: (event, payload) => rpc.emit(event, payload) };
  context = { ...core, polling: () => pollingFor(core), maintenance: () => maintenanceFor(core) };
  rpc.emit('worker.ready', { notices });
} catch (error) {
  const reason =
    error instanceof ScimWatchError
      ? error.toApiError()
      : {
          code: 'internal',
          message: `The database could not be opened: ${String(error)}`,
          hint: 'Check the log.',
        };
  rpc.emit('worker.failed', reason);
}
