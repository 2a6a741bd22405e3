import * as z from 'zod';

import { actionStates } from './actions';
import { eventNames, type EventName } from './names';
import type { AppStatus } from './status';

const isoTime = z.string().datetime({ offset: true });

/**
 * Every event the core pushes to the UI, with the schema its payload must satisfy. Hosts validate
 * before forwarding, so a malformed event is a bug caught at the source, not in a React component.
 */
export const eventSchemas = {
  'status.changed': z.custom<AppStatus>((v) => typeof v === 'object' && v !== null && 'profile' in v),
  'sync.progress': z.strictObject({
    source: z.enum(['entra', 'pulumi']),
    phase: z.string().max(100),
    done: z.number().int().nonnegative(),
    total: z.number().int().nonnegative().nullable(),
    message: z.string().max(500),
  }),
  'provisioningEvents.ingested': z.strictObject({
    count: z.number().int().nonnegative(),
    newestActivityDateTime: isoTime.nullable(),
  }),
  'findings.changed': z.strictObject({
    runId: z.number().int().positive(),
    opened: z.number().int().nonnegative(),
    resolved: z.number().int().nonnegative(),
    open: z.number().int().nonnegative(),
  }),
  'retry.updated': z.strictObject({
    actionId: z.number().int().positive(),
    batchId: z.number().int().positive().nullable(),
    state: z.enum(actionStates),
    message: z.string().max(1000),
  }),
  /** The audit trail gained or changed a row (a job action, a retry queued or ended). */
  'actions.changed': z.strictObject({ actionId: z.number().int().positive() }),
  'report.progress': z.strictObject({
    reportId: z.string().max(100),
    phase: z.string().max(100),
    percent: z.number().min(0).max(100),
  }),
  'auth.prompt': z.strictObject({
    message: z.string().max(1000),
    verificationUri: z.url(),
    userCode: z.string().max(50),
    expiresAt: isoTime,
  }),
} as const satisfies Record<EventName, z.ZodType>;

export type EventPayload<E extends EventName> = z.infer<(typeof eventSchemas)[E]>;
export { eventNames, type EventName };

export function isEventName(name: string): name is EventName {
  return Object.hasOwn(eventSchemas, name);
}
