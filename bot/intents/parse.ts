import { INVISIBLE, wellFormed } from '../../core/text.js';
import { MAGNITUDE_WORDS, toHalfWidth } from './amount.js';
import { PUBLIC_ID, REFERENCE, TICKET_REFERENCE } from '../replies/refs.js';
import { intentSchema, type Intent, type IntentKind } from './intent.js';
import { MENTION, readMention, type Mention } from './mention.js';
import { readMoney, type MoneySlot } from './money-slot.js';
import { recognise } from './recognise.js';
import { slotWords } from './slot-words.js';

const SLASH: Record<string, IntentKind> = {
  start: 'start', help: 'help', balance: 'balance', send: 'send', request: 'request', pay: 'pay',
  refund: 'refund', askrefund: 'ask_refund', history: 'history', statement: 'statement', verify: 'verify',
  freeze: 'freeze', unfreeze: 'unfreeze', '2fa': 'setup_2fa', recover: 'recover', link: 'link', unlink: 'unlink',
  language: 'language', close: 'close', confirm: 'confirm', cancel: 'cancel', deposit: 'deposit',
  withdraw: 'withdraw', approve: 'approve', reject: 'reject', freezeuser: 'freezeuser', unfreezeuser: 'unfreezeuser',
  support: 'support', reply: 'reply', tickets: 'tickets', cheque: 'cheque', claim: 'claim', claims: 'claims', merchant: 'merchant', apikey: 'apikey', webhook: 'webhook',
};

/**
 * Free-text openings, English and Chinese: when a message starts with the words of the intent
 * recognised in it (`recognise`), its slots are read from the words after them, as a command's.
 */
const PHRASES: [RegExp, IntentKind][] = [
  [/^(become (a )?merchant|merchant|成为商户|开通商户|商户)/, 'merchant'],
  [/^(api ?keys?|api密钥|密钥)/, 'apikey'],
  [/^(webhook|回调地址|回调)/, 'webhook'],
  [/^(ask (for )?(a )?refund|request (a )?refund|申请退款|要求退款|请求退款)/, 'ask_refund'],
  [/^(unfreeze|解冻|解除冻结)/, 'unfreeze'],
  [/^(freeze|冻结|锁定账户)/, 'freeze'],
  [/^(refund|退款|退钱)/, 'refund'],
  [/^(balance|what'?s my balance|my balance|show( my)? balance|check( my)? balance|余额|查余额|查询余额|我的余额)/, 'balance'],
  [/^(history|transactions|交易记录|记录|历史|明细)/, 'history'],
  [/^(statement|账单|对账单)/, 'statement'],
  [/^(contact support|support|支持|客服)/, 'support'],
  [/^(help|帮助|怎么用|\?|？)/, 'help'],
  [/^(verify|kyc|实名认证|实名|认证)/, 'verify'],
  [/^(request|收款|我要收款)/, 'request'],
  [/^(cancel|取消)/, 'cancel'],
  [/^(confirm|确认)/, 'confirm'],
  [/^(language|语言|切换语言)/, 'language'],
  [/^(close( my)? account|注销|销户|关闭账户)/, 'close'],
  [/^(unlink|解除绑定|解绑|取消关联)/, 'unlink'],
  [/^(link|绑定|关联)/, 'link'],
  [/^(2fa|set ?up authenticator|authenticator|两步验证|验证器|身份验证器)/, 'setup_2fa'],
  [/^(recover|recovery|恢复|找回)/, 'recover'],
  [/^(start|开始|注册)/, 'start'],
  [/^(my claims|my cheques|我的红包|我的支票)/, 'claims'],
  [/^(claim|领取红包|领红包|领取|收红包)/, 'claim'],
  [/^(cheque|发红包|红包|开支票|支票)/, 'cheque'],
  [/^(send|transfer|give|pay|转账|转给|转|给|付给|付款|支付|付)/, 'send'],
];

const FILLER = new Set([
  'to', 'for', 'me', 'my', 'please', 'the', 'a', 'an', 'of', 'account', 'money', 'now',
  '给', '转', '转账', '转给', '付给', '付', '付款', '支付', '账户', '吧', '一下', '请', '把',
]);

const CODE = /^\d{6}$/;
/** `ABCD-EFGH-JKMN`, or the 12 characters run together if one of them is a digit (not a word). */
const RECOVERY = /^(?:[A-Za-z0-9]{4}-[A-Za-z0-9]{4}-[A-Za-z0-9]{4}|(?=[A-Za-z]*\d)[A-Za-z0-9]{12})$/;


/** A unit written right after a number and glued to the next words (`10块给` → `10 块 给`). */
const UNIT_FIRST = /^(块钱|人民币|美元|美金|欧元|英镑|港币|港元|日元|元|块|万|千|百|亿)(?=[\u3400-\u9fff])/;
/** A payment verb glued to a Chinese amount (`转一百二十元` → `转 一百二十元`). */
const VERB_BEFORE_NUMERAL = /^(转账|转给|转|付给|付|给|打|收款|收)(?=[零〇一二两三四五六七八九十百千万]+(?:元|块|块钱|美元|欧元|日元|英镑|港币)?$)/;
/** A reference glued to Chinese or to punctuation (`帮我付R9`, `退款，T2`) stands apart. */
const GLUED_REFERENCE = /([\u3400-\u9fff，。！？；：、,;:])(?=[TRtr][1-9]\d*(?![A-Za-z0-9]))|(?<![A-Za-z0-9])([TRtr][1-9]\d*)(?=[\u3400-\u9fff])/g;

/** Words of plain text, with spaces between Chinese and digits, so `转账10块` splits into words. */
function words(text: string): string[] {
  return text
    // invisible and control characters separate words (a mention keeps its own, to be refused whole)
    .replace(INVISIBLE, ' ')
    .replace(/([\u3400-\u9fff])(?=[\d$¥￥€£])/g, '$1 ')
    .replace(/(\d)(?=[\u3400-\u9fff])/g, '$1 ')
    .replace(GLUED_REFERENCE, (_, before: string | undefined, ref: string | undefined) => (before ? `${before} ` : `${ref} `))
    .split(/\s+/)
    .filter(Boolean)
    .flatMap((word, i, all) => {
      const unit = /\d$/.test(all[i - 1] ?? '') ? UNIT_FIRST.exec(word) : null;
      const verb = unit ? null : VERB_BEFORE_NUMERAL.exec(word);
      const glued = (unit && !MAGNITUDE_WORDS.has(word) ? unit : verb)?.[0];
      return glued ? [glued, word.slice(glued.length)] : [word];
    });
}

/** Words, with each `@mention` kept whole as one token (`给@bob转账10块` → 给 @bob 转账 10 块). */
function tokenize(text: string): string[] {
  const half = toHalfWidth(text);
  const tokens: string[] = [];
  let from = 0;
  for (const mention of half.matchAll(MENTION)) {
    tokens.push(...words(half.slice(from, mention.index)));
    tokens.push(mention[0]);
    from = mention.index + mention[0].length;
  }
  return [...tokens, ...words(half.slice(from))];
}

interface Parts extends Omit<MoneySlot, 'used'> {
  mentions: Mention[];
  ref?: string;
  code?: string;
  words: string[];
}

/** Pulls the recognisable pieces out of the words after the command: people, a reference, money, the rest. */
function partsOf(tokens: string[]): Parts {
  const mentions: Mention[] = [];
  const taken = new Set<number>();
  let ref: string | undefined;
  tokens.forEach((token, i) => {
    const bare = token.replace(/^[(（]+|[?!,.;:)，。！？；：、）]+$/gu, '');
    if (token.startsWith('@') && token.length > 1) mentions.push(readMention(token));
    else if (!ref && REFERENCE.test(bare)) ref = bare.toUpperCase();
    else return;
    taken.add(i);
  });
  const { used, ...money } = readMoney(tokens, (i) => !taken.has(i));
  const code = tokens.find((token, i) => !taken.has(i) && (CODE.test(token) || RECOVERY.test(token)));
  const words = tokens.filter((_, i) => !taken.has(i) && !used.has(i));
  return { mentions, ...(ref ? { ref } : {}), ...(code ? { code } : {}), ...money, words };
}

function memoOf(words: string[]): string | undefined {
  const kept = words.filter((w) => !FILLER.has(w.toLowerCase()));
  const memo = kept.join(' ').trim();
  // never cut: the wallet refuses an over-long memo with a message, a cut one is not what was written
  return memo || undefined;
}

const LOCALES: Record<string, 'en' | 'zh-CN'> = {
  en: 'en', english: 'en', 英文: 'en', 英语: 'en',
  zh: 'zh-CN', 'zh-cn': 'zh-CN', cn: 'zh-CN', chinese: 'zh-CN', 中文: 'zh-CN', 汉语: 'zh-CN',
};
const CHINESE_NAMES: [string, 'en' | 'zh-CN'][] = [['英文', 'en'], ['英语', 'en'], ['中文', 'zh-CN'], ['汉语', 'zh-CN'], ['普通话', 'zh-CN']];

/** The one language the words name (`en`, `chinese`, `切换成英文`); two named, or none, leave it to ask. */
function localeNamed(words: string[]): 'en' | 'zh-CN' | undefined {
  const named = new Set(
    words.flatMap((word) => {
      const exact = LOCALES[word.toLowerCase()];
      return exact ? [exact] : CHINESE_NAMES.filter(([name]) => word.includes(name)).map(([, locale]) => locale);
    }),
  );
  return named.size === 1 ? [...named][0] : undefined;
}

/**
 * The one person a message names: a mention that is not a whole handle is refused as written;
 * two people named leave the recipient open, so the handler asks who is meant.
 */
function personOf(mentions: Mention[]): { handle?: string; unreadableHandle?: string } {
  const unreadable = mentions.find((m) => 'unreadable' in m);
  if (unreadable && 'unreadable' in unreadable) return { unreadableHandle: unreadable.unreadable };
  const [only, ...others] = mentions;
  return only && 'handle' in only && others.length === 0 ? { handle: only.handle } : {};
}

/**
 * A message to or from support, as written after the command (`raw`, when the caller has the
 * original text: its spacing and lines are the person's), else the words after it; the colon or
 * comma that set it off from the command (`contact support: …`) is not part of it.
 */
function messageOf(rest: string[], raw: string | undefined): string | undefined {
  return (raw ?? rest.join(' ')).replace(/^[\s:：,，、;；]+/u, '').trim() || undefined;
}

const COUNT_WORDS = new Set(['count', 'x', '×', 'for', '共', '分', '分成']);
const COUNT_UNITS = new Set(['个', '份', '人', '个人', 'people', 'parts']);
const ONCE_WORDS = /^(once|once-each|每人一次|每人限领一次|每人限一次|一人一次|每人一份|每人限一份)$/i;
const CLAIM_LINK = /^claim_([A-Za-z0-9_-]{16,64})$/;

/**
 * A cheque's own words before its money is read: how many parts (`count 3`, `x3`, `3个`, `分3份`)
 * and whether each person may claim once (`once`, 每人一次), so the count is never read as money.
 */
function chequeWords(rest: string[]): { count?: number; once: boolean; rest: string[] } {
  let count: number | undefined;
  let once = false;
  const kept: string[] = [];
  for (let i = 0; i < rest.length; i++) {
    const token = rest[i]!;
    const next = rest[i + 1];
    const glued = /^[x×](\d{1,3})$/i.exec(token);
    if (ONCE_WORDS.test(token)) once = true;
    else if (glued) count = Number(glued[1]);
    else if (COUNT_WORDS.has(token.toLowerCase()) && next && /^\d{1,3}$/.test(next) && count === undefined && !isCurrencyAfter(rest, i + 1)) {
      count = Number(next);
      i += 1;
      if (COUNT_UNITS.has(rest[i + 1] ?? '')) i += 1;
    } else if (/^\d{1,3}$/.test(token) && next && COUNT_UNITS.has(next)) {
      count = Number(token);
      i += 1;
    } else kept.push(token);
  }
  return { ...(count === undefined ? {} : { count }), once, rest: kept };
}

/** Whether the number at `i` is money (a currency or unit follows it), not a count. */
function isCurrencyAfter(tokens: string[], i: number): boolean {
  return /^(cny|usd|eur|jpy|hkd|gbp|元|块|块钱|美元|欧元|日元|港币|英镑|rmb)$/i.test(tokens[i + 1] ?? '');
}

/** A word as a request's public id, in any case (`PR_…` from a phone's keyboard), as links and pages print it. */
const asPublicId = (word: string | undefined) => (word && PUBLIC_ID.test(word.toLowerCase()) ? word.toLowerCase() : undefined);

/**
 * A request's public id is read only as what is paid: the first word of `/pay` (`/pay pr_…`), or
 * the only word after a payment verb (`pay pr_…`, `支付 pr_…`). Anywhere in a send
 * (`/send @bob 10 CNY pr_…`) it would silently drop the person and amount that were typed.
 */
const publicIdOf = (kind: IntentKind, rest: string[]) => (kind === 'pay' || (kind === 'send' && rest.length === 1) ? asPublicId(rest[0]) : undefined);

const APIKEY_ACTIONS: Record<string, 'list' | 'revoke' | 'test'> = {
  list: 'list', 列表: 'list', 查看: 'list', revoke: 'revoke', 撤销: 'revoke', 吊销: 'revoke', test: 'test', 测试: 'test',
};

/** `/webhook URL` (the address as typed, case kept), `/webhook rotate` (轮换), `/webhook` alone. */
function webhookIntent(rest: string[], raw: string | undefined): Intent {
  if (['rotate', '轮换', '更换密钥'].includes(rest[0]?.toLowerCase() ?? '')) return { kind: 'webhook', action: 'rotate' };
  const url = messageOf(rest, raw);
  return url ? { kind: 'webhook', action: 'set', url } : { kind: 'webhook', action: 'show' };
}

/** `/apikey`, `/apikey test`, `/apikey list`, `/apikey revoke LAST4 [all]` (and 密钥 列表 / 撤销 / 测试 / 全部). */
function apiKeyIntent(rest: string[]): Intent {
  const action = APIKEY_ACTIONS[rest[0]?.toLowerCase() ?? ''];
  if (action === 'list') return { kind: 'apikey', action };
  if (action === 'revoke') {
    const all = rest.slice(2).some((word) => ['all', '全部'].includes(word.toLowerCase()));
    // what is not 4 letters or digits names no key: the handler asks for one
    const last4 = /^[A-Za-z0-9]{4}$/.test(rest[1] ?? '') ? rest[1] : undefined;
    return { kind: 'apikey', action, last4, all };
  }
  return { kind: 'apikey', action: 'issue', mode: action === 'test' ? 'test' : 'live' };
}

function build(kind: IntentKind, rest: string[], raw?: string): Intent {
  if (kind === 'cheque') {
    const { count, once, rest: words } = chequeWords(rest);
    const p = partsOf(words);
    const { handle, unreadableHandle } = personOf(p.mentions);
    return { kind, amount: p.amount, amountIssue: p.amountIssue, count, forHandle: handle, unreadableHandle, once, memo: memoOf(p.words) };
  }
  if (kind === 'claim') return { kind, secret: (raw ?? rest.join(' ')).trim().replace(/^claim_/, '') || undefined };
  if (kind === 'start') {
    const link = CLAIM_LINK.exec((raw ?? rest.join(' ')).trim());
    if (link) return { kind, claim: link[1]! };
    const pay = asPublicId(/^pay_(.+)$/.exec(rest[0] ?? '')?.[1]);
    return pay ? { kind, pay } : { kind };
  }
  const publicId = publicIdOf(kind, rest);
  if (publicId) return { kind: 'pay', publicId };
  const p = partsOf(rest);
  const { handle, unreadableHandle } = personOf(p.mentions);
  const { amount, amountIssue } = p;
  const first = rest[0];
  switch (kind) {
    case 'send':
      if (p.ref?.startsWith('R') && p.mentions.length === 0) return { kind: 'pay', ref: p.ref };
      return { kind, to: handle, unreadableHandle, amount, amountIssue, memo: memoOf(p.words) };
    case 'request':
      return { kind, amount, amountIssue, memo: memoOf(p.words), payer: handle, unreadableHandle };
    case 'pay':
      return p.ref ? { kind, ref: p.ref } : { kind: 'send', to: handle, unreadableHandle, amount, amountIssue, memo: memoOf(p.words) };
    case 'refund':
      return { kind, ref: p.ref, amount, amountIssue };
    case 'ask_refund':
      return { kind, ref: p.ref, reason: memoOf(p.words) };
    case 'verify':
      return { kind, document: first?.toLowerCase(), name: rest.slice(1).join(' ') || undefined };
    case 'recover':
    case 'link':
      return { kind, code: rest.join('') || undefined };
    case 'language':
      return { kind, locale: localeNamed(rest) };
    case 'unlink': {
      const platform = first?.toLowerCase();
      return { kind, platform: platform === 'telegram' || platform === 'discord' || platform === 'console' ? platform : undefined };
    }
    case 'confirm':
      return { kind, code: p.code ?? (rest.join('') || undefined) };
    case 'deposit':
    case 'withdraw':
      return { kind, user: handle, unreadableHandle, amount, amountIssue };
    case 'approve':
      return { kind, id: first };
    case 'reject':
      return { kind, id: first, reason: rest.slice(1).join(' ') || undefined };
    case 'freezeuser':
    case 'unfreezeuser':
      return { kind, user: handle, unreadableHandle };
    case 'support':
      return { kind, message: messageOf(rest, raw) };
    case 'merchant':
      return { kind, name: messageOf(rest, raw) };
    case 'apikey':
      return apiKeyIntent(rest);
    case 'webhook':
      return webhookIntent(rest, raw);
    case 'reply': {
      if (!first || !TICKET_REFERENCE.test(first)) return { kind, message: messageOf(rest, raw) };
      return { kind, ticket: first, message: messageOf(rest.slice(1), raw?.replace(/^\s*[SsＳｓ][0-9０-９]+/, '')) };
    }
    default:
      return { kind } as Intent;
  }
}

/**
 * Drops parts that do not validate (a malformed handle) rather than failing, so the handler asks
 * for what is missing; also used for Discord's slash-command options, whose text is made
 * well-formed here like a message's.
 */
export function validated(intent: { kind: string }): Intent {
  const checked = intentSchema.safeParse(JSON.parse(JSON.stringify(intent, (_, value: unknown) => (typeof value === 'string' ? wellFormed(value) : value))));
  if (checked.success) return checked.data;
  const bare = intentSchema.safeParse({ kind: intent.kind });
  return bare.success ? bare.data : { kind: 'unknown' };
}

/** The original text after a slash command (and its `@bot`), for commands that carry a message. */
function afterCommand(text: string): string {
  return wellFormed(text).replace(/^\s*\/[A-Za-z0-9_]+(@[A-Za-z0-9_]+)?/, '');
}

/**
 * The original text after a free-text opening, for a message to support: the opening is found in
 * the half-width, lower-case text (which keeps every character's place), then cut from the original.
 */
function afterPhrase(text: string, pattern: RegExp): string | undefined {
  const original = wellFormed(text).trimStart();
  const head = pattern.exec(toHalfWidth(original).toLowerCase());
  return head ? original.slice(head[0].length) : undefined;
}

/**
 * Turns one chat message (slash command or free text, English or Chinese) into an intent. Never
 * throws; anything it cannot read is `unknown`, and missing parts are left for the handler to ask.
 * This is where user text enters the wallet: it is made well-formed first (lone surrogates become
 * U+FFFD), and read whole — nothing is cut, so nothing is silently lost.
 */
export function parseMessage(text: string): Intent {
  const tokens = tokenize(wellFormed(text).replace(/^\s*\/([A-Za-z0-9_]+)@[A-Za-z0-9_]+/, '/$1'));
  if (tokens.length === 0) return { kind: 'unknown' };
  const head = tokens[0]!;
  const slash = /^\/([A-Za-z0-9_]+)(@\w+)?$/.exec(head);
  if (slash) {
    const kind = SLASH[slash[1]!.toLowerCase()];
    return kind ? validated(build(kind, tokens.slice(1), afterCommand(text))) : { kind: 'unknown' };
  }
  const joined = tokens.join(' ');
  if (tokens.length === 1 && (CODE.test(head) || RECOVERY.test(head))) return { kind: 'confirm', code: head };
  const kind = recognise(joined);
  if (!kind) return { kind: 'unknown' };
  const opening = PHRASES.find(([pattern, phrase]) => phrase === kind && pattern.test(joined.toLowerCase()));
  const rest = opening ? tokenize(joined.slice(opening[0].exec(joined.toLowerCase())![0].length)) : slotWords(kind, tokens);
  const intent = validated(build(kind, rest, opening ? afterPhrase(text, opening[0]) : undefined));
  // the language's name may be what named the intent (`切换成英文`), so it is looked for in the whole message
  if (intent.kind === 'language' && !intent.locale) return { kind: 'language', locale: localeNamed(tokens) };
  // “pay this request” names no reference yet: the handler asks which, rather than starting a send to no one
  return kind === 'pay' && intent.kind === 'send' && !intent.to && !intent.amount && !intent.amountIssue ? { kind: 'pay' } : intent;
}

/**
 * Reads a message as the answer to a question about a `kind` intent (“How much?” → `5`, “To
 * whom?” → `@bob`): the same slots, read the same exact way, as if the words followed the command.
 */
export function parseAnswer(kind: IntentKind, text: string): Intent {
  return validated(build(kind, tokenize(wellFormed(text)), wellFormed(text)));
}
