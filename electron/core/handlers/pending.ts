import { ScimWatchError, type MethodName } from '../../../shared/contract';
import type { HandlerTable } from './context';

/**
 * Methods whose names the contract fixes now and whose engines arrive later. They answer with a
 * clear `not_implemented` error instead of pretending to work.
 */
const arrivesWith: Partial<Record<MethodName, string>> = {};

export const pendingHandlers: HandlerTable = Object.fromEntries(
  Object.entries(arrivesWith).map(([method, feature]) => [
    method,
    () => {
      throw new ScimWatchError(
        'not_implemented',
        `${method} is not available in this build of ScimWatch yet.`,
        `It arrives with ${feature}.`,
      );
    },
  ]),
);
