import type { ServerResponse } from 'node:http';

import type { EmulatorRequest } from '../http-kit';
import type { PulumiOrg } from './pulumi-org';
import { sendScimError } from './scim-responses';
import { ScimRejection } from './user-changes';

export interface ScimContext {
  org: PulumiOrg;
  /** The SCIM base URL of the org, e.g. https://localhost:1234/scim/v2/acme. */
  base: () => string;
}

/** Parses a JSON body or answers 400 itself. */
export function jsonBody(
  context: ScimContext,
  req: EmulatorRequest,
  res: ServerResponse,
): Record<string, unknown> | null {
  try {
    const value = JSON.parse(req.body || '{}') as unknown;
    if (value && typeof value === 'object' && !Array.isArray(value)) return value as Record<string, unknown>;
  } catch {
    // answered below
  }
  sendScimError(res, context.org, 400, 'The request body is not a JSON object.', 'invalidSyntax');
  return null;
}

/** Runs a change; a ScimRejection becomes the matching SCIM error response. */
export function guard(context: ScimContext, res: ServerResponse, run: () => void): void {
  try {
    run();
  } catch (error) {
    if (error instanceof ScimRejection)
      return sendScimError(res, context.org, error.status, error.message, error.scimType);
    throw error;
  }
}

/** `userName eq "x"` or `displayName eq "x"` — the only filters Pulumi supports. */
export function parseEqFilter(filter: string, attribute: 'userName' | 'displayName'): string {
  const match = new RegExp(`^${attribute} eq "((?:[^"\\\\]|\\\\.)*)"$`).exec(filter.trim());
  if (!match)
    throw new ScimRejection(
      400,
      'invalidFilter',
      `Unsupported filter: ${filter}. Only '${attribute} eq' is supported.`,
    );
  return (match[1] ?? '').replace(/\\(.)/g, '$1');
}
