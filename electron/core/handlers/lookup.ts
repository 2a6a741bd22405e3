import { explainGroup } from '../lookup/explain-group';
import { explainPerson } from '../lookup/explain-person';
import { findSubjects } from '../lookup/find-subjects';
import { nestedPath } from '../lookup/nested-path';
import type { HandlerTable } from './context';

/** Lookup: one person or group across both sides, read by the query worker from the store. */
export const lookupHandlers: HandlerTable = {
  'lookup.find': ({ text }, { db }) => findSubjects(db, text),
  'lookup.explain': ({ entraId, scimId }, { db }) =>
    explainPerson(db, {
      kind: entraId ? 'user' : 'pulumi_user',
      entraId: entraId ?? null,
      scimId: scimId ?? null,
      displayName: null,
      userPrincipalName: null,
      mail: null,
    }),
  'lookup.group': ({ entraId }, { db }) =>
    explainGroup(db, {
      kind: 'group',
      entraId,
      scimId: null,
      displayName: null,
      userPrincipalName: null,
      mail: null,
    }),
};

/** The one lookup question that needs Graph, asked through the writer's clients. */
export const lookupWriteHandlers: HandlerTable = {
  'lookup.nested': async ({ entraId }, context) =>
    nestedPath(context.db, await (await context.polling()).graph(), entraId, new Date().toISOString()),
};
