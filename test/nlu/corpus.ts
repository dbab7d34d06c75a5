import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Utterance } from './score.js';

/** The labelled corpus of one language, one JSON object a line. */
export function loadCorpus(language: 'en' | 'zh'): Utterance[] {
  const file = fileURLToPath(new URL(`./corpus.${language}.jsonl`, import.meta.url));
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim())
    .map((line) => JSON.parse(line) as Utterance);
}
