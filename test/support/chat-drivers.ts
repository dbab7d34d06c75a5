import { Bot } from 'grammy';
import type { Update } from 'grammy/types';
import type { APIInteraction } from 'discord.js';
import { createConsoleAdapter } from '../../bot/console/console-adapter.js';
import { createDiscordAdapter, respondByRest } from '../../bot/discord/discord-adapter.js';
import { discordRest } from '../../bot/discord/discord-rest.js';
import { installTelegramHandlers } from '../../bot/telegram/telegram-adapter.js';
import { deliverDiscordNotices, deliverTelegramNotices, refreshExpiredCards, refreshExpiredDiscordCards } from './platform-rounds.js';
import type { Logger } from '../../bot/delivery/logger.js';
import type { Platform } from '../../core/ports/index.js';
import { codeAt } from '../../core/security/totp.js';
import { createAdapterStore } from '../../db/adapter-store.js';
import type { ManualClock } from './confirmation-fixtures.js';
import { secretOf } from './confirmation-fixtures.js';
import {
  APP_ID, BOT_TOKEN, botMessage, buttonPress, codeSubmit, directMessage, discordPerson, dmChannelId, interceptDiscord, slashCommand, SHOP_CHANNEL, type DiscordCall, type DiscordPerson,
} from './discord-fixtures.js';
import { API, botInfo, fieldOf, interceptTelegram, person, textUpdate, TOKEN } from './telegram-fixtures.js';
import type { TestWallet } from './test-database.js';
import { unwrap } from './wallet-fixtures.js';

/**
 * One chat platform as a person uses it, so the same scenario runs on every adapter: pay someone,
 * answer with the code, post a request in the group, press its Pay, freeze from an alert.
 */
export interface ChatDriver {
  platform: Platform;
  /**
   * A person with a wallet and an active authenticator on this platform, whose client said `locale`
   * at first contact (English unless given); returns the wallet user id.
   */
  enrolled(name: string, locale?: 'en' | 'zh-CN'): Promise<string>;
  /** A free-text message in the person's direct chat with the bot; `@name` mentions someone enrolled here. */
  write(name: string, text: string): Promise<void>;
  /** The platform's own way of writing `/send @to AMOUNT CNY`. */
  send(from: string, to: string, amount: string): Promise<void>;
  /** Answers the pending confirmation with the code the person's app shows now. */
  enterCode(name: string): Promise<void>;
  /** Posts `/request AMOUNT CNY memo` in the shared group. */
  request(merchant: string, amount: string, memo: string): Promise<void>;
  /** Presses Pay on the newest request card in the group. */
  payCard(name: string): Promise<void>;
  /** The newest request card as the group sees it now. */
  cardText(): string;
  /** Delivers pending alerts, then presses Freeze on the newest alert the person got. */
  freezeFromAlert(name: string): Promise<void>;
  /** Asks for `/balance`, `/history` or `/statement` in the shared group. */
  askInGroup(name: string, command: 'balance' | 'history' | 'statement'): Promise<void>;
  /** The platform's way of writing `/send @to AMOUNT CNY` in the shared group. */
  sendInGroup(from: string, to: string, amount: string): Promise<void>;
  /** Everything the group can read so far. */
  groupText(): string;
  /** Everything shown to this person alone so far (direct chat, private answers, forms). */
  privateText(name: string): string;
  /** One round of the platform's notice delivery. */
  deliverNotices(): Promise<void>;
  /** One run of the platform's expired-card refresher. */
  refreshCards(): Promise<void>;
  /** Posts the platform's `/cheque AMOUNT CNY count N` in the shared group (confirmed with enterCode). */
  cheque(from: string, amount: string, count: number): Promise<void>;
  /** Presses Claim on the newest claim post in the group. */
  claimInGroup(name: string): Promise<void>;
  /** Writes `send AMOUNT to @to` in the direct chat to a handle nobody holds here, and presses the Hold offered (confirmed with enterCode). */
  hold(from: string, to: string, amount: string): Promise<void>;
  /** Someone who never used the bot, called `name` on this platform, opens the newest claim link the bot wrote anywhere (Telegram: `/start claim_…`). */
  newcomerOpensLink(name: string): Promise<string>;
  /** Someone who never used the bot, called `name` on this platform, presses Claim on the newest claim post in the group. */
  newcomerClaimsInGroup(name: string): Promise<string>;
  /** What reached this person's direct chat alone (the console's and Telegram's private text; on Discord the DM channel, not ephemeral answers). */
  directText(name: string): string;
  /** Makes the platform refuse this person's direct chat (bot blocked, DMs closed); false where it never does (the console). */
  refuseDirect(name: string): boolean;
}

const CLAIM_LINK = /(?:claim_|\/claim )([A-Za-z0-9_-]{43})/g;

/** The secret of the newest claim link in what was written. */
function newestLink(written: string): string {
  const secret = [...written.matchAll(CLAIM_LINK)].at(-1)?.[1];
  if (!secret) throw new Error('no claim link written');
  return secret;
}

export type DriverFactory = (t: TestWallet, clock: ManualClock, logger: Logger) => ChatDriver;

async function enrollOn(t: TestWallet, clock: ManualClock, platform: Platform, platformUserId: string, username: string, locale = 'en') {
  const { user } = await t.wallet.register({ platform, platformUserId, username, locale });
  const secret = secretOf(unwrap(await t.wallet.beginEnrollment(user, username)).uri);
  unwrap(await t.wallet.activateAuthenticator(user, codeAt(secret, clock.now())));
  clock.advance(30_000);
  return { userId: user.id, secret };
}

export const consoleDriver: DriverFactory = (t, clock, logger) => {
  const lines: string[] = [];
  const adapter = createConsoleAdapter({ wallet: t.wallet, store: createAdapterStore(t.database.db), logger }, (line) => lines.push(line));
  const secrets = new Map<string, string>();
  const buttonId = (label: RegExp) => {
    const row = lines.findLast((l) => l.startsWith('  buttons:') && label.test(l))!;
    return new RegExp(`\\[${label.source}[^\\]]*\\]\\((b\\d+)\\)`).exec(row)![1]!;
  };
  return {
    platform: 'console',
    async enrolled(name, locale) {
      const { userId, secret } = await enrollOn(t, clock, 'console', name, name, locale);
      secrets.set(name, secret);
      return userId;
    },
    write: (name, text) => adapter.handleLine(`${name}: ${text}`),
    send: (from, to, amount) => adapter.handleLine(`${from}: /send @${to} ${amount} CNY`),
    async enterCode(name) {
      await adapter.handleLine(`${name}: ${codeAt(secrets.get(name)!, clock.now())}`);
      clock.advance(30_000);
    },
    request: (merchant, amount, memo) => adapter.handleLine(`${merchant}#shop: /request ${amount} CNY ${memo}`),
    payCard: (name) => adapter.handleLine(`${name}#shop: !${buttonId(/(?:Pay|支付)/)}`),
    cardText: () => lines.findLast((l) => l.startsWith('bot -> #shop:'))!,
    async freezeFromAlert(name) {
      // notices are printed after every line; the newest Freeze button under a message to this person
      const row = lines.findLastIndex((l, i) => /\[Freeze\]\(b\d+\)/.test(l) && lines.slice(0, i).findLast((h) => h.startsWith('bot -> '))?.startsWith(`bot -> ${name}:`));
      if (row < 0) throw new Error(`no alert with a Freeze button for ${name}`);
      await adapter.handleLine(`${name}: !${/\[Freeze\]\((b\d+)\)/.exec(lines[row]!)![1]}`);
    },
    askInGroup: (name, command) => adapter.handleLine(`${name}#shop: /${command}`),
    cheque: (from, amount, count) => adapter.handleLine(`${from}#shop: /cheque ${amount} CNY count ${count}`),
    claimInGroup: (name) => adapter.handleLine(`${name}#shop: !${buttonId(/(?:Claim|领取)/)}`),
    async hold(from, to, amount) {
      await adapter.handleLine(`${from}: send ${amount} to @${to}`);
      await adapter.handleLine(`${from}: !${buttonId(/Hold/)}`);
    },
    async newcomerOpensLink(name) {
      await adapter.handleLine(`${name}: /start claim_${newestLink(lines.join('\n'))}`);
      return (await t.wallet.findUserByIdentity({ platform: 'console', platformUserId: name }))!.id;
    },
    async newcomerClaimsInGroup(name) {
      await adapter.handleLine(`${name}#shop: !${buttonId(/(?:Claim|领取)/)}`);
      return (await t.wallet.findUserByIdentity({ platform: 'console', platformUserId: name }))!.id;
    },
    directText: (name) => printedTo(`bot -> ${name}:`).join('\n'),
    sendInGroup: (from, to, amount) => adapter.handleLine(`${from}#shop: /send @${to} ${amount} CNY`),
    groupText: () => printedTo('bot -> #shop:').join('\n'),
    privateText: (name) => printedTo(`bot -> ${name}:`).join('\n'),
    deliverNotices: () => adapter.deliverPending(),
    refreshCards: () => adapter.deliverPending(),
    refuseDirect: () => false,
  };
  /** The bot's messages whose first line starts with `head`, with their continuation lines. */
  function printedTo(head: string): string[] {
    let inside = false;
    return lines.filter((line) => (line.startsWith('  ') ? inside : (inside = line.startsWith(head))));
  }
};

export const telegramDriver: DriverFactory = (t, clock, logger) => {
  const capture = interceptTelegram();
  const bot = new Bot(TOKEN, { botInfo, client: { fetch: globalThis.fetch, apiRoot: API } });
  const store = createAdapterStore(t.database.db);
  installTelegramHandlers(bot, { wallet: t.wallet, store, download: async () => Buffer.alloc(0), logger });
  const people = new Map<string, { from: ReturnType<typeof person>; secret: string }>();
  const group = { id: -500, type: 'group' as const };
  let updateId = 1;
  const say = (name: string, text: string, chat?: typeof group) => bot.handleUpdate(textUpdate(updateId++, people.get(name)!.from, text, chat));
  const pressedBy = new Map<string, string>();
  const press = (name: string, data: string, chatId: number) => {
    pressedBy.set(`cb${updateId + 1}`, name);
    return bot.handleUpdate({ update_id: updateId++, callback_query: { id: `cb${updateId}`, from: people.get(name)!.from, chat_instance: 'x', data, message: { message_id: capture.lastMessageId(), date: 0, chat: { id: chatId, type: chatId < 0 ? 'group' : 'private', title: 'shop' } } } } as unknown as Update);
  };
  const buttonsOf = (chatId: string) =>
    capture.calls
      .filter((c) => fieldOf(c, 'chat_id') === chatId && typeof c.body !== 'string' && c.body.reply_markup)
      .flatMap((c) => (c.body as { reply_markup: { inline_keyboard: { callback_data: string }[][] } }).reply_markup.inline_keyboard.flat().map((b) => b.callback_data));
  return {
    platform: 'telegram',
    async enrolled(name, locale = 'en') {
      const id = 3000 + people.size;
      const { userId, secret } = await enrollOn(t, clock, 'telegram', String(id), name, locale);
      people.set(name, { from: person(id, name, locale === 'zh-CN' ? 'zh-hans' : 'en'), secret });
      return userId;
    },
    write: (name, text) => say(name, text),
    send: (from, to, amount) => say(from, `/send @${to} ${amount} CNY`),
    async enterCode(name) {
      await say(name, codeAt(people.get(name)!.secret, clock.now()));
      clock.advance(30_000);
    },
    request: (merchant, amount, memo) => say(merchant, `/request@OKPayBot ${amount} CNY ${memo}`, group),
    payCard: (name) => press(name, buttonsOf('-500').findLast((d) => d.startsWith('pay:'))!, -500),
    cardText: () => fieldOf(capture.calls.findLast((c) => fieldOf(c, 'chat_id') === '-500' && /sendMessage|editMessageText/.test(c.method))!, 'text'),
    async freezeFromAlert(name) {
      await deliverTelegramNotices(t.wallet, bot.api);
      const chatId = String(people.get(name)!.from.id);
      const freeze = buttonsOf(chatId).findLast((d) => d === 'freeze');
      if (!freeze) throw new Error(`no alert with a Freeze button for ${name}`);
      await press(name, freeze, Number(chatId));
    },
    askInGroup: (name, command) => say(name, `/${command}@OKPayBot`, group),
    cheque: (from, amount, count) => say(from, `/cheque@OKPayBot ${amount} CNY count ${count}`, group),
    // Claim is a link into the bot's chat: opening it sends /start claim_… there
    claimInGroup: (name) => say(name, `/start claim_${newestLink(claimUrlsIn('-500').join('\n'))}`),
    async hold(from, to, amount) {
      await say(from, `send ${amount} to @${to}`);
      const chatId = String(people.get(from)!.from.id);
      await press(from, buttonsOf(chatId).findLast((d) => d.startsWith('hold:'))!, Number(chatId));
    },
    async newcomerOpensLink(name) {
      const id = 4000 + people.size;
      people.set(name, { from: person(id, name), secret: '' });
      const written = capture.calls.map((c) => fieldOf(c, 'text')).join('\n');
      await say(name, `/start claim_${newestLink(written)}`);
      return (await t.wallet.findUserByIdentity({ platform: 'telegram', platformUserId: String(id) }))!.id;
    },
    async newcomerClaimsInGroup(name) {
      const id = 4000 + people.size;
      people.set(name, { from: person(id, name), secret: '' });
      // the group's Claim is a link into the bot's chat: opening it sends /start claim_… there
      await say(name, `/start claim_${newestLink(claimUrlsIn('-500').join('\n'))}`);
      return (await t.wallet.findUserByIdentity({ platform: 'telegram', platformUserId: String(id) }))!.id;
    },
    directText: (name) => shownIn(String(people.get(name)!.from.id)),
    sendInGroup: (from, to, amount) => say(from, `/send@OKPayBot @${to} ${amount} CNY`, group),
    groupText: () => shownIn('-500'),
    // a button's answer (answerCallbackQuery) is seen by its presser alone
    privateText: (name) => `${shownIn(String(people.get(name)!.from.id))}\n${capture.calls.filter((c) => c.method === 'answerCallbackQuery' && pressedBy.get(fieldOf(c, 'callback_query_id')) === name).map((c) => fieldOf(c, 'text')).join('\n')}`,
    deliverNotices: async () => void (await deliverTelegramNotices(t.wallet, bot.api)),
    refreshCards: () => refreshExpiredCards(t.wallet, bot.api, store),
    refuseDirect: (name) => Boolean(capture.blocked.add(String(people.get(name)!.from.id))),
  };
  function claimUrlsIn(chatId: string): string[] {
    return capture.calls
      .filter((c) => fieldOf(c, 'chat_id') === chatId && typeof c.body !== 'string' && c.body.reply_markup)
      .flatMap((c) => (c.body as { reply_markup: { inline_keyboard: { url?: string }[][] } }).reply_markup.inline_keyboard.flat().map((b) => b.url ?? ''));
  }
  function shownIn(chatId: string): string {
    return capture.calls.filter((c) => fieldOf(c, 'chat_id') === chatId).map((c) => fieldOf(c, 'text') || fieldOf(c, 'caption')).join('\n');
  }
};

export const discordDriver: DriverFactory = (t, clock, logger) => {
  const capture = interceptDiscord();
  const rest = discordRest(BOT_TOKEN);
  const store = createAdapterStore(t.database.db);
  const adapter = createDiscordAdapter({ wallet: t.wallet, store, rest, applicationId: APP_ID, download: async () => Buffer.alloc(0), logger });
  const people = new Map<string, { member: DiscordPerson; secret: string }>();
  /** Who sent each interaction (by its token), and whether its first answer was private. */
  const asker = new Map<string, { name: string; ephemeral?: boolean }>();
  const deliver = (ix: APIInteraction) => {
    asker.set(ix.token, { name: [...people].find(([, p]) => p.member.id === (ix.member?.user ?? ix.user)!.id)![0] });
    return adapter.interaction(ix, respondByRest(rest, ix));
  };
  /** Who can read a call: the group, one person, or nobody (acknowledgements). */
  const readerOf = (c: DiscordCall): string | undefined => {
    const token = /^\/(?:interactions\/\d+|webhooks\/\d+)\/([^/]+)/.exec(c.path)?.[1];
    const from = token ? asker.get(token) : undefined;
    const flags = Number((c.body.data as { flags?: number } | undefined)?.flags ?? c.body.flags ?? 0);
    if (from && c.path.endsWith('/callback')) {
      // a form (9) is private; a deferral (5) decides for the answer that later fills it
      from.ephemeral = c.body.type === 9 || (flags & 64) !== 0;
      return from.ephemeral ? from.name : 'group';
    }
    if (from && /(@|%40)original$/.test(c.path)) return from.ephemeral ? from.name : 'group';
    if (from) return (flags & 64) !== 0 ? from.name : 'group';
    if (c.path.startsWith(`/channels/${SHOP_CHANNEL}/`)) return 'group';
    return [...people].find(([, p]) => c.path.startsWith(`/channels/${dmChannelId(p.member)}/`))?.[0];
  };
  const readBy = (reader: string) => capture.calls.filter((c) => readerOf(c) === reader).map((c) => JSON.stringify(c.body)).join('\n');
  const customIdsOf = (body: unknown) => [...JSON.stringify(body).matchAll(/"custom_id":"([^"]*)"/g)].map((m) => m[1]!);
  let card: { id: string; actions: string[] } | undefined;
  return {
    platform: 'discord',
    async enrolled(name, locale = 'en') {
      const member = discordPerson(`12000000000000000${people.size}`, name, locale === 'zh-CN' ? 'zh-CN' : 'en-US');
      const { userId, secret } = await enrollOn(t, clock, 'discord', member.id, name, locale);
      people.set(name, { member, secret });
      return userId;
    },
    async write(name, text) {
      // a mention arrives as Discord writes it, <@id>, with the member in the message's mentions
      const mentioned = [...text.matchAll(/@(\w+)/g)].map((m) => people.get(m[1]!)?.member).filter((m) => m !== undefined);
      const content = text.replace(/@(\w+)/g, (written, handle: string) => (people.has(handle) ? `<@${people.get(handle)!.member.id}>` : written));
      await adapter.message(directMessage(people.get(name)!.member, content, mentioned));
    },
    send: (from, to, amount) => deliver(slashCommand(people.get(from)!.member, 'guild', 'send', { to: { user: people.get(to)!.member }, amount: Number(amount), currency: 'CNY' })),
    async enterCode(name) {
      const { member, secret } = people.get(name)!;
      await deliver(codeSubmit(member, 'guild', codeAt(secret, clock.now()), card && botMessage(card.id, SHOP_CHANNEL, card.actions)));
      clock.advance(30_000);
    },
    async request(merchant, amount, memo) {
      const before = capture.calls.length;
      await deliver(slashCommand(people.get(merchant)!.member, 'guild', 'request', { amount: Number(amount), currency: 'CNY', memo }));
      const made = capture.calls.slice(before);
      card = { id: made.find((c) => c.method === 'GET')!.response!.id!, actions: customIdsOf(made[0]!.body) };
    },
    payCard: (name) => deliver(buttonPress(people.get(name)!.member, 'guild', card!.actions.find((a) => a.startsWith('pay:'))!, botMessage(card!.id, SHOP_CHANNEL, card!.actions))),
    cardText: () => {
      // the card as posted, then each edit: in its channel, or as the answer to a press on it (type 7)
      const shown = capture.calls.filter(
        (c) => c.path === `/channels/${SHOP_CHANNEL}/messages/${card!.id}` || (c.path.endsWith('/callback') && (c.body.type === 7 || customIdsOf(c.body).includes(`pay:${card!.actions[0]!.split(':')[1]}`))),
      );
      const last = shown.at(-1)!.body as { content?: string; data?: { content?: string } };
      return String(last.content ?? last.data?.content ?? '');
    },
    async freezeFromAlert(name) {
      await deliverDiscordNotices({ wallet: t.wallet, store, rest });
      const { member } = people.get(name)!;
      const alert = capture.calls.findLast((c) => c.path === `/channels/${dmChannelId(member)}/messages` && customIdsOf(c.body).includes('freeze'));
      if (!alert) throw new Error(`no alert with a Freeze button for ${name}`);
      await deliver(buttonPress(member, 'dm', 'freeze', botMessage(alert.response!.id!, dmChannelId(member), ['freeze'])));
    },
    askInGroup: (name, command) => deliver(slashCommand(people.get(name)!.member, 'guild', command)),
    cheque: (from, amount, count) => deliver(slashCommand(people.get(from)!.member, 'guild', 'cheque', { amount: Number(amount), currency: 'CNY', count })),
    async hold(from, to, amount) {
      const { member } = people.get(from)!;
      await adapter.message(directMessage(member, `send ${amount} to @${to}`));
      const offer = capture.calls.findLast((c) => c.path === `/channels/${dmChannelId(member)}/messages` && customIdsOf(c.body).some((id) => id.startsWith('hold:')));
      if (!offer) throw new Error(`no Hold offered to ${from}`);
      const actions = customIdsOf(offer.body);
      await deliver(buttonPress(member, 'dm', actions.find((a) => a.startsWith('hold:'))!, botMessage(offer.response!.id!, dmChannelId(member), actions)));
    },
    async newcomerOpensLink(name) {
      const member = discordPerson(`13000000000000000${people.size}`, name);
      people.set(name, { member, secret: '' });
      await adapter.message(directMessage(member, `/claim ${newestLink(capture.calls.map((c) => JSON.stringify(c.body)).join('\n'))}`));
      return (await t.wallet.findUserByIdentity({ platform: 'discord', platformUserId: member.id }))!.id;
    },
    async claimInGroup(name) {
      const post = capture.calls.findLast((c) => c.path === `/channels/${SHOP_CHANNEL}/messages` && customIdsOf(c.body).some((id) => id.startsWith('claim:')));
      if (!post) throw new Error('no claim post in the group');
      const actions = customIdsOf(post.body);
      await deliver(buttonPress(people.get(name)!.member, 'guild', actions.find((a) => a.startsWith('claim:'))!, botMessage(post.response!.id!, SHOP_CHANNEL, actions)));
    },
    async newcomerClaimsInGroup(name) {
      const member = discordPerson(`13000000000000000${people.size}`, name);
      people.set(name, { member, secret: '' });
      await this.claimInGroup(name);
      return (await t.wallet.findUserByIdentity({ platform: 'discord', platformUserId: member.id }))!.id;
    },
    directText: (name) =>
      capture.calls
        .filter((c) => c.path.startsWith(`/channels/${dmChannelId(people.get(name)!.member)}/`))
        .map((c) => JSON.stringify(c.body))
        .join('\n'),
    sendInGroup: (from, to, amount) => deliver(slashCommand(people.get(from)!.member, 'guild', 'send', { to: { user: people.get(to)!.member }, amount: Number(amount), currency: 'CNY' })),
    groupText: () => readBy('group'),
    privateText: (name) => readBy(name),
    deliverNotices: async () => void (await deliverDiscordNotices({ wallet: t.wallet, store, rest })),
    refreshCards: () => refreshExpiredDiscordCards({ wallet: t.wallet, store, rest }),
    refuseDirect: (name) => Boolean(capture.dmsClosed.add(people.get(name)!.member.id)),
  };
};
