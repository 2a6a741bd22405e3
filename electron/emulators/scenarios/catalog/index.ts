/**
 * The `catalog` scenario: one small world per finding kind of shared/finding-kinds.ts (and, through the
 * cause recipes, per failure cause). Tests run a case, read both sides through ScimWatch's own clients,
 * and check what the case promises.
 */
import type { FindingKind } from '../../../../shared/finding-kinds';
import { causeRecipes } from '../cause-recipes';
import type { CatalogRecipe } from './catalog-world';
import { configCases } from './config-cases';
import { connectionCases } from './connection-cases';
import { jobCases } from './job-cases';
import { teamCases } from './team-cases';
import { userCases } from './user-cases';

export { startCatalogWorld, catalogIntervalMs, type CatalogCase, type CatalogWorld } from './catalog-world';
export { withheldPermission } from './connection-cases';

/** Every finding kind, each with its world (typed: a kind added to the vocabulary needs a case). */
export const catalogRecipes: Record<FindingKind, CatalogRecipe> = {
  ...userCases,
  ...teamCases,
  'provisioning.failure': async (world) => ({ entraId: await causeRecipes.team_name_too_long(world) }),
  ...jobCases,
  ...configCases,
  ...connectionCases,
};
export { arrangeTemptingNonDrift, type TemptingSubjects } from './tempting-cases';
