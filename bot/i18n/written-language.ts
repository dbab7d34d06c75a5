import type { Locale } from './i18n.js';

const HAN = /\p{Script=Han}/gu;
/**
 * What is not language: a slash command's name, a mention, any Latin run with a digit in it
 * (amounts, codes, references like T2), or hyphenated letter groups (a recovery code). Han
 * characters beside a digit stay words: `转账10块` is Chinese.
 */
const NOT_WORDS = /(?:^|\s)\/\S+|@\S+|[A-Za-z0-9]*\d[A-Za-z0-9-]*|\b[A-Za-z]{4}(?:-[A-Za-z]{4})+\b/gu;
/** A Latin word of two letters or more; an all-capital word of up to four letters is a code (`USD`, `CNY`), not English. */
const LATIN_WORD = /\p{Script=Latin}{2,}/gu;
const CODE_WORD = /^[A-Z]{2,4}$/;
/** `ok`, `yes`, `hi`, `thx`: everyone types these, so alone they say nothing about the language. */
const SHORT_WORD = 3;

/**
 * The language a message is written in, or undefined when it holds none (digits, a code, `@bob`,
 * a currency code, a bare slash command, only short words like `ok`), in which case the conversation keeps the one it had.
 * Each Han character counts as one word against the Latin words, and Chinese wins a tie: people who
 * read Chinese mix in English words (“帮我check一下balance”), while someone who cannot read Chinese
 * rarely types it, so “send 10 to @bob 谢谢” is answered in Chinese.
 */
export function writtenLanguage(message: string): Locale | undefined {
  const words = message.normalize('NFKC').replace(NOT_WORDS, ' ');
  const han = words.match(HAN)?.length ?? 0;
  const latinWords = (words.match(LATIN_WORD) ?? []).filter((word) => !CODE_WORD.test(word));
  if (han === 0 && latinWords.every((word) => word.length <= SHORT_WORD)) return undefined;
  return han >= latinWords.length ? 'zh-CN' : 'en';
}
