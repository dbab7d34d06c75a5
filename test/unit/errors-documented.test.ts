import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ERROR_CODES, ERRORS, errorKindOf, httpStatusOf, isErrorCode } from '../../core/errors.js';

describe('error codes', () => {
  const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
  const rows = [...readme.matchAll(/^\| `([a-z_]+\.[a-z_]+)` \| ([a-z_]+) \| (\d{3}) \|/gm)].map((m) => ({
    code: m[1],
    kind: m[2],
    status: Number(m[3]),
  }));
  const documented = [...readme.matchAll(/^\| `([a-z_]+\.[a-z_]+)` \|/gm)].map((m) => m[1]);

  it('documents every error code in the README, and nothing else', () => {
    expect([...documented].sort()).toEqual([...ERROR_CODES].sort());
  });

  it('documents each code with the kind and HTTP status of the table', () => {
    expect(rows).toHaveLength(documented.length);
    const declared = ERROR_CODES.map((code) => ({ code, kind: errorKindOf(code), status: httpStatusOf(code) }));
    expect([...rows].sort((a, b) => a.code!.localeCompare(b.code!))).toEqual(
      [...declared].sort((a, b) => a.code.localeCompare(b.code)),
    );
  });

  it('gives every code a status of its kind’s class, faults never being returned', () => {
    const allowed: Record<string, number[]> = {
      invalid: [400, 413, 415],
      refusal: [422, 429],
      not_found: [404],
      conflict: [409],
      forbidden: [403],
      unauthenticated: [401],
    };
    for (const [code, spec] of Object.entries(ERRORS)) {
      expect(allowed[spec.kind], code).toContain(spec.status);
    }
  });

  it('tells a code of the table from any other text the SQL might return', () => {
    expect(ERROR_CODES.every(isErrorCode)).toBe(true);
    expect(isErrorCode('transfer.lost')).toBe(false);
    expect(isErrorCode('toString')).toBe(false);
  });
});
