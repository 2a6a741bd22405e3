import type { Migration } from '../migrate';
import { initial } from './001-initial';
import { collectedState } from './002-collected-state';
import { pollItems } from './003-poll-items';
import { reconciliation } from './004-reconciliation';
import { objectKeys } from './005-object-keys';
import { rollups } from './006-rollups';
import { eventSearch } from './007-event-search';
import { actions } from './008-actions';
import { lookupIndexes } from './009-lookup-indexes';
import { reports } from './010-reports';
import { storeState } from './011-store-state';
import { compactLog } from './012-compact-log';
import { findingsBySeverity } from './013-findings-by-severity';
import { storeConversion } from './014-store-conversion';

/** Append-only: a released migration is never edited, only followed by a new one. */
export const migrations: readonly Migration[] = [
  initial,
  collectedState,
  pollItems,
  reconciliation,
  objectKeys,
  rollups,
  eventSearch,
  actions,
  lookupIndexes,
  reports,
  storeState,
  compactLog,
  findingsBySeverity,
  storeConversion,
];
