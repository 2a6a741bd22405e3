import { RetryQueueRepo } from '../store/retry-queue-repo';
import { ActionsRepo } from '../store/actions-repo';
import { actionDetail, actionPage } from '../tables/action-rows';
import type { HandlerTable } from './context';

/** Retries and job actions, through the writer's action service. */
export const actionWriteHandlers: HandlerTable = {
  'retry.run': async (input, context) => (await context.polling()).actions().retry(input),
  'retry.resend': async ({ actionId }, context) => (await context.polling()).actions().resend(actionId),
  'retry.control': async ({ action, batchId }, context) =>
    (await context.polling()).actions().control(action, batchId),
  'job.run': async (input, context) => (await context.polling()).actions().job(input),
};

/** The queue's state and the audit trail, read by the query worker. */
export const actionReadHandlers: HandlerTable = {
  'retry.status': (_input, { db }) => ({
    paused: new RetryQueueRepo(db).paused(),
    ...new ActionsRepo(db).counts(),
  }),
  'actions.list': (input, { db }) => actionPage(db, input),
  'actions.get': ({ id }, { db }) => actionDetail(db, id),
};
