import type Database from 'better-sqlite3';

import type {
  ReportActionRow,
  ReportChecklistRow,
  ReportFindingRow,
  ReportHeader,
  ReportTeamExceptionRow,
} from '../../../shared/contract';
import { Redactor, type Aliases } from './redaction';
import type { ReportFinding } from './report-findings';

type Prefix = 'person' | 'group' | 'id';

/**
 * Redacts a report row by row: before a row's text is searched, the row's subjects (by their ids)
 * are looked up in the store, and every name they are known by is registered under one token.
 */
export class RowRedactor {
  private readonly redactor: Redactor;
  private readonly aliases: (id: string) => { names: string[]; kind: 'person' | 'group' };

  constructor(db: Database.Database, key?: Buffer) {
    this.redactor = new Redactor(key);
    this.aliases = aliasReader(db);
  }

  header(header: ReportHeader): ReportHeader {
    return {
      ...header,
      tenantId: this.value(header.tenantId, 'id'),
      app: {
        servicePrincipalId: this.value(header.app.servicePrincipalId, 'id'),
        jobId: this.value(header.app.jobId, 'id'),
      },
    };
  }

  checklist(row: ReportChecklistRow): ReportChecklistRow {
    return { ...row, evidence: this.redactor.text(row.evidence) };
  }

  finding(row: ReportFindingRow, finding: ReportFinding): ReportFindingRow {
    const e = finding.evidence;
    const subjects = this.subjects(finding.entraId, finding.scimId, text(e.memberId), text(e.memberScimId));
    subjects.push([finding.displayName]);
    const redact = (value: string) => this.redactor.text(value, subjects);
    return {
      ...row,
      key: redact(row.key),
      subject: redact(row.subject),
      entraId: this.value(row.entraId, 'id'),
      scimId: this.value(row.scimId, 'id'),
      entra: redact(row.entra),
      pulumi: redact(row.pulumi),
      details: redact(row.details),
      fix: redact(row.fix),
    };
  }

  exception(row: ReportTeamExceptionRow, finding: ReportFinding): ReportTeamExceptionRow {
    const subjects = this.subjects(finding.entraId, finding.scimId, row.memberId);
    subjects.push([finding.displayName, row.member]);
    const redact = (value: string) => this.redactor.text(value, subjects);
    return {
      ...row,
      team: redact(row.team),
      teamEntraId: this.value(row.teamEntraId, 'id'),
      member: redact(row.member),
      memberId: this.value(row.memberId, 'id'),
      state: redact(row.state),
    };
  }

  action(row: ReportActionRow): ReportActionRow {
    const subjects = this.subjects(row.subject);
    subjects.push([row.subject, row.actor]);
    return {
      ...row,
      actor: this.value(row.actor, 'person'),
      subject: this.redactor.text(row.subject, subjects),
      outcome: this.redactor.text(row.outcome, subjects),
    };
  }

  private value(value: string | null, prefix: Prefix): string | null {
    return value ? this.redactor.value(value, prefix) : value;
  }

  private subjects(...ids: (string | null | undefined)[]): Aliases[] {
    const found = ids.filter((id): id is string => Boolean(id)).map((id) => this.aliases(id));
    for (const { names, kind } of found) this.redactor.register(names, kind);
    return found.map((f) => f.names);
  }
}

const text = (value: unknown) => (typeof value === 'string' ? value : null);

/** Every name an object is known by in the store, on either side, by its Entra or SCIM id. */
function aliasReader(db: Database.Database): (id: string) => { names: string[]; kind: 'person' | 'group' } {
  const statements = [
    `SELECT id, user_principal_name, mail, display_name, given_name, surname FROM entra_users WHERE id = @id`,
    `SELECT id, display_name FROM entra_groups WHERE id = @id`,
    `SELECT p.id, p.user_name, p.email, p.display_name, p.given_name, p.family_name FROM pulumi_users p
      WHERE p.id = @id OR p.id = (SELECT scim_id FROM identity_links WHERE entra_id = @id AND object_type = 'user')`,
    `SELECT id, display_name FROM pulumi_groups WHERE id = @id`,
  ].map((sql) => db.prepare(sql).raw());
  return (id) => {
    const names = new Set<string>([id]);
    let kind: 'person' | 'group' = 'person';
    statements.forEach((statement, i) => {
      for (const row of statement.all({ id }) as unknown[][]) {
        // The second and fourth statements read groups.
        if (i % 2 === 1) kind = 'group';
        for (const value of row) if (typeof value === 'string' && value) names.add(value);
      }
    });
    return { names: [...names], kind };
  };
}
