import {
  ApplicationCommandOptionType,
  ApplicationCommandType,
  InteractionContextType,
  Routes,
  type REST,
  type APIApplicationCommandInteractionDataOption,
  type APIApplicationCommandOption,
  type APIChatInputApplicationCommandInteractionData,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord.js';
import { MAX_TICKET_LENGTH } from '../../core/support/tickets.js';
import { PUBLIC_ID } from '../replies/refs.js';
import { MAX_MERCHANT_NAME } from '../../core/merchants/merchant-name.js';
import { translate } from '../i18n/i18n.js';
import type { Intent } from '../intents/intent.js';
import { validated } from '../intents/parse.js';
import { text } from '../replies/reply.js';

type OptionKind = 'user' | 'amount' | 'currency' | 'string' | 'attachment';
interface OptionSpec {
  name: string;
  kind: OptionKind;
  required?: boolean;
  choices?: readonly string[];
  /** Longer free text than a memo's 200 (a support message). */
  maxLength?: number;
}

/** The currencies offered as choices (Discord allows 25); typed free text accepts every supported one. */
const CURRENCY_CHOICES = ['CNY', 'USD', 'EUR', 'JPY', 'HKD', 'GBP'] as const;
const DOCUMENTS = ['passport', 'id_card', 'driving_licence', 'residence_permit'] as const;

const amount = (required: boolean): OptionSpec[] => [
  { name: 'amount', kind: 'amount', required },
  { name: 'currency', kind: 'currency', choices: CURRENCY_CHOICES },
];

/** Slash commands and their options, in the order Discord shows them (required options first). */
const COMMANDS: Record<string, { options?: OptionSpec[]; operator?: boolean }> = {
  start: {},
  help: {},
  balance: {},
  send: { options: [{ name: 'to', kind: 'user', required: true }, ...amount(true), { name: 'memo', kind: 'string' }] },
  request: { options: [...amount(true), { name: 'memo', kind: 'string' }, { name: 'payer', kind: 'user' }] },
  pay: { options: [{ name: 'reference', kind: 'string', required: true }] },
  refund: { options: [{ name: 'reference', kind: 'string', required: true }, ...amount(false)] },
  askrefund: { options: [{ name: 'reference', kind: 'string', required: true }, { name: 'reason', kind: 'string' }] },
  history: {},
  statement: {},
  verify: {
    options: [
      { name: 'document', kind: 'string', required: true, choices: DOCUMENTS },
      { name: 'name', kind: 'string', required: true },
      { name: 'file', kind: 'attachment', required: true },
    ],
  },
  freeze: {},
  unfreeze: {},
  '2fa': {},
  recover: {},
  link: { options: [{ name: 'code', kind: 'string' }] },
  unlink: { options: [{ name: 'platform', kind: 'string', required: true, choices: ['telegram', 'discord', 'console'] }] },
  language: { options: [{ name: 'language', kind: 'string', required: true, choices: ['en', 'zh-CN'] }] },
  close: {},
  confirm: { options: [{ name: 'code', kind: 'string', required: true }] },
  cancel: {},
  deposit: { operator: true, options: [{ name: 'user', kind: 'user', required: true }, ...amount(true)] },
  withdraw: { operator: true, options: [{ name: 'user', kind: 'user', required: true }, ...amount(true)] },
  approve: { operator: true, options: [{ name: 'id', kind: 'string' }] },
  reject: { operator: true, options: [{ name: 'id', kind: 'string' }, { name: 'reason', kind: 'string' }] },
  freezeuser: { operator: true, options: [{ name: 'user', kind: 'user', required: true }] },
  unfreezeuser: { operator: true, options: [{ name: 'user', kind: 'user', required: true }] },
  support: { options: [{ name: 'message', kind: 'string', required: true, maxLength: MAX_TICKET_LENGTH }] },
  reply: {
    operator: true,
    options: [
      { name: 'ticket', kind: 'string', required: true },
      { name: 'message', kind: 'string', required: true, maxLength: MAX_TICKET_LENGTH },
    ],
  },
  tickets: {},
  cheque: {
    options: [...amount(true), { name: 'count', kind: 'amount' }, { name: 'once', kind: 'string', choices: ['yes', 'no'] }, { name: 'memo', kind: 'string' }],
  },
  claim: { options: [{ name: 'code', kind: 'string', required: true }] },
  claims: {},
  merchant: { options: [{ name: 'shop', kind: 'string', required: true, maxLength: MAX_MERCHANT_NAME }] },
  apikey: { options: [{ name: 'action', kind: 'string', choices: ['issue', 'list', 'revoke', 'revoke_all'] }, { name: 'last4', kind: 'string', maxLength: 4 }] },
  webhook: { options: [{ name: 'url', kind: 'string', maxLength: 500 }, { name: 'rotate', kind: 'string', choices: ['yes'] }] },
};

const OPTION_TYPES: Record<OptionKind, ApplicationCommandOptionType> = {
  user: ApplicationCommandOptionType.User,
  amount: ApplicationCommandOptionType.Number,
  currency: ApplicationCommandOptionType.String,
  string: ApplicationCommandOptionType.String,
  attachment: ApplicationCommandOptionType.Attachment,
};

function localized(key: string) {
  return { en: translate('en', text(key)), zh: translate('zh-CN', text(key)) };
}

function optionOf(spec: OptionSpec): APIApplicationCommandOption {
  const name = localized(`discord.options.${spec.name}.name`);
  const description = localized(`discord.options.${spec.name}.description`);
  return {
    type: OPTION_TYPES[spec.kind],
    name: name.en,
    name_localizations: { 'zh-CN': name.zh },
    description: description.en,
    description_localizations: { 'zh-CN': description.zh },
    required: spec.required ?? false,
    ...(spec.kind === 'amount' ? { min_value: 0.01, max_value: 1_000_000_000 } : {}),
    ...(spec.kind === 'string' && !spec.choices ? { max_length: spec.maxLength ?? 200 } : {}),
    ...(spec.choices ? { choices: spec.choices.map((value) => ({ name: value, value })) } : {}),
  } as APIApplicationCommandOption;
}

/**
 * The slash commands as Discord registers them, with Chinese names and descriptions for zh-CN.
 * Operator commands exist in servers only (member permissions do not apply in DMs, so they would
 * show there to everyone) and are shown to members with Administrator; ADMIN_IDS still decides.
 */
export function discordCommands(): RESTPostAPIChatInputApplicationCommandsJSONBody[] {
  return Object.entries(COMMANDS).map(([command, spec]) => {
    const name = localized(`discord.commands.${command}.name`);
    const description = localized(`discord.commands.${command}.description`);
    return {
      type: ApplicationCommandType.ChatInput,
      name: command,
      name_localizations: { 'zh-CN': name.zh },
      description: description.en,
      description_localizations: { 'zh-CN': description.zh },
      ...(spec.operator ? { default_member_permissions: '8', contexts: [InteractionContextType.Guild] } : {}),
      options: (spec.options ?? []).map(optionOf),
    };
  });
}

/**
 * Replaces the application's slash commands with OKPay's in one bulk overwrite (safe to repeat).
 * With a server id they are registered there only and show at once, which suits testing; global
 * commands reach every server. Returns how many Discord now has.
 */
export async function registerCommands(rest: REST, applicationId: string, guildId?: string): Promise<number> {
  const route = guildId ? Routes.applicationGuildCommands(applicationId, guildId) : Routes.applicationCommands(applicationId);
  return ((await rest.put(route, { body: discordCommands() })) as unknown[]).length;
}

export type OptionValues = Record<string, string | number | boolean>;

export function optionValues(data: APIChatInputApplicationCommandInteractionData): OptionValues {
  const values: OptionValues = {};
  for (const option of (data.options ?? []) as APIApplicationCommandInteractionDataOption[]) {
    if ('value' in option) values[option.name] = option.value;
  }
  return values;
}

/**
 * Discord sends a number option as a JSON number; it becomes the decimal text a person would type
 * (12.5 → "12.5"), so the one amount parser decides scale and rejects what the currency can't hold.
 */
function amountOption(values: OptionValues): { decimal: string; currency?: string } | undefined {
  if (typeof values.amount !== 'number') return undefined;
  const decimal = values.amount.toLocaleString('en-US', { useGrouping: false, maximumFractionDigits: 20 });
  return { decimal, ...(typeof values.currency === 'string' ? { currency: values.currency } : {}) };
}

const str = (value: unknown): string | undefined => (typeof value === 'string' && value.trim() ? value.trim() : undefined);

/**
 * A slash command as the intent the same handlers serve. User options arrive as handles the
 * adapter has already checked belong to that member's wallet (`handles`).
 */
export function intentOfCommand(command: string, values: OptionValues, handles: Record<string, string>): Intent {
  const ref = str(values.reference)?.toUpperCase();
  const intents: Record<string, () => { kind: string }> = {
    send: () => ({ kind: 'send', to: handles.to, amount: amountOption(values), memo: str(values.memo) }),
    request: () => ({ kind: 'request', amount: amountOption(values), memo: str(values.memo), payer: handles.payer }),
    // a request's public id (`/pay pr_…`, from its page) is lower case, as printed
    pay: () => (PUBLIC_ID.test(str(values.reference)?.toLowerCase() ?? '') ? { kind: 'pay', publicId: str(values.reference)!.toLowerCase() } : { kind: 'pay', ref }),
    refund: () => ({ kind: 'refund', ref, amount: amountOption(values) }),
    askrefund: () => ({ kind: 'ask_refund', ref, reason: str(values.reason) }),
    verify: () => ({ kind: 'verify', document: str(values.document), name: str(values.name) }),
    '2fa': () => ({ kind: 'setup_2fa' }),
    link: () => ({ kind: 'link', code: str(values.code) }),
    unlink: () => ({ kind: 'unlink', platform: str(values.platform) }),
    language: () => ({ kind: 'language', locale: str(values.language) }),
    confirm: () => ({ kind: 'confirm', code: str(values.code)?.replace(/\s+/g, '') }),
    deposit: () => ({ kind: 'deposit', user: handles.user, amount: amountOption(values) }),
    withdraw: () => ({ kind: 'withdraw', user: handles.user, amount: amountOption(values) }),
    approve: () => ({ kind: 'approve', id: str(values.id) }),
    reject: () => ({ kind: 'reject', id: str(values.id), reason: str(values.reason) }),
    freezeuser: () => ({ kind: 'freezeuser', user: handles.user }),
    unfreezeuser: () => ({ kind: 'unfreezeuser', user: handles.user }),
    support: () => ({ kind: 'support', message: str(values.message) }),
    merchant: () => ({ kind: 'merchant', name: str(values.shop) }),
    // `revoke_all` is `/apikey revoke LAST4 all`: Discord's choices stand for the typed word
    apikey: () => {
      const action = str(values.action) ?? 'issue';
      return { kind: 'apikey', action: action === 'revoke_all' ? 'revoke' : action, last4: str(values.last4), all: action === 'revoke_all' };
    },
    // `/webhook url:…` sets the endpoint, `/webhook rotate:yes` makes a new secret, alone it shows where events go
    webhook: () => {
      const url = str(values.url);
      return values.rotate === 'yes' ? { kind: 'webhook', action: 'rotate' } : url ? { kind: 'webhook', action: 'set', url } : { kind: 'webhook', action: 'show' };
    },
    reply: () => ({ kind: 'reply', ticket: str(values.ticket)?.toUpperCase(), message: str(values.message) }),
    cheque: () => ({
      kind: 'cheque',
      amount: amountOption(values),
      ...(typeof values.count === 'number' ? { count: values.count } : {}),
      once: values.once === 'yes',
      memo: str(values.memo),
    }),
    claim: () => ({ kind: 'claim', secret: str(values.code)?.replace(/^claim_/, '') }),
  };
  const built = intents[command]?.() ?? { kind: Object.hasOwn(COMMANDS, command) ? command : 'unknown' };
  return validated(built);
}
