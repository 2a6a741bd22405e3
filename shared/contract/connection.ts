/** One probe of `connection.test`: what was tried, whether it worked, and what to do if not. */
export interface ConnectionCheck {
  id: string;
  label: string;
  ok: boolean;
  /** What happened, in words (never a token). */
  detail: string;
  /** What to do next, when it failed: e.g. the permission to grant. */
  hint?: string;
}

export interface ConnectionReport {
  entra: ConnectionCheck[];
  pulumi: ConnectionCheck[];
  testedAt: string;
}
