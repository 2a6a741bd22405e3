import { Agent, fetch } from 'undici';

/** One SCIM exchange as the provisioning service saw it: what was asked and what came back. */
export interface ScimExchange {
  method: string;
  path: string;
  status: number;
  /** The response body as text (it goes into the log entry's reason on failure). */
  body: string;
  json: unknown;
}

/**
 * The provisioning service's HTTP side: sends SCIM requests to the app's tenant URL with the saved
 * bearer token, as Entra does. Network failures become status 0 with the error text as body.
 */
export class ScimTarget {
  private readonly dispatcher: Agent;

  constructor(
    private readonly baseAddress: string,
    private readonly token: string,
    ca: string[],
  ) {
    this.dispatcher = new Agent({ connect: { ca } });
  }

  async send(method: string, path: string, body?: unknown): Promise<ScimExchange> {
    const url = `${this.baseAddress.replace(/\/+$/, '')}${path}`;
    try {
      const response = await fetch(url, {
        method,
        dispatcher: this.dispatcher,
        headers: {
          authorization: `Bearer ${this.token}`,
          'content-type': 'application/scim+json',
          accept: 'application/scim+json',
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      const text = await response.text();
      let json: unknown = null;
      try {
        json = text ? JSON.parse(text) : null;
      } catch {
        json = null;
      }
      return { method, path, status: response.status, body: text, json };
    } catch (error) {
      return {
        method,
        path,
        status: 0,
        body: error instanceof Error ? error.message : String(error),
        json: null,
      };
    }
  }

  async close(): Promise<void> {
    await this.dispatcher.close();
  }
}

/** A string literal inside a SCIM filter: double-quoted, with backslashes and quotes escaped. */
export function scimString(value: string): string {
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}
