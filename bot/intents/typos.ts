/**
 * Typos in the words that name an intent (“balnce”, “histroy”, “frezee”), and only those: a word
 * of five letters or more one edit away (a letter added, dropped, changed, or two swapped) from a
 * command word is read as that word. Amounts, people and references are never corrected.
 */

/** The command words a typo may stand for. */
const TARGETS = [
  'balance', 'history', 'statement', 'freeze', 'unfreeze', 'refund', 'request', 'transfer', 'transactions',
  'transaction', 'language', 'verify', 'recover', 'recovery', 'cancel', 'support', 'unlink', 'authenticator',
  'account', 'wallet', 'chinese', 'english', 'register', 'tickets', 'confirm', 'stolen', 'hacked', 'payment',
  'unlock', 'money',
];

/** Real words one edit from a command word, which mean something else (“a cool breeze”, “cancer”). */
const REAL_WORDS = new Set([
  'breeze', 'freezer', 'frieze', 'cancer', 'cancels', 'balanced', 'bequest', 'conform', 'tickles', 'tickers',
  'pickets', 'wickets', 'rickets', 'verity', 'stolon', 'hacker', 'backed', 'packed', 'jacked', 'racked',
  'tacked', 'sacked', 'lacked', 'hacken', 'stollen', 'swollen', 'unlike', 'mallet', 'monkey', 'honey', 'mosey',
]);

/** Edit distance with adjacent swaps (optimal string alignment), stopping early past 1. */
function withinOneEdit(a: string, b: string): boolean {
  if (Math.abs(a.length - b.length) > 1) return false;
  let prev2: number[] = [];
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, prev2[j - 2]! + 1);
      row.push(d);
    }
    if (Math.min(...row) > 1) return false;
    prev2 = prev;
    prev = row;
  }
  return prev[b.length]! <= 1;
}

/** The command word a lower-case Latin word was meant to be, or the word itself. */
export function corrected(word: string): string {
  if (word.length < 5 || !/^[a-z]+$/.test(word) || REAL_WORDS.has(word) || TARGETS.includes(word)) return word;
  // a plural is the word itself, not a typo (“payments” stays)
  if (TARGETS.includes(word.replace(/s$/, ''))) return word;
  return TARGETS.find((target) => withinOneEdit(word, target)) ?? word;
}
