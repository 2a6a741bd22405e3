import type { TokenCredential } from '@azure/identity';
import {
  AuthenticationHandler,
  Client,
  RetryHandler,
  RetryHandlerOptions,
} from '@microsoft/microsoft-graph-client';
import { TokenCredentialAuthenticationProvider } from '@microsoft/microsoft-graph-client/authProviders/azureTokenCredentials/index.js';

import type { Clock } from '../time/clock';
import type { TransportFactory } from '../transport/transport-factory';
import { graphScope } from './credential-factory';
import { PacingHandler, TransportHandler, WholeAnswerHandler, type BudgetFor } from './graph-middleware';

export interface GraphClientInput {
  graphUrl: string;
  credential: TokenCredential;
  transport: TransportFactory;
  clock: Clock;
  budgetFor: BudgetFor;
  /** Retries of 429/503/504 (Graph's RetryHandler honours Retry-After). */
  maxRetries?: number;
  retryDelaySeconds?: number;
}

/**
 * Microsoft's Graph client with the chain built by hand: authentication → retry → whole answer →
 * pacing → our transport. Built by hand because the default chain uses the global fetch and retries 429s without
 * asking anyone's budget. The Graph host goes into customHosts, or the token is dropped.
 */
export function createGraphClient(input: GraphClientInput): Client {
  const provider = new TokenCredentialAuthenticationProvider(input.credential, {
    scopes: [graphScope(input.graphUrl)],
  });
  const authentication = new AuthenticationHandler(provider);
  const retry = new RetryHandler(
    new RetryHandlerOptions(input.retryDelaySeconds ?? 3, input.maxRetries ?? 6),
  );
  const wholeAnswer = new WholeAnswerHandler(input.transport.stats);
  const pacing = new PacingHandler(input.budgetFor, input.clock);
  const transport = new TransportHandler(input.transport.boundClient(input.graphUrl, null));
  authentication.setNext(retry);
  retry.setNext(wholeAnswer);
  wholeAnswer.setNext(pacing);
  pacing.setNext(transport);
  const url = new URL(input.graphUrl);
  return Client.initWithMiddleware({
    middleware: authentication,
    baseUrl: `${url.origin}/`,
    defaultVersion: 'v1.0',
    customHosts: new Set([url.hostname]),
  });
}
