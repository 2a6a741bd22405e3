import { randomBytes, randomUUID } from 'node:crypto';

/** A Pulumi account. Accounts are global: userName and email are unique across every organization. */
export interface PulumiAccount {
  id: string;
  userName: string;
  email: string | null;
  displayName: string;
  givenName: string | null;
  familyName: string | null;
  /** Created by this org's SCIM (organization-managed), or a pre-existing personal account. */
  orgManaged: boolean;
}

/** The account's standing in the emulated org. */
export interface OrgMembership {
  accountId: string;
  active: boolean;
  role: 'member' | 'admin';
  created: string;
  /** Created through SCIM (so SCIM lists it). */
  scim: boolean;
}

export interface PulumiTeam {
  id: string;
  /** The URL key of the REST API. */
  name: string;
  displayName: string;
  description: string;
  kind: 'pulumi' | 'github' | 'scim';
  memberIds: string[];
}

export interface AuditEvent {
  timestamp: number;
  event: string;
  description: string;
  authFailure: boolean;
  user: { name: string; githubLogin: string; avatarUrl: string } | null;
}

export interface PulumiOrgOptions {
  /** Longest team display name accepted (Pulumi Cloud: 100; older self-hosted: 40). */
  teamNameLimit: number;
  /** What DELETE /Users/{id} answers: Pulumi has no user delete (404 or 405). */
  userDeleteStatus: 404 | 405;
  /** Whether attributes outside the six supported paths are refused on create too, not only on update. */
  rejectUnknownAttributesOnCreate: boolean;
  /** SCIM error `status` as Pulumi's current docs show it (string) or as older docs did (number). */
  statusAsString: boolean;
}

export const defaultPulumiOrgOptions: PulumiOrgOptions = {
  teamNameLimit: 100,
  userDeleteStatus: 404,
  rejectUnknownAttributesOnCreate: true,
  statusAsString: true,
};

/** One Pulumi organization plus the global account directory its SCIM users live in. */
export class PulumiOrg {
  readonly accounts = new Map<string, PulumiAccount>();
  readonly memberships = new Map<string, OrgMembership>();
  readonly teams = new Map<string, PulumiTeam>();
  readonly auditLog: AuditEvent[] = [];
  readonly accessTokens = new Set<string>();
  scimToken: string = randomBytes(24).toString('base64url');
  features = { samlSsoEnabled: true, scimEnabled: true };
  saml = {
    entityId: '',
    ssoUrl: '',
    nameIdFormat: 'urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress',
    validUntil: '',
    validationError: '',
  };
  options: PulumiOrgOptions;

  constructor(
    readonly name: string,
    options: Partial<PulumiOrgOptions> = {},
  ) {
    this.options = { ...defaultPulumiOrgOptions, ...options };
    const validUntil = new Date(Date.now() + 200 * 86_400_000).toISOString();
    this.saml = {
      ...this.saml,
      entityId: `https://api.pulumi.com/orgs/${name}`,
      ssoUrl: `https://login.microsoftonline.test/saml2`,
      validUntil,
    };
  }

  /** Regenerates the SCIM token; the old one stops working at once. Returns the new token. */
  regenerateScimToken(): string {
    this.scimToken = randomBytes(24).toString('base64url');
    return this.scimToken;
  }

  /** A personal account that exists outside the org (its email or userName then collides on SCIM create). */
  addPersonalAccount(account: Pick<PulumiAccount, 'userName'> & Partial<PulumiAccount>): PulumiAccount {
    const full: PulumiAccount = {
      id: randomUUID(),
      email: null,
      displayName: account.userName,
      givenName: null,
      familyName: null,
      orgManaged: false,
      ...account,
    };
    this.accounts.set(full.id, full);
    return full;
  }

  /** A member who joined without SCIM (by invitation); REST lists them, SCIM does not. */
  addInvitedMember(account: PulumiAccount, role: OrgMembership['role'] = 'member'): void {
    this.memberships.set(account.id, {
      accountId: account.id,
      active: true,
      role,
      created: new Date().toISOString(),
      scim: false,
    });
  }

  addTeam(team: Pick<PulumiTeam, 'displayName'> & Partial<PulumiTeam>): PulumiTeam {
    const full: PulumiTeam = {
      id: randomUUID(),
      name:
        team.displayName
          .toLowerCase()
          .replace(/[^a-z0-9-_.]+/g, '-')
          .slice(0, 100) || 'team',
      description: '',
      kind: 'pulumi',
      memberIds: [],
      ...team,
    };
    this.teams.set(full.id, full);
    return full;
  }

  accountByUserName(userName: string): PulumiAccount | undefined {
    const wanted = userName.toLowerCase();
    return [...this.accounts.values()].find((a) => a.userName.toLowerCase() === wanted);
  }

  accountByEmail(email: string): PulumiAccount | undefined {
    const wanted = email.toLowerCase();
    return [...this.accounts.values()].find((a) => a.email?.toLowerCase() === wanted);
  }

  audit(event: string, description: string, authFailure = false): void {
    this.auditLog.push({
      timestamp: Math.floor(Date.now() / 1000),
      event,
      description,
      authFailure,
      user: null,
    });
  }
}
