import type { ServerResponse } from 'node:http';

import type { EmulatorRequest, Router } from '../http-kit';
import type { PulumiAccount } from './pulumi-org';
import { guard, jsonBody, parseEqFilter, type ScimContext } from './scim-context';
import { listResponse, sendScim, sendScimError, userResource } from './scim-responses';
import { applyUserPatch, ScimRejection, userFromBody, type UserFields } from './user-changes';

const maxPageSize = 100;

/** Users: list with `userName eq` and paging, get, create, replace, patch; no delete (Pulumi has none). */
export function registerScimUsers(router: Router, context: ScimContext): void {
  const { org } = context;
  const prefix = '/scim/v2/:org/Users';

  const scimMember = (id: string) => {
    const membership = org.memberships.get(id);
    const account = org.accounts.get(id);
    return membership?.scim && account ? { account, membership } : null;
  };
  const fieldsOf = (account: PulumiAccount, active: boolean): UserFields => ({
    userName: account.userName,
    displayName: account.displayName,
    givenName: account.givenName,
    familyName: account.familyName,
    email: account.email,
    active,
  });
  /** Email and userName are unique across all Pulumi accounts, not just this org. */
  const checkUnique = (fields: UserFields, selfId: string | null) => {
    const byName = org.accountByUserName(fields.userName);
    if (byName && byName.id !== selfId)
      throw new ScimRejection(409, 'uniqueness', `User with userName ${fields.userName} already exists.`);
    if (fields.email) {
      const byEmail = org.accountByEmail(fields.email);
      if (byEmail && byEmail.id !== selfId)
        throw new ScimRejection(
          409,
          'uniqueness',
          `Email ${fields.email} already in use by another Pulumi account.`,
        );
    }
  };
  const save = (account: PulumiAccount, fields: UserFields) => {
    Object.assign(account, {
      displayName: fields.displayName,
      givenName: fields.givenName,
      familyName: fields.familyName,
      email: fields.email,
    });
    const membership = org.memberships.get(account.id);
    if (membership) membership.active = fields.active;
  };
  const withUser = (
    req: EmulatorRequest,
    res: ServerResponse,
    run: (user: NonNullable<ReturnType<typeof scimMember>>) => void,
  ) => {
    const user = scimMember(req.params.id ?? '');
    if (!user) return sendScimError(res, org, 404, `User ${req.params.id} not found.`);
    guard(context, res, () => run(user));
  };

  router
    .on('GET', prefix, (req, res) =>
      guard(context, res, () => {
        const q = req.url.searchParams;
        const filter = q.get('filter');
        const startIndex = Math.max(1, Number(q.get('startIndex') ?? '1') || 1);
        const count = q.has('count') ? Number(q.get('count')) : maxPageSize;
        if (!Number.isInteger(count) || count < 0 || count > maxPageSize) {
          throw new ScimRejection(400, 'invalidValue', `count must be between 0 and ${maxPageSize}.`);
        }
        // Resources are built for the page only: listing 100k users must not be quadratic.
        let members = [...org.memberships.values()].filter((m) => m.scim && org.accounts.has(m.accountId));
        if (filter) {
          const wanted = parseEqFilter(filter, 'userName').toLowerCase();
          members = members.filter((m) => org.accounts.get(m.accountId)?.userName.toLowerCase() === wanted);
        }
        const page = members
          .slice(startIndex - 1, startIndex - 1 + count)
          .map((m) => scimMember(m.accountId))
          .filter((u) => u !== null);
        sendScim(
          res,
          200,
          listResponse(
            page.map((u) => userResource(context.base(), u.account, u.membership)),
            members.length,
            startIndex,
          ),
        );
      }),
    )
    .on('GET', `${prefix}/:id`, (req, res) =>
      withUser(req, res, (u) => sendScim(res, 200, userResource(context.base(), u.account, u.membership))),
    )
    .on('POST', prefix, (req, res) => {
      const body = jsonBody(context, req, res);
      if (!body) return;
      guard(context, res, () => {
        const fields = userFromBody(body, org.options.rejectUnknownAttributesOnCreate);
        checkUnique(fields, null);
        const account = org.addPersonalAccount({ userName: fields.userName, orgManaged: true });
        save(account, fields);
        const membership = {
          accountId: account.id,
          active: fields.active,
          role: 'member' as const,
          created: new Date().toISOString(),
          scim: true,
        };
        org.memberships.set(account.id, membership);
        org.audit('member-added', `${account.userName} was added to the organization by SCIM`);
        sendScim(res, 201, userResource(context.base(), account, membership), {
          location: `${context.base()}/Users/${account.id}`,
        });
      });
    })
    .on('PUT', `${prefix}/:id`, (req, res) => {
      const body = jsonBody(context, req, res);
      if (!body) return;
      withUser(req, res, ({ account, membership }) => {
        const current = fieldsOf(account, membership.active);
        const fields = userFromBody(body, true, {
          ...current,
          displayName: '',
          givenName: null,
          familyName: null,
          email: null,
        });
        checkUnique(fields, account.id);
        save(account, fields);
        sendScim(res, 200, userResource(context.base(), account, membership));
      });
    })
    .on('PATCH', `${prefix}/:id`, (req, res) => {
      const body = jsonBody(context, req, res);
      if (!body) return;
      withUser(req, res, ({ account, membership }) => {
        const fields = applyUserPatch(fieldsOf(account, membership.active), body);
        checkUnique(fields, account.id);
        save(account, fields);
        sendScim(res, 200, userResource(context.base(), account, membership));
      });
    })
    .on('DELETE', `${prefix}/:id`, (_req, res) =>
      sendScimError(
        res,
        org,
        org.options.userDeleteStatus,
        'Pulumi has no endpoint for deleting a user through SCIM; deactivate the user instead.',
      ),
    );
}
