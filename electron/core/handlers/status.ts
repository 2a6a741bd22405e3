import { buildStatus } from '../status/app-status';
import type { HandlerTable } from './context';

export const statusHandlers: HandlerTable = {
  'app.status': (_input, context) => buildStatus(context),
};
