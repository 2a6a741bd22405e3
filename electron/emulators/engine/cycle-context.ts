import { randomUUID } from 'node:crypto';

import { buildLogEntry, type LogEntryInput } from '../graph/log-entry';
import type { EmulatedTenant } from '../graph/tenant';
import { errorCategoryFor, errorCodeFor, reasonFor } from './failure-report';
import type { LiveMappings } from './schema-mappings';
import type { ScimExchange, ScimTarget } from './scim-target';

/** Objects whose last attempt failed, retried in later cycles (Entra's escrow). */
export interface Escrow {
  attempts: number;
  firstFailureAt: number;
}

/** What the engine remembers between cycles. */
export interface EngineMemory {
  /** Entra object id → SCIM id, learned from creates and matches. */
  links: Map<string, string>;
  escrows: Map<string, Escrow>;
  /** Users in scope during the previous cycle (to notice who left). */
  previousScope: Set<string>;
}

export interface CycleTotals {
  exported: number;
  failed: number;
  unauthorized: number;
  requests: number;
}

/** One cycle's shared state: where to send, what to follow, and the log it writes. */
export class CycleContext {
  readonly cycleId = randomUUID();
  readonly totals: CycleTotals = { exported: 0, failed: 0, unauthorized: 0, requests: 0 };

  constructor(
    readonly tenant: EmulatedTenant,
    readonly target: ScimTarget,
    readonly mappings: LiveMappings,
    readonly memory: EngineMemory,
    readonly servicePrincipal: { id: string; appId: string; displayName: string },
    readonly jobId: string,
    readonly now: () => number,
    readonly retryIntervalMs: number,
    readonly initiator: 'system' | 'user' = 'system',
  ) {}

  async send(method: string, path: string, body?: unknown): Promise<ScimExchange> {
    const exchange = await this.target.send(method, path, body);
    this.totals.requests += 1;
    if (exchange.status === 401) this.totals.unauthorized += 1;
    return exchange;
  }

  /** A failure Entra detects before sending anything (no SCIM response to quote). */
  recordLocalFailure(
    entry: Pick<LogEntryInput, 'action' | 'identityType' | 'source' | 'target'>,
    errorCode: string,
    reason: string,
  ): void {
    this.record(entry, { errorCode, reason, errorCategory: 'nonServiceFailure' });
  }

  /** An object found already in sync (on demand): logged as skipped, and no longer in escrow. */
  recordRedundant(entry: Pick<LogEntryInput, 'identityType' | 'source' | 'target'>, reason: string): void {
    this.memory.escrows.delete(entry.source.id);
    this.tenant.log.add(
      buildLogEntry({
        ...entry,
        action: 'other',
        tenantId: this.tenant.tenantId,
        jobId: this.jobId,
        servicePrincipal: this.servicePrincipal,
        activityDateTime: new Date(this.now()).toISOString(),
        cycleId: this.cycleId,
        status: 'skipped',
        initiator: this.initiator,
        error: { errorCode: 'RedundantExport', reason, errorCategory: 'nonServiceFailure' },
      }),
    );
  }

  /** Writes the log entry for one object: success, or failure with the SCIM body in the reason. */
  record(
    entry: Pick<LogEntryInput, 'action' | 'identityType' | 'source' | 'target' | 'modifiedProperties'>,
    failure: ScimExchange | NonNullable<LogEntryInput['error']> | null,
  ): void {
    const key = entry.source.id;
    if (failure) {
      const escrow = this.memory.escrows.get(key) ?? { attempts: 0, firstFailureAt: this.now() };
      escrow.attempts += 1;
      this.memory.escrows.set(key, escrow);
      this.totals.failed += 1;
    } else {
      this.memory.escrows.delete(key);
      this.totals.exported += 1;
    }
    const escrow = this.memory.escrows.get(key);
    this.tenant.log.add(
      buildLogEntry({
        ...entry,
        tenantId: this.tenant.tenantId,
        jobId: this.jobId,
        servicePrincipal: this.servicePrincipal,
        activityDateTime: new Date(this.now()).toISOString(),
        cycleId: this.cycleId,
        status: failure ? 'failure' : 'success',
        initiator: this.initiator,
        ...(failure
          ? { error: 'errorCode' in failure ? failure : this.describe(failure, escrow?.attempts ?? 1) }
          : {}),
      }),
    );
  }

  private describe(exchange: ScimExchange, attempts: number): NonNullable<LogEntryInput['error']> {
    return {
      errorCode: errorCodeFor(exchange),
      reason: reasonFor(exchange, Math.max(0, attempts - 1), new Date(this.now() + this.retryIntervalMs)),
      errorCategory: errorCategoryFor(exchange),
    };
  }
}

export const isSuccess = (exchange: ScimExchange) => exchange.status >= 200 && exchange.status < 300;

/** The first resource of a SCIM ListResponse, if any. */
export function firstResource(exchange: ScimExchange): Record<string, unknown> | null {
  const list = exchange.json as { Resources?: Record<string, unknown>[] } | null;
  return list?.Resources?.[0] ?? null;
}
