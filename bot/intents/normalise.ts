import { MENTION } from './mention.js';
import { corrected } from './typos.js';

/**
 * The text the intent lexicon reads: lower case, full-width letters and digits made half-width,
 * apostrophes dropped (“don't” → `dont`), emoji and punctuation turned into spaces (a question
 * mark is kept as its own word, because a question is read differently), Latin and Chinese kept
 * apart (“帮我check一下balance”), mentions blanked to `@` so a handle never reads as a command,
 * and typos in command words corrected. Padded with spaces so `\b` and ` word ` both work.
 * Only the intent is read from this: slots are read from the message as written.
 */
export function normalise(message: string): string {
  const text = message
    .replace(/[\uff01-\uff5e]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/\u3000/g, ' ')
    .replace(MENTION, ' @ ')
    .toLowerCase()
    .replace(/['’‘`´]/g, '')
    .replace(/[?？]/g, ' ? ')
    .replace(/[^\p{L}\p{N}@?\s]/gu, ' ')
    .replace(/([\u3400-\u9fff])(?=[a-z0-9@])/g, '$1 ')
    .replace(/([a-z0-9@])(?=[\u3400-\u9fff])/g, '$1 ');
  const words = text.split(/\s+/).filter(Boolean).map(corrected);
  return ` ${words.join(' ')} `;
}
