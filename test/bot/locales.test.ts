import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ERROR_CODES } from '../../core/errors.js';
import en from '../../locales/en.json' with { type: 'json' };
import zhCN from '../../locales/zh-CN.json' with { type: 'json' };

function keysOf(tree: object, prefix = ''): string[] {
  return Object.entries(tree).flatMap(([name, value]) =>
    typeof value === 'object' ? keysOf(value as object, `${prefix}${name}.`) : [`${prefix}${name}`],
  );
}

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sources(path) : path.endsWith('.ts') ? [path] : [];
  });
}

const root = new URL('../../', import.meta.url).pathname;
const botCode = sources(join(root, 'bot')).map((path) => ({ path, code: readFileSync(path, 'utf8') }));
const enKeys = new Set(keysOf(en));

describe('locales', () => {
  it('en and zh-CN have exactly the same keys', () => {
    expect(keysOf(zhCN).sort()).toEqual([...enKeys].sort());
  });

  it('translates every error code', () => {
    expect(ERROR_CODES.filter((code) => !enKeys.has(`errors.${code}`))).toEqual([]);
  });

  it('has every key the conversation layer names, and no key it never uses', () => {
    const literal = new Set<string>();
    const anyLiteral = new Set<string>();
    const dynamicPrefixes = new Set<string>();
    for (const { code } of botCode) {
      for (const m of code.matchAll(/['"`]([a-z_0-9]+(?:\.[a-z_0-9]+)+)['"`]/g)) literal.add(m[1]!);
      for (const m of code.matchAll(/['"`]([a-z_0-9.]+)['"`]/g)) anyLiteral.add(m[1]!);
      for (const m of code.matchAll(/`([a-z_]+\.)(?:[a-z_]+\.)*\$\{/g)) dynamicPrefixes.add(m[1]!);
    }
    const named = [...literal].filter((k) => /^(hint|help|start|enroll|balance|ask|mention|challenge|group|receipt|effect|cancel|freeze|request|buttons|history|statement|language|verify|operator|link|refund_ask|notice|fault|errors|discord)\b/.test(k) && k !== 'discord.js');
    const errorCodes = new Set<string>(ERROR_CODES);
    expect(named.filter((k) => !enKeys.has(k) && !errorCodes.has(k))).toEqual([]);
    const orphans = [...enKeys].filter((k) => !anyLiteral.has(k) && ![...dynamicPrefixes].some((p) => k.startsWith(p)));
    expect(orphans).toEqual([]);
  });

  it('keeps user-facing text out of the handlers, replies and chat adapters', () => {
    const scanned = botCode.filter(({ path }) => /bot\/(handlers|replies)\/|console-adapter\.ts$|bot\/discord\/discord-(adapter|render|messages|notices|commands)\.ts$/.test(path));
    const offenders: string[] = [];
    for (const { path, code } of scanned) {
      for (const m of code.matchAll(/(['"`])((?:(?!\1).)*)\1/g)) {
        const value = m[2]!;
        if (/[\u3400-\u9fff]/.test(value) || /^[A-Z][a-z]+(?: [a-z]+){2,}/.test(value)) offenders.push(`${path}: ${value}`);
      }
    }
    expect(offenders).toEqual([]);
  });
});
