import { describe, expect, it } from 'vitest';

import { Redactor } from '../../electron/core/reports/redaction';

describe('Redactor', () => {
  const key = Buffer.alloc(32, 1);

  it('gives one person one token across aliases, and the same token for the same key', () => {
    const redactor = new Redactor(key);
    const token = redactor.register(['0e5c7839-b1df-4f9f-9f5d-73016ad8d31e', 'ana@contoso.test', 'Ana Lima']);
    expect(token).toMatch(/^person-[0-9a-f]{12}$/);
    expect(redactor.value('ANA@contoso.test')).toBe(token);
    expect(new Redactor(key).register(['0e5c7839-b1df-4f9f-9f5d-73016ad8d31e'])).toBe(token);
    expect(new Redactor().register(['0e5c7839-b1df-4f9f-9f5d-73016ad8d31e'])).not.toBe(token);
  });

  it('finds names as whole words, and ids and emails however they are encoded', () => {
    const redactor = new Redactor(key);
    const ana = ['Ana', 'ana@contoso.test', '0e5c7839-b1df-4f9f-9f5d-73016ad8d31e'];
    const token = redactor.register(ana);
    const text = redactor.text(
      'Ana failed; Management asked. See https://entra.example/#view/userId/0e5c7839%2Db1df-4f9f-9f5d-73016ad8d31e and &quot;ana&#64;contoso.test&quot;; bob@contoso.test too.',
      [ana],
    );
    expect(text).toContain(`${token} failed; Management asked.`);
    expect(text).not.toMatch(/ana@|0e5c7839|bob@contoso/i);
    expect(text).toMatch(/"person-[0-9a-f]{12}"; person-[0-9a-f]{12} too\./);
  });
});
