/**
 * Rules for text people type, wherever it enters: chat platforms hand over UTF-16 strings that
 * may hold lone surrogates (a JSON `\ud83c` escape, a client that cut an emoji in half), and
 * PostgreSQL refuses those in `jsonb` (and `text` cannot hold NUL). Text is therefore made
 * well-formed where it arrives — the conversation layer's parser — and again by the core before
 * anything is stored, so an odd character can never turn a payment into a database fault.
 */

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/**
 * Replaces each lone surrogate with U+FFFD (what any UTF-8 encoder would write) and each NUL with
 * a space. Why replace rather than refuse: the person typed something readable around it, and the
 * confirmation prompt shows exactly what will be stored before any code is asked for.
 */
export function wellFormed(text: string): string {
  return text.replace(LONE_SURROGATE, '\ufffd').replaceAll('\u0000', ' ');
}

/**
 * Control characters (C0, DEL, C1, so newlines too), zero-width ones, bidi overrides and isolates,
 * line/paragraph separators and the BOM: none can be seen, and each can forge or reorder a line
 * in a prompt that shows the text to someone else. The chat's parser splits words on them too.
 */
export const INVISIBLE = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]/g;

/**
 * Text shown back to another person on one line (a memo, a request's description, a refund's
 * reason): made well-formed, each invisible character turned into a space and spaces run together,
 * as the chat's parser does — so every way in (chat, API, operator) stores the same visible text.
 */
export function plainLine(text: string): string {
  return wellFormed(text).replace(INVISIBLE, ' ').replace(/\s+/g, ' ').trim();
}

/** Length as people count it: code points, so an emoji is one character and is never split. */
export function codePointLength(text: string): number {
  return Array.from(text).length;
}
