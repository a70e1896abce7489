import { describe, expect, test } from 'vitest';
import { quoteIdent, quoteLiteral, sqlQuery } from '../../src/data/sql/quote';
import { plainRow } from '../../src/data/arrow-rows';

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

describe('identifiers and row keys from files', () => {
  test('a ? inside a quoted identifier is not a placeholder', () => {
    expect(() => sqlQuery(`SELECT ${quoteIdent('Part ?')} FROM t WHERE x = ?`, [1])).not.toThrow();
    expect(() => sqlQuery(`SELECT ${quoteIdent('Part ?')} FROM t WHERE x = ?`, [])).toThrow(/1 placeholders/);
  });
  test('a result column named __proto__ stays a column', () => {
    const row = plainRow({ toJSON: () => JSON.parse('{"__proto__": 5, "a": 1}') as Record<string, unknown> });
    expect(Object.getPrototypeOf(row)).toBe(Object.prototype);
    expect(Object.keys(row)).toEqual(['__proto__', 'a']);
    expect(Object.getOwnPropertyDescriptor(row, '__proto__')?.value).toBe(5);
  });
});
