import * as z from 'zod';

const userInfo = z.looseObject({
  name: z.string().nullish(),
  githubLogin: z.string(),
  avatarUrl: z.string().nullish(),
  email: z.string().nullish(),
});

export const membersPageSchema = z.looseObject({
  members: z.array(
    z.looseObject({
      role: z.string(),
      fgaRole: z.looseObject({ id: z.string(), name: z.string() }).nullish(),
      user: userInfo,
      created: z.string().nullish(),
      knownToPulumi: z.boolean().nullish(),
      virtualAdmin: z.boolean().nullish(),
    }),
  ),
  continuationToken: z.string().nullish(),
});

export const teamKindSchema = z.enum(['pulumi', 'github', 'scim']);

export const teamSchema = z.looseObject({
  kind: teamKindSchema,
  name: z.string(),
  displayName: z.string().nullish(),
  description: z.string().nullish(),
  members: z.array(userInfo.extend({ role: z.string().nullish() })).nullish(),
});

export const teamsSchema = z.looseObject({ teams: z.array(teamSchema) });

export const organizationSchema = z.looseObject({
  name: z.string(),
  features: z
    .looseObject({ samlSsoEnabled: z.boolean().nullish(), scimEnabled: z.boolean().nullish() })
    .nullish(),
});

export const samlSchema = z.looseObject({
  entityId: z.string().nullish(),
  ssoUrl: z.string().nullish(),
  nameIdFormat: z.string().nullish(),
  validUntil: z.string().nullish(),
  validationError: z.string().nullish(),
});

export const samlAdminsSchema = z.looseObject({ admins: z.array(userInfo) });

export const auditPageSchema = z.looseObject({
  auditLogEvents: z.array(
    z.looseObject({
      timestamp: z.number(),
      event: z.string(),
      description: z.string().nullish(),
      authFailure: z.boolean().nullish(),
      user: userInfo.nullish(),
    }),
  ),
  continuationToken: z.string().nullish(),
});

export type OrganizationMember = z.infer<typeof membersPageSchema>['members'][number];
export type PulumiTeamInfo = z.infer<typeof teamSchema>;
export type AuditLogEvent = z.infer<typeof auditPageSchema>['auditLogEvents'][number];
