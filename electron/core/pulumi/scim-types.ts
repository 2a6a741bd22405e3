import * as z from 'zod';

/** The SCIM shapes ScimWatch reads from Pulumi; unknown fields pass through untouched. */
export const scimUserSchema = z.looseObject({
  id: z.string(),
  userName: z.string(),
  displayName: z.string().nullish(),
  name: z.looseObject({ givenName: z.string().nullish(), familyName: z.string().nullish() }).nullish(),
  emails: z
    .array(z.looseObject({ value: z.string(), type: z.string().nullish(), primary: z.boolean().nullish() }))
    .nullish(),
  active: z.boolean(),
});

export const scimGroupSchema = z.looseObject({
  id: z.string(),
  displayName: z.string(),
  members: z.array(z.looseObject({ value: z.string(), display: z.string().nullish() })).nullish(),
});

export const listResponseSchema = <T extends z.ZodType>(item: T) =>
  z.looseObject({
    totalResults: z.number().int().nonnegative(),
    startIndex: z.number().int().optional(),
    itemsPerPage: z.number().int().optional(),
    Resources: z.array(item).default([]),
  });

export type ScimUser = z.infer<typeof scimUserSchema>;
export type ScimGroup = z.infer<typeof scimGroupSchema>;
