/**
 * Reading `@mentions` whole. A handle on Telegram, Discord or the console is ASCII letters,
 * digits, `_` and `.`; a mention is everything from the `@` to the next space, punctuation mark
 * or Chinese character (`给@bob转账` names bob). If that run holds anything else — a Cyrillic
 * `о` that looks like `o`, a zero-width space, a hyphen — it is refused as written, never cut to
 * the part that happens to be a handle, because the shorter handle may belong to someone else.
 */

/** A mention as written: a plain handle (without `@`), or the text that cannot be one. */
export type Mention = { handle: string } | { unreadable: string };

const SPACE = '\\t\\n\\v\\f\\r \\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000';
const ENDS = `${SPACE}@,!?;:()\\[\\]{}<>"'\`，。！？；：、（）【】《》「」`;
const HAN = '\\u3400-\\u9fff';
/**
 * `@` not glued to a word before it (an e-mail address is not a mention), then the run up to a
 * space, punctuation or Han character; if Han follows at once, the run up to the next space.
 */
export const MENTION = new RegExp(`(?<![A-Za-z0-9_])@(?:[^${ENDS}${HAN}]+|[^${SPACE}@]*)`, 'gu');

const HANDLE = /^[A-Za-z0-9_.]{1,64}$/;

/** Reads one mention token (`@bob`, `@bob.` at a sentence end) exactly. */
export function readMention(written: string): Mention {
  const body = written.slice(1).replace(/\.+$/, '');
  return HANDLE.test(body) ? { handle: body } : { unreadable: written };
}

const PLAIN = /^[A-Za-z0-9_.@]$/u;
const INVISIBLE = /^[\p{Cc}\p{Cf}\p{Z}\p{M}\p{Co}\p{Cn}]$/u;
const codePoint = (char: string) => `U+${char.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;

/**
 * How to show an unreadable mention to the person who wrote it: invisible characters as their
 * code point (`@bo[U+200B]b`), and the offending characters listed (`“о” (U+043E)`), so a
 * look-alike can be told from the letter it imitates.
 */
export function describeUnreadable(written: string): { handle: string; chars: string } {
  const chars = Array.from(written);
  const shown = chars.slice(0, 40).map((c) => (INVISIBLE.test(c) ? `[${codePoint(c)}]` : c)).join('') + (chars.length > 40 ? '…' : '');
  const odd = [...new Set(chars.filter((c) => !PLAIN.test(c)))].slice(0, 3);
  return { handle: shown, chars: odd.map((c) => (INVISIBLE.test(c) ? codePoint(c) : `“${c}” (${codePoint(c)})`)).join(', ') };
}
