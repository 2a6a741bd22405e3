/**
 * Every change to users, groups and memberships gets a sequence number, so delta queries can answer
 * "what changed since token N" the way Graph's delta links do.
 */
export interface Change {
  seq: number;
  kind: 'user' | 'group' | 'membership';
  id: string;
  /** For membership changes: the member, and whether it was added or removed. */
  memberId?: string;
  removed?: boolean;
  deleted?: boolean;
  at: number;
}

export class ChangeLog {
  private changes: Change[] = [];
  private seq = 0;
  /** Delta tokens carry the generation they were issued in; an older one is expired (410 Gone), as Graph's expire after days. */
  generation = 1;

  record(change: Omit<Change, 'seq'>): number {
    this.seq += 1;
    this.changes.push({ ...change, seq: this.seq });
    return this.seq;
  }

  get current(): number {
    return this.seq;
  }

  since(seq: number, kind?: Change['kind']): Change[] {
    return this.changes.filter((c) => c.seq > seq && (!kind || c.kind === kind));
  }

  /** Makes every delta token issued so far invalid. */
  expireAll(): void {
    this.generation += 1;
  }
}
