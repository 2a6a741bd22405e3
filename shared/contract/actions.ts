import type { FailureCause } from '../finding-kinds';

/**
 * What ScimWatch does to a tenant (retries through provisionOnDemand, job actions) and the trail it
 * keeps of it. One state union serves the store, the core, the `retry.updated` event and the UI.
 */
export const actionKinds = ['retry', 'job.start', 'job.pause', 'job.restart'] as const;
export type ActionKind = (typeof actionKinds)[number];

/**
 * queued → sending → verifying → verified_succeeded | verified_failed | unverified. `sending` is
 * written before the request leaves, so an item found there after a crash is `outcome_unknown` and is
 * never sent again without the admin. `failed`: Graph refused the request itself (nothing changed);
 * `done`: a job action Graph accepted.
 */
export const actionStates = [
  'queued',
  'sending',
  'verifying',
  'verified_succeeded',
  'verified_failed',
  'unverified',
  'outcome_unknown',
  'failed',
  'cancelled',
  'done',
] as const;
export type ActionState = (typeof actionStates)[number];

/** States an action never leaves. */
export const finishedActionStates = [
  'verified_succeeded',
  'verified_failed',
  'unverified',
  'outcome_unknown',
  'failed',
  'cancelled',
  'done',
] as const satisfies readonly ActionState[];

export const isFinishedAction = (state: ActionState) =>
  (finishedActionStates as readonly ActionState[]).includes(state);

/**
 * The reset scopes ScimWatch offers for a job restart; an empty list is the portal's plain restart.
 * ConnectorDataStore is left out: Microsoft says not to use it without their support.
 */
export const resetScopes = ['Escrows', 'Watermark', 'QuarantineState', 'ForceDeletes', 'Full'] as const;
export type ResetScope = (typeof resetScopes)[number];

export type RetryObjectType = 'user' | 'group';

/** One row of the audit trail: who did what to which object, what was sent and answered, and how it ended. */
export interface ActionRow {
  id: number;
  batchId: number | null;
  kind: ActionKind;
  actor: string;
  requestedAt: string;
  objectType: RetryObjectType | null;
  entraId: string | null;
  displayName: string | null;
  findingKey: string | null;
  cause: FailureCause | null;
  /** A group's members sent with this request (at most 5). */
  memberIds: string[];
  forced: boolean;
  resendOf: number | null;
  state: ActionState;
  message: string | null;
  outcomeCause: FailureCause | null;
  sentAt: string | null;
  finishedAt: string | null;
}

/** One row whole: what was sent and what Graph answered, with the steps it reported. */
export interface ActionDetail extends ActionRow {
  request: unknown;
  response: unknown;
  steps: { name: string; status: string; description: string }[];
}

/** Why an object was not queued; `canForce` when it is only a prediction ("retry anyway"). */
export interface RetryRefusal {
  entraId: string;
  displayName: string | null;
  reason: string;
  canForce: boolean;
}

export interface RetryEnqueued {
  batchId: number | null;
  queued: ActionRow[];
  refused: RetryRefusal[];
}

/** The queue as a whole: paused or running, and how many items wait or are being verified. */
export interface RetryQueueState {
  paused: boolean;
  queued: number;
  sending: number;
  verifying: number;
}

/** What ScimWatch may change in the tenant, read from the token's claims (never by trying a write). */
export interface WriteAccess {
  allowed: boolean;
  /** Why not, naming the permission; null when allowed or not yet known. */
  reason: string | null;
  /** How it was learned: the token's roles (application) or scp (delegated), or unknown until a sign-in. */
  source: 'roles' | 'scp' | 'unknown';
}
