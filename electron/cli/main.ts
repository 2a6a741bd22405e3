import { parseArgs } from 'node:util';

import type { FailureCause } from '../../shared/finding-kinds';
import { scimwatchVersion } from '../core/version';
import { exitCodes } from './exit-codes';
import { parseFailOn, parseSeverity } from './fail-on';
import { print, printError } from './output';

const usage = `ScimWatch ${scimwatchVersion}: watches Entra ID SCIM provisioning into Pulumi Cloud.

Usage: scimwatch <command> [options]

Commands:
  serve                 Serve the dashboard and API (127.0.0.1, random port, access token printed)
      --host <address>  Address to bind (non-loopback needs --tls-cert and --tls-key)
      --port <number>   Port to bind (default: random)
      --tls-cert <file> PEM certificate for HTTPS
      --tls-key <file>  PEM private key for HTTPS
      --public-host <name>  Host name clients use, when it is not one of this machine's
      --operator <name> Who acts through this server (recorded with every retry and job action;
                        without it the served dashboard can only read). Or SCIMWATCH_OPERATOR.
  status [--json]       Show the active profile, source health and database
  profiles [--json]     List profiles (the active one is starred)
  sync --once [--json]  Poll the active profile once (or ask the server that polls it), then reconcile;
                        --json prints one JSON object: counts, job status, errors and findings totals
      --fail-on <s>     Exit 2 when open findings reach severity s (error or warning)
  findings [--json]     List the open findings of the last reconciliation, most severe first
      --kind <kind>     Only this kind, e.g. user.missing_in_pulumi
      --min-severity <s>  Only findings at least this severe (info, warning, error)
      --include-resolved  Also list findings that have been resolved
      --fix             Print each finding's fix whole: its steps, links and documentation
      --fail-on <s>     Exit 2 when open findings reach severity s (error or warning)
  retry                 Retry failed provisioning through Entra's provision-on-demand, then verify it
      --object <id>     One user or group, by its Entra object id
      --cause <cause>   Every open failure of this cause, e.g. email_in_use
      --all-failed      Every open failure
      --force           Also send what the evidence says will fail again
      --json            One JSON line per change, then a summary line
                        Exit 0 when all were verified succeeded, 2 when any was not
  job start|pause|restart  Act on the provisioning job (restart: the portal's plain restart)
      --reset-scope <s> With restart, repeatable: Escrows, Watermark, QuarantineState, ForceDeletes, Full
  explain <who> [--json] Why a person is or is not in Pulumi: a verdict, then the evidence
                        (<who>: a name, UPN, email, Entra id or SCIM id; several matches are listed)
  actions [--json]      The audit trail of retries and job actions, newest first (--limit <n>, default 50)
  report --format <f> --out <path>  Write a reconciliation report: csv (a zip, one file per section),
                        json, html; a <path>.sha256 is written beside it
      --run <id>        As of a past reconciliation run (default: the latest)
      --since <date>    Period start (default: 30 days before --until)
      --until <date>    Period end (default: the run's end)
      --min-severity <s>  Only findings at least this severe (info, warning, error)
      --include-resolved  Also list findings resolved within the period
      --redact          Names, emails, UPNs and ids replaced by tokens (one per person, per report)
      --section <name>  CSV only: one section as a bare file (summary, coverage, findings,
                        team_exceptions, checklist, outcomes, actions)
  check [--quick] [--json]  Check the database's integrity now (full by default; exit 2 on damage)
  backup --out <file>   Copy the database with SQLite's online backup (safe while serve polls)
  restore <file>        Put a backup in place of the database (the current one is kept in backups/);
                        a backup from an older version is migrated. Stop serve first.
  diagnose --out <file.zip>  A support bundle: versions, settings and their sources, health, migration
                        history, integrity, size and recent logs, without secrets, addresses or ids
  demo --print-env      Run the emulated tenant and Pulumi org; write an env file pointing at them
      --interval <s>    Seconds between provisioning cycles (default 30)

Options:
  --profile <name>      Use this profile (same as SCIMWATCH_PROFILE)
  --demo                Use the demo profile (same as --profile demo)
  -h, --help            Show this help
  -v, --version         Show the version

Exit codes: 0 ok; 1 source, configuration or usage error; 2 a --fail-on threshold was reached.
Configuration comes from SCIMWATCH_* environment variables and saved settings; see the README.`;

const options = {
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean', short: 'v' },
  json: { type: 'boolean' },
  once: { type: 'boolean' },
  profile: { type: 'string' },
  demo: { type: 'boolean' },
  host: { type: 'string' },
  port: { type: 'string' },
  'tls-cert': { type: 'string' },
  'tls-key': { type: 'string' },
  'public-host': { type: 'string' },
  'print-env': { type: 'boolean' },
  interval: { type: 'string' },
  kind: { type: 'string' },
  'min-severity': { type: 'string' },
  'include-resolved': { type: 'boolean' },
  fix: { type: 'boolean' },
  'fail-on': { type: 'string' },
  operator: { type: 'string' },
  object: { type: 'string' },
  cause: { type: 'string' },
  'all-failed': { type: 'boolean' },
  force: { type: 'boolean' },
  'reset-scope': { type: 'string', multiple: true },
  limit: { type: 'string' },
  format: { type: 'string' },
  out: { type: 'string' },
  run: { type: 'string' },
  since: { type: 'string' },
  until: { type: 'string' },
  redact: { type: 'boolean' },
  section: { type: 'string' },
  quick: { type: 'boolean' },
} as const;

function parsePort(raw: string | undefined): number | undefined {
  if (raw === undefined) return undefined;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`--port must be 0-65535, not "${raw}".`);
  return port;
}

async function run(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args: argv, options, allowPositionals: true, strict: true });
  if (values.version) {
    print(scimwatchVersion);
    return exitCodes.ok;
  }
  const [command, ...extra] = positionals;
  if (values.help || command === undefined || command === 'help') {
    print(usage);
    return command === undefined && !values.help ? exitCodes.error : exitCodes.ok;
  }
  const jobAction = command === 'job' ? extra.shift() : undefined;
  const who = command === 'explain' || command === 'restore' ? extra.shift() : undefined;
  if (extra.length) throw new Error(`Unexpected argument "${extra[0]}". See scimwatch --help.`);
  if (values.profile) process.env.SCIMWATCH_PROFILE = values.profile;
  if (values.demo) process.env.SCIMWATCH_PROFILE = 'demo';
  // Each command is loaded when it runs: `--help` and `--version` load no core, no server, no client.
  switch (command) {
    case 'serve':
      return (await import('./commands/serve')).serveCommand({
        host: values.host,
        port: parsePort(values.port),
        tlsCert: values['tls-cert'],
        tlsKey: values['tls-key'],
        publicHost: values['public-host'],
        operator: values.operator ?? process.env.SCIMWATCH_OPERATOR,
      });
    case 'status':
      return (await import('./commands/status')).statusCommand({ json: values.json ?? false });
    case 'profiles':
      return (await import('./commands/profiles')).profilesCommand({ json: values.json ?? false });
    case 'sync':
      if (!values.once)
        throw new Error('Only `scimwatch sync --once` exists so far; scheduling is done by `serve`.');
      return (await import('./commands/sync')).syncCommand({
        json: values.json ?? false,
        failOn: parseFailOn(values['fail-on']),
      });
    case 'findings':
      return (await import('./commands/findings')).findingsCommand({
        json: values.json ?? false,
        kind: values.kind,
        minSeverity: parseSeverity(values['min-severity'], '--min-severity'),
        includeResolved: values['include-resolved'] ?? false,
        fix: values.fix ?? false,
        failOn: parseFailOn(values['fail-on']),
      });
    case 'retry': {
      const chosen = [values.object, values.cause, values['all-failed']].filter(Boolean).length;
      if (chosen !== 1)
        throw new Error('Name what to retry: --object <id>, --cause <cause> or --all-failed.');
      const { failureCauses } = await import('../../shared/finding-kinds');
      if (values.cause && !(failureCauses as readonly string[]).includes(values.cause))
        throw new Error(`--cause must be one of ${failureCauses.join(', ')}, not "${values.cause}".`);
      return (await import('./commands/retry')).retryCommand({
        json: values.json ?? false,
        object: values.object,
        cause: values.cause as FailureCause | undefined,
        allFailed: values['all-failed'] ?? false,
        force: values.force ?? false,
      });
    }
    case 'job': {
      if (jobAction !== 'start' && jobAction !== 'pause' && jobAction !== 'restart')
        throw new Error('Say which: scimwatch job start, job pause or job restart.');
      if (values['reset-scope'] && jobAction !== 'restart')
        throw new Error('--reset-scope goes with job restart only.');
      const job = await import('./commands/job');
      return job.jobCommand({
        action: jobAction,
        resetScopes: job.parseResetScopes(values['reset-scope']),
        json: values.json ?? false,
      });
    }
    case 'report':
      return (await import('./commands/report')).reportCommand({
        format: values.format,
        out: values.out,
        run: values.run,
        since: values.since,
        until: values.until,
        minSeverity: values['min-severity'],
        includeResolved: values['include-resolved'] ?? false,
        redact: values.redact ?? false,
        section: values.section,
      });
    case 'explain':
      if (!who) throw new Error('Say who: scimwatch explain <name | UPN | email | Entra id | SCIM id>.');
      return (await import('./commands/explain')).explainCommand({ query: who, json: values.json ?? false });
    case 'actions': {
      const limit = Number(values.limit ?? '50');
      if (!Number.isInteger(limit) || limit < 1 || limit > 500)
        throw new Error(`--limit must be 1-500, not "${values.limit}".`);
      return (await import('./commands/actions')).actionsCommand({ json: values.json ?? false, limit });
    }
    case 'check':
      return (await import('./commands/store')).checkCommand({
        quick: values.quick ?? false,
        json: values.json ?? false,
      });
    case 'backup':
      return (await import('./commands/store')).backupCommand({
        out: values.out,
        json: values.json ?? false,
      });
    case 'restore':
      return (await import('./commands/store')).restoreCommand({ file: who, json: values.json ?? false });
    case 'diagnose':
      return (await import('./commands/diagnose')).diagnoseCommand({ out: values.out });
    case 'demo': {
      const interval = Number(values.interval ?? '30');
      if (!(interval > 0))
        throw new Error(`--interval must be a positive number of seconds, not "${values.interval}".`);
      return (await import('./commands/demo')).demoCommand({
        printEnv: values['print-env'] ?? false,
        intervalSeconds: interval,
      });
    }
    default:
      throw new Error(`Unknown command "${command}". See scimwatch --help.`);
  }
}

// `scimwatch findings | head` closes the pipe early: that is the reader's choice, not an error.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(exitCodes.ok);
  throw error;
});

run(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    printError(error);
    process.exit(exitCodes.error);
  },
);
