import type { AppStatus, SourceStatus } from '../../../shared/contract';
import { buildStoreStatus } from '../maintenance/store-status';
import { missingSettings } from '../config/completeness';
import { currentSettings, type CoreContext } from '../context';
import { grantsDocument, writeAccessOf, type TokenGrants } from '../entra/token-grants';
import { demoProfile } from '../profiles/profile-registry';
import { PollState, type PollRow } from '../store/poll-state-repo';
import { readDocument } from '../store/source-documents-repo';

/** Folds the poll state of one side's collectors into the health the status bar shows. */
function sourceStatus(rows: PollRow[], configured: boolean): SourceStatus {
  const latest = (pick: (r: PollRow) => string | null) =>
    rows
      .map(pick)
      .filter((v): v is string => v !== null)
      .sort()
      .at(-1) ?? null;
  const lastSuccessAt = latest((r) => r.lastSuccessAt);
  const lastErrorAt = latest((r) => r.lastErrorAt);
  const failing = rows.filter((r) => r.lastErrorAt && (!r.lastSuccessAt || r.lastErrorAt > r.lastSuccessAt));
  const health: SourceStatus['health'] = !configured
    ? 'not_configured'
    : rows.length === 0
      ? 'never_polled'
      : failing.length === 0
        ? 'ok'
        : failing.length === rows.length
          ? 'error'
          : 'degraded';
  return {
    health,
    lastSuccessAt,
    lastErrorAt,
    lastError: failing[0]?.lastError ?? null,
    collectors: rows.map((r) => ({
      source: r.source,
      lastSuccessAt: r.lastSuccessAt,
      lastErrorAt: r.lastErrorAt,
      lastError: r.lastError,
      nextRunAt: r.nextRunAt,
      itemsFetched: r.itemsFetched,
    })),
  };
}

/** The whole status the UI's status bar and `scimwatch status` show. */
export async function buildStatus(context: CoreContext): Promise<AppStatus> {
  const { db, config, host } = context;
  const settings = currentSettings(context);
  const secrets = await host.secretStates(config.profile);
  const storage = await host.secretStorage();
  const isDemo = config.profile === demoProfile;
  const missing = isDemo ? [] : missingSettings(settings, (name) => secrets[name].set);
  const polls = new PollState(db).all();
  const configured = missing.length === 0;
  return {
    version: config.version,
    host: config.hostKind,
    profile: { name: config.profile, mode: isDemo ? 'demo' : 'live', active: true, missing },
    profilePinnedBy: config.profilePinnedBy,
    sources: {
      entra: sourceStatus(
        polls.filter((p) => p.source.startsWith('entra.')),
        configured,
      ),
      pulumi: sourceStatus(
        polls.filter((p) => p.source.startsWith('pulumi.')),
        configured,
      ),
    },
    database: buildStoreStatus(context),
    secretStorage: storage,
    actions: actionAccess(context),
    generatedAt: new Date().toISOString(),
  };
}

/** Actions need someone to record and a token whose claims allow writes (stored by the writer). */
function actionAccess({ db, config }: CoreContext): AppStatus['actions'] {
  if (!config.actor)
    return {
      allowed: false,
      reason:
        'This server was started without --operator, so ScimWatch cannot record who acts: retries and job actions are off.',
      source: 'unknown',
      actor: null,
    };
  return { ...writeAccessOf(readDocument<TokenGrants>(db, grantsDocument)), actor: config.actor };
}
