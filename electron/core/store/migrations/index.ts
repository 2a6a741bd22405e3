import type { Migration } from '../migrate';
import { initial } from './001-initial';

/** Append-only: a released migration is never edited, only followed by a new one. */
export const migrations: readonly Migration[] = [initial];
