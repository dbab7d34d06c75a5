import { parseMessage } from '../../bot/intents/parse.js';
import { loadCorpus } from './corpus.js';
import { score, type Miss, type Score } from './score.js';

/**
 * `npm run nlu:eval`: the parser's figures on the labelled corpus, per language and together, as a
 * table; then on the held-out set, apart, because the rules were never tuned to it.
 */
const pct = (n: number, of: number) => (of === 0 ? '   -  ' : `${((100 * n) / of).toFixed(1).padStart(5)}%`);
const show = (m: Miss) => `  ${JSON.stringify(m.text)}: expected ${m.expected}${m.expectedSlots ? ` ${JSON.stringify(m.expectedSlots)}` : ''}, got ${m.got}${m.gotSlots ? ` ${JSON.stringify(m.gotSlots)}` : ''}`;
const counts = (c: Record<string, number>) => Object.entries(c).map(([k, n]) => `${k} ${n}`).join(', ') || 'none';

function report(name: string, s: Score): void {
  console.log(`\n== ${name}: ${s.total} utterances ==`);
  console.log(`intent            n   correct`);
  for (const [intent, row] of Object.entries(s.perIntent).sort()) console.log(`${intent.padEnd(14)} ${String(row.total).padStart(4)}   ${pct(row.correct, row.total)}`);
  console.log(`overall        ${String(s.total).padStart(4)}   ${pct(s.correct, s.total)}`);
  console.log(`freeze recall  ${s.freeze.found}/${s.freeze.labelled} ${pct(s.freeze.found, s.freeze.labelled)}; missed as: ${counts(s.freeze.missedAs)}`);
  console.log(`false freezes  ${s.freeze.falseFreezes.length}; from: ${counts(s.freeze.falseFrom)}`);
  console.log(`money slots    ${s.slots.exact}/${s.slots.checked} exact ${pct(s.slots.exact, s.slots.checked)}`);
}

const en = loadCorpus('en');
const zh = loadCorpus('zh');
const both = score([...en, ...zh], parseMessage);
report('en', score(en, parseMessage));
report('zh', score(zh, parseMessage));
report('all', both);
const wrong = [...both.misses, ...both.slots.wrong];
if (wrong.length) console.log(`\nmisread (${wrong.length}):\n${wrong.map(show).join('\n')}`);
const heldOut = score(loadCorpus('holdout'), parseMessage);
report('held-out (not tuned)', heldOut);
const heldOutWrong = [...heldOut.misses, ...heldOut.slots.wrong];
if (heldOutWrong.length) console.log(`\nheld-out misread (${heldOutWrong.length}):\n${heldOutWrong.map(show).join('\n')}`);
const started = performance.now();
const texts = [...en, ...zh].map((u) => u.text);
const rounds = 20;
for (let i = 0; i < rounds; i++) for (const t of texts) parseMessage(t);
console.log(`\nparseMessage: ${(((performance.now() - started) * 1000) / (rounds * texts.length)).toFixed(1)} µs per message (${rounds * texts.length} parses)`);
