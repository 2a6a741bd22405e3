import * as z from 'zod';

import { methodNames, type MethodName } from './names';

import { failureCauses, findingKindGroups, findingKinds } from '../finding-kinds';
import {
  actionKinds,
  actionStates,
  resetScopes,
  type ActionDetail,
  type ActionRow,
  type RetryEnqueued,
  type RetryQueueState,
} from './actions';
import type { GroupExplanation, LookupMatch, NestedPath, PersonExplanation } from './lookup';
import { reportOptionsSchema, type ReportPreview, type ReportRecord } from './reports';
import { pageQuerySchema, type Page } from './paging';
import { findingSeverities, type ReconcileRun, type RunSnapshot } from './reconcile';
import {
  provisioningStatuses,
  type FindingDetail,
  type FindingRow,
  type ProvisioningEventDetail,
  type ProvisioningEventRow,
} from './rows';
import { settingsUpdateSchema, type SettingsView } from './settings';
import type { ConnectionReport } from './connection';
import type { OverviewSummary } from './overview';
import { statRanges, type FailureCauseCounts, type FindingsTrend, type OutcomeSeries } from './stats';
import type { AppStatus, ProfileSummary } from './status';
import type { StoreCheck, StoreInfo } from './store';
import type { SyncSummary } from './sync';

/** Carries a request's output type at compile time; requests are validated on input only. */
const returns = <T>() => undefined as unknown as T;

const noInput = z.strictObject({}).default({});

export const profileNameSchema = z
  .string()
  .regex(/^[a-z0-9][a-z0-9_-]{0,39}$/, 'profile names are 1–40 lowercase letters, digits, "-" or "_"');

const isoTime = z.string().datetime({ offset: true });

const provisioningEventFilter = z.strictObject({
  status: z.enum(provisioningStatuses).optional(),
  identityType: z.string().max(50).optional(),
  since: isoTime.optional(),
  until: isoTime.optional(),
  text: z.string().max(200).optional(),
  cause: z.enum(failureCauses).optional(),
  action: z.string().max(50).optional(),
});

const findingFilter = z.strictObject({
  kind: z
    .enum(findingKinds, {
      error: (issue) => `"${String(issue.input)}" is not a finding kind. Kinds: ${findingKinds.join(', ')}.`,
    })
    .optional(),
  kindGroup: z.enum(findingKindGroups).optional(),
  minSeverity: z.enum(findingSeverities).optional(),
  severity: z.enum(findingSeverities).optional(),
  /** Words of the name, ids or key, each as a prefix or part. */
  text: z.string().max(200).optional(),
  /** The symptoms of one root finding. */
  rootKey: z.string().min(1).max(1000).optional(),
  state: z.enum(['open', 'resolved', 'all']).default('open'),
  /** Only findings that are not the symptom of another (what the Overview's figures count). */
  roots: z.boolean().optional(),
  cause: z.enum(failureCauses).optional(),
  /** Findings that appeared or resolved at this run (with state 'all': the "since the last cycle" feed). */
  changedInRun: z.number().int().positive().optional(),
});

const rangeInput = z.strictObject({ range: z.enum(statRanges).default('24h') }).default({ range: '24h' });

export interface SyncRunResult {
  started: boolean;
  message: string;
  summary: SyncSummary;
  /** The reconciliation that followed the pass. */
  run: ReconcileRun;
}

/**
 * The one contract between the UI (desktop or browser) and the core: method name, input schema,
 * output type. Later capabilities fill in handlers; their names are fixed here from the start.
 */
export const requests = {
  'app.status': { input: noInput, output: returns<AppStatus>() },
  'settings.get': { input: noInput, output: returns<SettingsView>() },
  'settings.update': { input: settingsUpdateSchema, output: returns<SettingsView>() },
  'profiles.list': { input: noInput, output: returns<ProfileSummary[]>() },
  'profiles.select': { input: z.strictObject({ name: profileNameSchema }), output: returns<AppStatus>() },
  'profiles.create': {
    input: z.strictObject({ name: profileNameSchema }),
    output: returns<ProfileSummary>(),
  },
  'provisioningEvents.list': {
    input: pageQuerySchema(provisioningEventFilter, ['activityDateTime']),
    output: returns<Page<ProvisioningEventRow>>(),
  },
  'provisioningEvents.get': {
    input: z.strictObject({ id: z.string().min(1).max(200) }),
    output: returns<ProvisioningEventDetail | null>(),
  },
  'findings.list': {
    input: pageQuerySchema(findingFilter, ['lastSeen', 'severity']),
    output: returns<Page<FindingRow>>(),
  },
  'findings.get': {
    input: z.strictObject({ key: z.string().min(1).max(1000) }),
    output: returns<FindingDetail | null>(),
  },
  'overview.get': { input: noInput, output: returns<OverviewSummary>() },
  'stats.outcomes': { input: rangeInput, output: returns<OutcomeSeries>() },
  'stats.failureCauses': { input: rangeInput, output: returns<FailureCauseCounts>() },
  'stats.findingsTrend': { input: rangeInput, output: returns<FindingsTrend>() },
  'connection.test': { input: noInput, output: returns<ConnectionReport>() },
  'sync.run': {
    input: z
      .strictObject({
        sources: z
          .array(z.enum(['entra', 'pulumi']))
          .min(1)
          .optional(),
      })
      .default({}),
    output: returns<SyncRunResult>(),
  },
  'reconcile.run': { input: noInput, output: returns<ReconcileRun>() },
  /** A run as it was (the latest by default): counts, checklist, and the findings open then. */
  'reconcile.get': {
    input: z.strictObject({ runId: z.number().int().positive().optional() }).default({}),
    output: returns<RunSnapshot | null>(),
  },
  /** A run's record alone (counts, times), without its findings: what a command's summary line needs. */
  'reconcile.record': {
    input: z.strictObject({ runId: z.number().int().positive().optional() }).default({}),
    output: returns<ReconcileRun | null>(),
  },
  /** Queues provisionOnDemand retries: named objects, every open failure of a cause, or every open failure. */
  'retry.run': {
    input: z
      .strictObject({
        objects: z
          .array(
            z.strictObject({
              entraId: z.uuid(),
              objectType: z.enum(['user', 'group']).optional(),
              findingKey: z.string().min(1).max(1000).optional(),
            }),
          )
          .min(1)
          .max(1000)
          .optional(),
        cause: z.enum(failureCauses).optional(),
        allFailed: z.boolean().optional(),
        /** Send even where the finding's evidence says it will fail again ("retry anyway"). */
        force: z.boolean().default(false),
      })
      .refine((input) => [input.objects, input.cause, input.allFailed].filter(Boolean).length === 1, {
        message: 'Name objects, a cause, or allFailed (exactly one).',
      }),
    output: returns<RetryEnqueued>(),
  },
  'retry.control': {
    input: z.strictObject({
      action: z.enum(['pause', 'resume', 'cancel']),
      /** Cancel one batch only; without it, everything still queued. */
      batchId: z.number().int().positive().optional(),
    }),
    output: returns<RetryQueueState>(),
  },
  /** Sends a finished retry again (an outcome unknown after a crash, an unverified or failed one). */
  'retry.resend': {
    input: z.strictObject({ actionId: z.number().int().positive() }),
    output: returns<RetryEnqueued>(),
  },
  'retry.status': { input: noInput, output: returns<RetryQueueState>() },
  'job.run': {
    input: z.strictObject({
      action: z.enum(['start', 'pause', 'restart']),
      resetScopes: z.array(z.enum(resetScopes)).max(resetScopes.length).default([]),
    }),
    output: returns<ActionRow>(),
  },
  'actions.list': {
    input: pageQuerySchema(
      z.strictObject({
        kind: z.enum(actionKinds).optional(),
        state: z.enum(actionStates).optional(),
        batchId: z.number().int().positive().optional(),
        entraId: z.string().max(100).optional(),
      }),
      ['id'],
    ),
    output: returns<Page<ActionRow>>(),
  },
  'actions.get': {
    input: z.strictObject({ id: z.number().int().positive() }),
    output: returns<ActionDetail | null>(),
  },
  /** People and groups matching a name, UPN, email or id, as typed. */
  'lookup.find': {
    input: z.strictObject({ text: z.string().min(1).max(320) }),
    output: returns<LookupMatch[]>(),
  },
  /** Why one group's team is or is not as Entra intends: a verdict first, then member by member. */
  'lookup.group': {
    input: z.strictObject({ entraId: z.string().min(1).max(100) }),
    output: returns<GroupExplanation>(),
  },
  /** Why one person is or is not in Pulumi: a verdict first, then the evidence. */
  'lookup.explain': {
    input: z
      .strictObject({
        entraId: z.string().min(1).max(100).optional(),
        scimId: z.string().min(1).max(200).optional(),
      })
      .refine((i) => Boolean(i.entraId) !== Boolean(i.scimId), { message: 'Name an entraId or a scimId.' }),
    output: returns<PersonExplanation>(),
  },
  /** Reads from Graph whether a person is inside an assigned group only through a nested one (stored). */
  'lookup.nested': {
    input: z.strictObject({ entraId: z.string().min(1).max(100) }),
    output: returns<NestedPath>(),
  },
  /** Writes a report into the profile's reports folder and records it with its SHA-256. */
  'report.create': {
    input: reportOptionsSchema,
    output: returns<ReportRecord>(),
  },
  /** The header, coverage and summary a report with these options would have (nothing is written). */
  'report.preview': {
    input: reportOptionsSchema,
    output: returns<ReportPreview>(),
  },
  /** Past exports, newest first, with their options and hashes. */
  'report.list': {
    input: z.strictObject({}),
    output: returns<ReportRecord[]>(),
  },
  /** Checks the database's integrity now, on a thread of its own, and records the result. */
  'store.check': {
    input: z.strictObject({ kind: z.enum(['quick', 'full']).default('full') }),
    output: returns<StoreCheck>(),
  },
  /** The database's migrations, settings and table sizes (for `diagnose`). */
  'store.info': { input: z.strictObject({}), output: returns<StoreInfo>() },
} as const satisfies Record<MethodName, { input: z.ZodType; output: unknown }>;
export type InputOf<M extends MethodName> = z.input<(typeof requests)[M]['input']>;
export type ParsedInputOf<M extends MethodName> = z.output<(typeof requests)[M]['input']>;
export type OutputOf<M extends MethodName> = (typeof requests)[M]['output'];

export { methodNames, type MethodName };

export function isMethodName(name: string): name is MethodName {
  return Object.hasOwn(requests, name);
}
