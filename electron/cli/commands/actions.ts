import type { ActionRow } from '../../../shared/contract';
import { actionKindLabels, actionStateLabels } from '../../../shared/labels';
import { CoreHost } from '../../core/core-host';
import { exitCodes } from '../exit-codes';
import { print } from '../output';

/** `scimwatch actions [--json]`: the audit trail, newest first: who did what, when, and how it ended. */
export async function actionsCommand(flags: { json: boolean; limit: number }): Promise<number> {
  const core = await CoreHost.start({ hostKind: 'cli', oneShot: true });
  try {
    const page = await core.call('actions.list', { limit: flags.limit });
    if (flags.json) print(JSON.stringify(page.items));
    else if (page.items.length === 0) print('No actions recorded yet.');
    else for (const action of page.items) print(line(action));
    return exitCodes.ok;
  } finally {
    await core.close();
  }
}

function line(a: ActionRow): string {
  const what =
    a.kind === 'retry' ? `Retry ${a.objectType} ${a.displayName ?? a.entraId}` : actionKindLabels[a.kind];
  const members = a.memberIds.length ? ` (+${a.memberIds.length} members)` : '';
  return `#${a.id} ${a.requestedAt} ${a.actor}: ${what}${members} — ${actionStateLabels[a.state]}${a.message ? `. ${a.message}` : ''}`;
}
