import type { MethodName, OutputOf, ParsedInputOf } from '../../../shared/contract';
import type { CoreContext } from '../context';
import type { StoreMaintenance } from '../maintenance/store-maintenance';
import type { PollingService } from '../polling/polling-service';

/**
 * Everything a handler may use: the core's context, and in the writer its polling service (loaded on
 * first use, so commands that only read never load a collector, MSAL or the Graph client). Handlers
 * get no globals: the worker builds this, and tests build it with real SQLite files.
 */
export interface HandlerContext extends CoreContext {
  polling(): Promise<PollingService>;
  /** The writer's care of its database (integrity checks, retention); throws in the reader. */
  maintenance(): StoreMaintenance;
}

export type Handler<M extends MethodName> = (
  input: ParsedInputOf<M>,
  context: HandlerContext,
) => OutputOf<M> | Promise<OutputOf<M>>;

export type HandlerTable = { [M in MethodName]?: Handler<M> };
