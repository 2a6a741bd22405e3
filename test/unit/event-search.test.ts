import { describe, expect, it } from 'vitest';

import { searchQuery } from '../../electron/core/store/event-search';

describe('search text as an FTS5 query', () => {
  it('matches finished words whole and the word being typed as a prefix', () => {
    expect(searchQuery('alice.sm')).toBe('"alice" AND "sm"*');
    expect(searchQuery('alice smith ')).toBe('"alice" AND "smith"');
    expect(searchQuery('Ångström')).toBe('"Ångström"*');
  });

  it('quotes every word, so nothing typed is query syntax, and refuses text without a word', () => {
    expect(searchQuery('bob OR NEAR(carol) -x "y*')).toBe(
      '"bob" AND "OR" AND "NEAR" AND "carol" AND "x" AND "y"',
    );
    expect(searchQuery('*** ((( "')).toBeNull();
    expect(searchQuery('')).toBeNull();
  });

  it('spells out a prefix longer than the indexed ones as its few words, folded like the index', () => {
    const asked: string[] = [];
    const expand = (prefix: string) => {
      asked.push(prefix);
      return prefix === 'example' ? ['example', 'examples'] : null;
    };
    expect(searchQuery('bob@Example', expand)).toBe('"bob" AND ("example" OR "examples")');
    expect(searchQuery('bob@exa', expand)).toBe('"bob" AND "exa"*'); // indexed: no lookup
    expect(searchQuery('Ångströms', expand)).toBe('"Ångströms"*'); // too many words: a prefix
    expect(asked).toEqual(['example', 'angstroms']);
  });

  it('keeps at most 16 words', () => {
    expect(searchQuery(Array.from({ length: 40 }, (_, i) => `w${i}`).join(' '))?.split(' AND ')).toHaveLength(
      16,
    );
  });
});
