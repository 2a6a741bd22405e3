import type { HandlerTable } from './context';

/** Collecting and reconciling, through the writer's polling service (loaded on first use). */
export const syncHandlers: HandlerTable = {
  'connection.test': async (_input, context) => (await context.polling()).testConnection(),
  'reconcile.run': async (_input, context) => (await context.polling()).reconcileNow('manual'),
  'sync.run': async (_input, context) => (await context.polling()).syncOnce(),
};
