import type Database from 'better-sqlite3';

import { isMethodName, ScimWatchError } from '../../../shared/contract';
import type { WorkerConfig } from '../config/worker-config';
import type { CoreContext, HostServices } from '../context';
import type { HandlerContext } from '../handlers/context';
import { readerHandlers, writerHandlers } from '../handlers/routes';
import { createLogger } from '../log/logger';
import { StoreMaintenance } from '../maintenance/store-maintenance';
import type { PollingService } from '../polling/polling-service';
import { closeStore, openReadOnlyStore, openStore } from '../store/open-database';
import { systemClock } from '../time/clock';
import { hostServices } from './host-service-names';

/** What a core endpoint reports to its host: log lines (redacted there) and contract events. */
export type EndpointEmit = (name: string, payload: unknown) => void;

/** An open core: the database, the handler table of its role, and the requests the host sends it. */
export interface CoreEndpoint {
  notices: string[];
  handle(method: string, params: unknown): Promise<unknown>;
}

/**
 * Opens the database for a role and answers the host's requests: contract methods, and the endpoint's
 * own `worker.startPolling` and `worker.close`. Runs in a worker thread, or in the CLI's own thread for
 * a one-shot command. Throws (a ScimWatchError where it can) when the database cannot be opened.
 */
export function openCoreEndpoint(config: WorkerConfig, host: HostServices, emit: EndpointEmit): CoreEndpoint {
  const table =
    config.role === 'reader'
      ? readerHandlers
      : config.servesReads
        ? { ...readerHandlers, ...writerHandlers }
        : writerHandlers;
  // Log lines go to the host, which redacts with the secrets it alone holds, then writes them.
  const log = createLogger({
    level: config.logLevel,
    scope: config.role,
    write: (line) => emit('worker.log', line),
    knownSecrets: () => [],
  });
  const opened = openDatabase(config);
  let db: Database.Database | undefined = opened.db;
  let maintenance: StoreMaintenance | undefined;
  // The writer's polling service, loaded on first use: reads never load collectors, MSAL or Graph.
  let polling: Promise<PollingService> | undefined;
  const core: CoreContext = { db, config, host, log, emit: (event, payload) => emit(event, payload) };
  const context: HandlerContext = {
    ...core,
    polling: () => {
      if (config.role !== 'writer') return Promise.reject(writerOnly('collects'));
      polling ??= import('../polling/polling-service').then(({ PollingService }) => new PollingService(core));
      return polling;
    },
    maintenance: () => {
      if (config.role !== 'writer') throw writerOnly('looks after the database');
      maintenance ??= new StoreMaintenance(core, systemClock);
      return maintenance;
    },
  };

  async function handle(method: string, params: unknown): Promise<unknown> {
    if (method === 'worker.startPolling') {
      if (config.role === 'writer') {
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
    if (!db) throw new ScimWatchError('unavailable', 'The database is not open.', 'Restart ScimWatch.');
    const handler = isMethodName(method) ? table[method] : undefined;
    if (!handler)
      throw new ScimWatchError('unknown_method', `No such method: ${method}.`, 'Update the client.');
    try {
      return await (handler as (input: unknown, c: HandlerContext) => unknown)(params, context);
    } catch (error) {
      if (!(error instanceof ScimWatchError)) log.error(`${method} failed`, { error });
      throw error;
    }
  }
  return { notices: opened.notices, handle };
}

function openDatabase(config: WorkerConfig): { db: Database.Database; notices: string[] } {
  try {
    if (config.role === 'reader')
      return { db: openReadOnlyStore(config.databasePath, config.nativeBinding ?? undefined), notices: [] };
    return openStore(
      config.databasePath,
      config.nativeBinding ? { nativeBinding: config.nativeBinding } : {},
    );
  } catch (error) {
    if (error instanceof ScimWatchError) throw error;
    throw new ScimWatchError(
      'internal',
      `The database could not be opened: ${String(error)}`,
      'Check the log.',
    );
  }
}

const writerOnly = (what: string) =>
  new ScimWatchError('internal', `Only the writer ${what}.`, 'This is a bug.');

/** The host's services as an endpoint asks for them: over the RPC channel, or by a direct call. */
export function hostServicesOver(ask: (method: string, params: unknown) => Promise<unknown>): HostServices {
  return {
    secretStates: (profile) =>
      ask(hostServices.secretStates, { profile }) as ReturnType<HostServices['secretStates']>,
    secret: (profile, name) => ask(hostServices.secretGet, { profile, name }) as Promise<string | undefined>,
    setSecret: async (profile, name, value) => {
      await ask(value === null ? hostServices.secretDelete : hostServices.secretSet, {
        profile,
        name,
        value,
      });
    },
    secretStorage: () => ask(hostServices.secretStorage, {}) as ReturnType<HostServices['secretStorage']>,
    printPdf: (html) => ask(hostServices.printPdf, { html }) as Promise<Uint8Array>,
  };
}
