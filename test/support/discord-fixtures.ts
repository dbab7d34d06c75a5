import nock from 'nock';
import type { APIInteraction, GatewayMessageCreateDispatchData } from 'discord.js';

/**
 * Interaction and message JSON in the shape Discord sends (API v10, captured field for field from
 * real payloads, ids and tokens replaced), and a nock capture of the REST calls the bot makes.
 */
export const APP_ID = '1300000000000000001';
export const GUILD_ID = '1300000000000000100';
export const SHOP_CHANNEL = '1300000000000000200';
export const BOT_TOKEN = 'MTMwMDAwMDAwMDAwMDAwMDAwMQ.GAbCdE.abcdefghijklmnopqrstuvwxyz0123456789AB';
const API = 'https://discord.com';

export interface DiscordPerson {
  id: string;
  username: string;
  locale: string;
}

export const discordPerson = (id: string, username: string, locale = 'en-US'): DiscordPerson => ({ id, username, locale });

function userJson(p: DiscordPerson) {
  return {
    avatar: null, avatar_decoration_data: null, clan: null, collectibles: null, discriminator: '0',
    global_name: p.username[0]!.toUpperCase() + p.username.slice(1), id: p.id, primary_guild: null, public_flags: 0, username: p.username,
  };
}

export const dmChannelId = (p: DiscordPerson) => `9${p.id.slice(1)}`;

let sequence = 0;
const nextId = () => `14000000000000${String(++sequence).padStart(5, '0')}`;

/** Where an interaction happens: a server channel, or the direct chat with the bot. */
export type Place = 'guild' | 'dm';

function envelope(type: number, p: DiscordPerson, place: Place, data: unknown, extra: Record<string, unknown> = {}) {
  const id = nextId();
  const where = place === 'guild'
    ? {
        channel: { flags: 0, guild_id: GUILD_ID, id: SHOP_CHANNEL, last_message_id: null, name: 'shop', nsfw: false, parent_id: null, permissions: '2248473465835073', position: 0, rate_limit_per_user: 0, topic: null, type: 0 },
        channel_id: SHOP_CHANNEL,
        context: 0,
        guild: { features: [], id: GUILD_ID, locale: 'en-US' },
        guild_id: GUILD_ID,
        guild_locale: 'en-US',
        member: {
          avatar: null, banner: null, communication_disabled_until: null, deaf: false, flags: 0, joined_at: '2026-01-02T03:04:05.678000+00:00',
          mute: false, nick: null, pending: false, permissions: '2248473465835073', premium_since: null, roles: [], unusual_dm_activity_until: null, user: userJson(p),
        },
      }
    : {
        channel: { flags: 0, id: dmChannelId(p), last_message_id: null, recipients: [userJson(p)], type: 1 },
        channel_id: dmChannelId(p),
        context: 1,
        user: userJson(p),
      };
  return {
    app_permissions: '562949953601536',
    application_id: APP_ID,
    attachment_size_limit: 10485760,
    authorizing_integration_owners: { '0': GUILD_ID },
    ...where,
    data,
    entitlement_sku_ids: [],
    entitlements: [],
    id,
    locale: p.locale,
    token: `aW50ZXJhY3Rpb246${id}OkFCQ0RFRkdISUpLTE1OT1BRUlNUVVZXWFla`,
    type,
    version: 1,
    ...extra,
  } as unknown as APIInteraction;
}

type OptionValue = string | number | { user: DiscordPerson } | { attachment: { filename: string; url: string } };

const OPTION_TYPES = { string: 3, user: 6, number: 10, attachment: 11 } as const;

/** A slash command as Discord sends it: options typed, users and attachments in `resolved`. */
export function slashCommand(p: DiscordPerson, place: Place, name: string, options: Record<string, OptionValue> = {}): APIInteraction {
  const resolved: { users?: Record<string, unknown>; attachments?: Record<string, unknown> } = {};
  const list = Object.entries(options).map(([option, value]) => {
    if (typeof value === 'string') return { name: option, type: OPTION_TYPES.string, value };
    if (typeof value === 'number') return { name: option, type: OPTION_TYPES.number, value };
    if ('user' in value) {
      resolved.users = { ...resolved.users, [value.user.id]: userJson(value.user) };
      return { name: option, type: OPTION_TYPES.user, value: value.user.id };
    }
    const attachmentId = nextId();
    resolved.attachments = {
      ...resolved.attachments,
      [attachmentId]: { content_type: 'image/jpeg', ephemeral: true, filename: value.attachment.filename, height: 600, id: attachmentId, proxy_url: value.attachment.url.replace('cdn.', 'media.'), size: 13, url: value.attachment.url, width: 800 },
    };
    return { name: option, type: OPTION_TYPES.attachment, value: attachmentId };
  });
  return envelope(2, p, place, {
    ...(place === 'guild' ? { guild_id: GUILD_ID } : {}),
    id: `13000000000000${name.length}000`,
    name,
    ...(list.length ? { options: list } : {}),
    ...(Object.keys(resolved).length ? { resolved } : {}),
    type: 1,
  });
}

/** The message a button sits on, as it comes back with a component interaction. */
export function botMessage(id: string, channelId: string, customIds: string[]) {
  return {
    attachments: [], author: { bot: true, id: APP_ID, username: 'OKPay', discriminator: '6006', global_name: null, avatar: null, public_flags: 524288 },
    channel_id: channelId, components: [{ type: 1, id: 1, components: customIds.map((custom_id, i) => ({ type: 2, id: i + 2, style: 1, label: custom_id, custom_id })) }],
    content: 'card', edited_timestamp: null, embeds: [], flags: 0, id, mention_everyone: false, mention_roles: [], mentions: [], pinned: false,
    timestamp: '2026-11-26T04:00:00.000000+00:00', tts: false, type: 0,
  };
}

export function buttonPress(p: DiscordPerson, place: Place, customId: string, message = botMessage(nextId(), place === 'guild' ? SHOP_CHANNEL : dmChannelId(p), [customId])): APIInteraction {
  return envelope(3, p, place, { component_type: 2, custom_id: customId, id: 2 }, { message });
}

/** The code form submitted: a Label wrapping the text input, as Discord returns it. */
export function codeSubmit(p: DiscordPerson, place: Place, code: string, message?: ReturnType<typeof botMessage>): APIInteraction {
  return envelope(5, p, place, { custom_id: 'confirm', components: [{ type: 10, id: 1 }, { type: 18, id: 2, component: { type: 4, id: 3, custom_id: 'code', value: code } }] }, message ? { message } : {});
}

export function ping(): APIInteraction {
  return { application_id: APP_ID, entitlements: [], id: nextId(), token: 'aW50ZXJhY3Rpb246cGluZw', type: 1, user: undefined, version: 1 } as unknown as APIInteraction;
}

/** A gateway MESSAGE_CREATE in the direct chat; `<@id>` mentions come with the users they name. */
export function directMessage(p: DiscordPerson, content: string, mentions: DiscordPerson[] = [], attachments: { filename: string; url: string }[] = []): GatewayMessageCreateDispatchData {
  return {
    attachments: attachments.map((a) => ({ content_type: 'image/jpeg', filename: a.filename, id: nextId(), proxy_url: a.url, size: 13, url: a.url })),
    author: userJson(p), channel_id: dmChannelId(p), components: [], content, edited_timestamp: null, embeds: [], flags: 0, id: nextId(),
    mention_everyone: false, mention_roles: [], mentions: mentions.map(userJson), nonce: nextId(), pinned: false, timestamp: '2026-11-26T04:00:00.000000+00:00', tts: false, type: 0,
  } as unknown as GatewayMessageCreateDispatchData;
}

export interface DiscordCall {
  method: string;
  path: string;
  body: Record<string, unknown>;
  /** Names of files sent with the call (multipart). */
  files: string[];
  /** What the fake Discord answered. */
  response?: { id?: string; channel_id?: string };
}

/** Pulls the JSON payload and file names out of a multipart body (nock may hand it over as hex). */
function decodeBody(raw: unknown): { body: Record<string, unknown>; files: string[] } {
  if (raw && typeof raw === 'object') return { body: raw as Record<string, unknown>, files: [] };
  let text = typeof raw === 'string' ? raw : '';
  if (/^(?:[0-9a-f]{2})+$/.test(text)) text = Buffer.from(text, 'hex').toString('latin1');
  const payload = /name="payload_json"\r\n(?:Content-Type: [^\r]+\r\n)?\r\n([\s\S]*?)\r\n--/.exec(text);
  const files = [...text.matchAll(/name="files\[\d+\]"; filename="([^"]+)"/g)].map((m) => m[1]!);
  if (payload) return { body: JSON.parse(Buffer.from(payload[1]!, 'latin1').toString('utf8')) as Record<string, unknown>, files };
  try {
    return { body: JSON.parse(text) as Record<string, unknown>, files };
  } catch {
    return { body: {}, files };
  }
}

export interface DiscordCapture {
  calls: DiscordCall[];
  /** Discord users whose DMs are closed: posting in their DM channel answers 403 / 50007. */
  dmsClosed: Set<string>;
}

/** Answers the Discord REST routes the bot uses, recording every call. */
export function interceptDiscord(): DiscordCapture {
  const capture: DiscordCapture = { calls: [], dmsClosed: new Set() };
  let messageId = 1_500_000_000_000_000_000n;
  const message = (channelId: string, body: Record<string, unknown>) => ({ id: String(++messageId), channel_id: channelId, content: body.content ?? '', components: body.components ?? [], author: { id: APP_ID, bot: true, username: 'OKPay' } });
  const scope = nock(API).persist();
  for (const method of ['GET', 'POST', 'PATCH', 'PUT', 'DELETE']) scope.intercept(/^\/api\/v10\//, method).reply(function (uri, raw) {
      const path = uri.replace(/^\/api\/v10/, '');
      const { body, files } = decodeBody(raw);
      const call: DiscordCall = { method: this.req.method, path, body, files };
      capture.calls.push(call);
      const dm = /^\/channels\/(9\d+)\/messages$/.exec(path);
      if (dm && capture.dmsClosed.has(`1${dm[1]!.slice(1)}`)) return [403, { message: 'Cannot send messages to this user', code: 50007 }];
      if (/\/callback$/.test(path) || this.req.method === 'DELETE') return [204, ''];
      if (path === '/users/@me/channels') return [200, { id: `9${String(body.recipient_id).slice(1)}`, type: 1 }];
      const channel = /^\/channels\/(\d+)\/messages/.exec(path)?.[1] ?? SHOP_CHANNEL;
      if (/(@|%40)original$/.test(path)) return [200, (call.response = message(SHOP_CHANNEL, body))];
      if (path.startsWith('/applications/')) return [200, Array.isArray(raw) ? raw : body];
      return [200, (call.response = message(channel, body))];
  });
  return capture;
}
