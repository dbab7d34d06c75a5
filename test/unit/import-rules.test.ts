import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..');

function sources(folder: string): string[] {
  return readdirSync(join(root, folder), { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.ts'))
    .map((entry) => relative(root, join(entry.parentPath, entry.name)));
}

/** Every module a file imports, resolved to a path from the repository root. */
function importsOf(file: string): string[] {
  const specifiers = [...readFileSync(join(root, file), 'utf8').matchAll(/^\s*(?:import|export)\b[^'"]*?from\s+['"]([^'"]+)['"]/gm)].map((m) => m[1]!);
  return specifiers.filter((s) => s.startsWith('.')).map((s) => relative(root, join(root, file, '..', s)));
}

const offenders = (folder: string, forbidden: string) =>
  sources(folder)
    .flatMap((file) => importsOf(file).filter((target) => target.startsWith(forbidden)).map((target) => `${file} -> ${target}`));

describe('the dependency rule', () => {
  it('keeps db/ free of the conversation layer', () => {
    expect(offenders('db', 'bot/')).toEqual([]);
  });

  it('keeps the replies free of the handlers', () => {
    expect(offenders('bot/replies', 'bot/handlers/')).toEqual([]);
  });

  it('keeps the delivery layer free of platform libraries and of the handlers', () => {
    const platformImports = sources('bot/delivery').filter((file) => /from ['"](grammy|discord\.js)['"]/.test(readFileSync(join(root, file), 'utf8')));
    expect(platformImports).toEqual([]);
    expect(offenders('bot/delivery', 'bot/handlers/')).toEqual([]);
  });
});
