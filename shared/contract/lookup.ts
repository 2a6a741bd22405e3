import type { FailureCause } from '../finding-kinds';
import type { FindingRecord } from './reconcile';
import type { ProvisioningStatus } from './rows';

/** What Lookup can say about one person, first, in one stable code. */
export const personVerdicts = [
  'in_sync',
  'not_assigned',
  'nested_only',
  'out_of_scope',
  'scope_unknown',
  'missing_email',
  'duplicate_email',
  'failed',
  'username_changed',
  'inactive_in_pulumi',
  'not_deprovisioned',
  'unmatched',
  'not_yet_provisioned',
  'not_found',
] as const;
export type PersonVerdict = (typeof personVerdicts)[number];

/** One candidate for what was typed: an Entra user or group, or a Pulumi user Entra does not know. */
export interface LookupMatch {
  kind: 'user' | 'group' | 'pulumi_user';
  entraId: string | null;
  scimId: string | null;
  displayName: string | null;
  userPrincipalName: string | null;
  mail: string | null;
}

/** How the person reaches the app's scope, as Entra computes it. */
export interface AssignmentPath {
  syncAll: boolean;
  direct: boolean;
  /** Assigned groups the person is a direct member of. */
  viaGroups: { id: string; displayName: string | null }[];
  /** Assigned groups the person is only inside through a nested group (Entra ignores those). */
  nestedVia: { id: string; displayName: string | null; through: string | null }[];
  /** Whether nested groups were read from Graph (`lookup.nested`); the store alone cannot tell. */
  nestedChecked: boolean;
  scopingFilter: boolean;
}

export interface TimelineEntry {
  id: string;
  activityDateTime: string;
  status: ProvisioningStatus;
  action: string;
  cause: FailureCause | null;
  errorCode: string | null;
}

/** Everything Lookup read about one person, newest first where it is a list. */
export interface PersonExplanation {
  verdict: { code: PersonVerdict; sentence: string; cause?: FailureCause; since?: string; failures?: number };
  subject: LookupMatch;
  evidence: {
    entra: {
      accountEnabled: boolean | null;
      userPrincipalName: string | null;
      mail: string | null;
      userType: string | null;
    } | null;
    assignment: AssignmentPath | null;
    pulumi: {
      id: string;
      userName: string;
      email: string | null;
      active: boolean;
      displayName: string | null;
      linkedBy: string | null;
    } | null;
    teams: { entraGroups: string[]; pulumiTeams: string[] };
    timeline: TimelineEntry[];
    /** What was read from Graph for this question because the store does not hold it. */
    readFromGraph: string[];
  };
  findings: FindingRecord[];
}

/** What Graph said about a person's nested path into scope, and what was read to say it. */
export interface NestedPath {
  nestedVia: AssignmentPath['nestedVia'];
  readFromGraph: string[];
}

/** What Lookup can say about one group and its team, first, in one stable code. */
export const groupVerdicts = [
  'in_sync',
  'not_assigned',
  'not_yet_provisioned',
  'failed',
  'name_too_long',
  'push_blocked',
  'members_differ',
  'name_mismatch',
  'name_collision',
  'not_deprovisioned',
  'not_found',
] as const;
export type GroupVerdict = (typeof groupVerdicts)[number];

/**
 * One member against the team: in it, missing from it, blocking the push (no account or an inactive
 * one), in the team but not the group, or not pushed at all (disabled, out of scope, no team yet).
 */
export const groupMemberStates = [
  'in_team',
  'missing',
  'not_provisioned',
  'inactive',
  'extra',
  'not_pushed',
] as const;
export type GroupMemberState = (typeof groupMemberStates)[number];

export interface GroupMember {
  entraId: string | null;
  scimId: string | null;
  name: string;
  state: GroupMemberState;
}

/** Everything Lookup read about one group and its team; member lists are capped, counts are whole. */
export interface GroupExplanation {
  verdict: { code: GroupVerdict; sentence: string; cause?: FailureCause; since?: string; failures?: number };
  subject: LookupMatch;
  evidence: {
    entra: {
      displayName: string | null;
      assigned: boolean;
      syncAll: boolean;
      userMembers: number;
      /** Groups nested in this one: Entra pushes none of their members. */
      nestedGroups: { id: string; displayName: string | null }[];
    } | null;
    team: {
      scimId: string;
      name: string;
      members: number;
      /** 'scim' or Pulumi's own team kind, from the REST API; null without an access token. */
      kind: string | null;
      linkedBy: string | null;
    } | null;
    name: { length: number; limit: number };
    members: { counts: Record<GroupMemberState, number>; listed: GroupMember[]; total: number };
    lastPush: TimelineEntry | null;
    timeline: TimelineEntry[];
  };
  findings: FindingRecord[];
}
