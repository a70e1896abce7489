import { describe, expect, test } from 'vitest';
import { quoteIdent, quoteLiteral, sqlQuery } from '../../src/data/sql/quote';

describe('SQL quoting', () => {
  test.each([
    ['territoire', '"territoire"'],
    ['a"b', '"a""b"'],
    ['"; DROP TABLE observations; --', '"""; DROP TABLE observations; --"'],
  ])('identifier %s', (name, want) => {
    expect(quoteIdent(name)).toBe(want);
  });
  test('literal', () => {
    expect(quoteLiteral("' OR 1=1 --")).toBe("''' OR 1=1 --'");
    expect(() => quoteLiteral('a\u0000b')).toThrow();
  });
  test('placeholders must match parameters, ignoring ? inside string literals', () => {
    expect(() => sqlQuery('SELECT ?', [])).toThrow(/1 placeholders/);
    expect(sqlQuery("SELECT '?' AS q, ?", [1]).params).toEqual([1]);
  });
});
