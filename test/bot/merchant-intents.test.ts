import { describe, expect, it } from 'vitest';
import { intentOfCommand } from '../../bot/discord/discord-commands.js';
import { parseMessage } from '../../bot/intents/parse.js';

const ID = `pr_${'a1'.repeat(16)}`;

describe('merchant commands, read in English and Chinese and from Discord options', () => {
  it('reads a request’s public id from the Telegram link and from /pay, as printed', () => {
    expect(parseMessage(`/start pay_${ID}`)).toEqual({ kind: 'start', pay: ID });
    expect(parseMessage(`/pay ${ID}`)).toEqual({ kind: 'pay', publicId: ID });
    expect(parseMessage(`pay ${ID}`)).toEqual({ kind: 'pay', publicId: ID });
    expect(parseMessage(`支付 ${ID}`)).toEqual({ kind: 'pay', publicId: ID });
    expect(parseMessage(`/pay ${ID.toUpperCase()}`)).toEqual({ kind: 'pay', publicId: ID });
    expect(parseMessage(`/start pay_${ID.toUpperCase()}`)).toEqual({ kind: 'start', pay: ID });
    // inside a send it is words of the memo: the person and amount typed are never dropped
    expect(parseMessage(`/send @bob 10 CNY ${ID}`)).toMatchObject({ kind: 'send', to: 'bob' });
    expect(parseMessage(`pay @bob 10 CNY ${ID}`)).toMatchObject({ kind: 'send', to: 'bob' });
    // a link with anything else after pay_ names no request: /start alone
    expect(parseMessage('/start pay_R1')).toEqual({ kind: 'start' });
    expect(parseMessage('/pay R7')).toEqual({ kind: 'pay', ref: 'R7' });
  });

  it('reads /merchant NAME and 商户 NAME with the name as written', () => {
    expect(parseMessage("/merchant Bob's Beans")).toEqual({ kind: 'merchant', name: "Bob's Beans" });
    expect(parseMessage('商户 豆子铺')).toEqual({ kind: 'merchant', name: '豆子铺' });
    expect(parseMessage('成为商户 街角 咖啡')).toEqual({ kind: 'merchant', name: '街角 咖啡' });
    expect(parseMessage('/merchant')).toEqual({ kind: 'merchant' });
  });

  it('reads /apikey, its list and revoke in both languages', () => {
    expect(parseMessage('/apikey')).toEqual({ kind: 'apikey', action: 'issue', mode: 'live' });
    expect(parseMessage('/apikey test')).toEqual({ kind: 'apikey', action: 'issue', mode: 'test' });
    expect(parseMessage('/apikey list')).toEqual({ kind: 'apikey', action: 'list' });
    expect(parseMessage('密钥 列表')).toEqual({ kind: 'apikey', action: 'list' });
    expect(parseMessage('/apikey revoke 1a2B')).toEqual({ kind: 'apikey', action: 'revoke', last4: '1a2B', all: false });
    expect(parseMessage('密钥 撤销 1a2B 全部')).toEqual({ kind: 'apikey', action: 'revoke', last4: '1a2B', all: true });
    // not 4 letters or digits: no key is named, so the handler asks which
    expect(parseMessage('/apikey revoke 1a2')).toEqual({ kind: 'apikey', action: 'revoke', all: false });
  });

  it('reads the Discord options into the same intents', () => {
    expect(intentOfCommand('pay', { reference: ID }, {})).toEqual({ kind: 'pay', publicId: ID });
    expect(intentOfCommand('pay', { reference: ID.toUpperCase() }, {})).toEqual({ kind: 'pay', publicId: ID });
    expect(intentOfCommand('pay', { reference: 'r7' }, {})).toEqual({ kind: 'pay', ref: 'R7' });
    expect(intentOfCommand('merchant', { shop: 'Beans' }, {})).toEqual({ kind: 'merchant', name: 'Beans' });
    expect(intentOfCommand('apikey', {}, {})).toEqual({ kind: 'apikey', action: 'issue', all: false });
    expect(intentOfCommand('apikey', { action: 'revoke_all', last4: 'AbCd' }, {})).toEqual({ kind: 'apikey', action: 'revoke', last4: 'AbCd', all: true });
  });
});

describe('the /webhook intent', () => {
  it('reads /webhook URL (case kept), rotate and alone, in both languages and from Discord options', () => {
    expect(parseMessage('/webhook https://Shop.example/OKPay')).toEqual({ kind: 'webhook', action: 'set', url: 'https://Shop.example/OKPay' });
    expect(parseMessage('/webhook rotate')).toEqual({ kind: 'webhook', action: 'rotate' });
    expect(parseMessage('回调 轮换')).toEqual({ kind: 'webhook', action: 'rotate' });
    expect(parseMessage('/webhook')).toEqual({ kind: 'webhook', action: 'show' });
    expect(intentOfCommand('webhook', { url: 'https://shop.example/hook' }, {})).toEqual({ kind: 'webhook', action: 'set', url: 'https://shop.example/hook' });
    expect(intentOfCommand('webhook', { rotate: 'yes' }, {})).toEqual({ kind: 'webhook', action: 'rotate' });
  });
});
