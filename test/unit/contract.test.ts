import { describe, expect, it } from 'vitest';

import {
  buildApi,
  eventNames,
  eventSchemas,
  methodNames,
  parseInput,
  ScimWatchError,
  toApiError,
} from '../../shared/contract';
import { methodRoutes } from '../../electron/core/handlers/method-routes';
import { readerHandlers, writerHandlers } from '../../electron/core/handlers/routes';

describe('the contract', () => {
  it('routes every method to a worker that implements it, or to the host', () => {
    for (const method of methodNames) {
      const route = methodRoutes[method];
      if (route === 'reader') expect(readerHandlers[method], method).toBeTypeOf('function');
      if (route === 'writer') expect(writerHandlers[method], method).toBeTypeOf('function');
    }
  });

  it('names the events later features push, each with a schema', () => {
    expect(eventNames).toEqual(
      expect.arrayContaining([
        'status.changed',
        'sync.progress',
        'provisioningEvents.ingested',
        'findings.changed',
        'retry.updated',
        'report.progress',
        'auth.prompt',
      ]),
    );
    expect(
      eventSchemas['sync.progress'].safeParse({
        source: 'entra',
        phase: 'x',
        done: -1,
        total: null,
        message: '',
      }).success,
    ).toBe(false);
  });

  it('rejects bad input with code, message naming the field, and hint', () => {
    try {
      parseInput('settings.update', { values: { tenantId: 'not a tenant' } });
      expect.unreachable();
    } catch (error) {
      const apiError = toApiError(error);
      expect(apiError.code).toBe('invalid_input');
      expect(apiError.message).toContain('values.tenantId');
      expect(apiError.hint).not.toBe('');
    }
  });

  it('refuses unknown fields instead of ignoring them', () => {
    expect(() => parseInput('app.status', { surprise: 1 })).toThrow(ScimWatchError);
  });

  it('refuses a plain-HTTP Graph URL off loopback but accepts loopback', () => {
    expect(() => parseInput('settings.update', { values: { graphUrl: 'http://graph.example.com' } })).toThrow(
      /plain HTTP/,
    );
    expect(
      parseInput('settings.update', { values: { graphUrl: 'http://127.0.0.1:8443' } }).values?.graphUrl,
    ).toBe('http://127.0.0.1:8443');
  });

  it('builds one API method per request', async () => {
    const calls: [string, unknown][] = [];
    const api = buildApi(
      (method, input) => {
        calls.push([method, input]);
        return Promise.resolve(null);
      },
      () => () => undefined,
    );
    await api.app.status();
    await api.profiles.select({ name: 'demo' });
    expect(calls).toEqual([
      ['app.status', {}],
      ['profiles.select', { name: 'demo' }],
    ]);
    expect(Object.keys(api).sort()).toEqual(
      [...new Set(methodNames.map((m) => m.split('.')[0]))].concat('on').sort(),
    );
  });

  it('hides internal error details behind a generic contract error', () => {
    expect(toApiError(new Error('SQLITE_IOERR at /secret/path'))).toEqual(
      expect.objectContaining({ code: 'internal', message: expect.not.stringContaining('/secret/path') }),
    );
  });
});
