import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Utterance } from './score.js';

/**
 * The labelled corpus of one language, one JSON object a line; or the held-out set, written apart
 * from the rules and never tuned to, so its figure says how the rules meet sentences they were not
 * shaped by (reported by `npm run nlu:eval`, held by no test).
 */
export function loadCorpus(set: 'en' | 'zh' | 'holdout'): Utterance[] {
  const file = fileURLToPath(new URL(set === 'holdout' ? './holdout.jsonl' : `./corpus.${set}.jsonl`, import.meta.url));
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim())
    .map((line) => JSON.parse(line) as Utterance);
}
