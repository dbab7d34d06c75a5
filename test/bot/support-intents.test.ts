import { describe, expect, it } from 'vitest';
import { discordCommands, intentOfCommand } from '../../bot/discord/discord-commands.js';
import { parseAnswer, parseMessage } from '../../bot/intents/parse.js';
import { idOf, ticketRef } from '../../bot/replies/refs.js';

describe('support intents', () => {
  it.each([
    ['/support my card was stolen, 急！', { kind: 'support', message: 'my card was stolen, 急！' }],
    ['/support@OKPayBot  two\nlines ', { kind: 'support', message: 'two\nlines' }],
    ['/support', { kind: 'support' }],
    ['support I cannot log in', { kind: 'support', message: 'I cannot log in' }],
    ['Contact support please', { kind: 'support', message: 'please' }],
    ['客服 我的钱不见了，请帮我看看', { kind: 'support', message: '我的钱不见了，请帮我看看' }],
    ['支持', { kind: 'support' }],
    ['/reply s12 Done, refunded T5.', { kind: 'reply', ticket: 'S12', message: 'Done, refunded T5.' }],
    ['/reply S12谢谢', { kind: 'reply', ticket: 'S12', message: '谢谢' }],
    ['/reply S12', { kind: 'reply', ticket: 'S12' }],
    ['/reply hello there', { kind: 'reply', message: 'hello there' }],
    ['/reply S0 hi', { kind: 'reply', message: 'S0 hi' }],
    ['/tickets', { kind: 'tickets' }],
  ])('%j', (input, expected) => {
    expect(parseMessage(input)).toEqual(expected);
  });

  it('reads the answer to a question about support as written', () => {
    expect(parseAnswer('support', '  转账记录不对，T5 不是我  ')).toEqual({ kind: 'support', message: '转账记录不对，T5 不是我' });
  });

  it('prints and reads ticket references like the others, and never as a payment reference', () => {
    expect(ticketRef('12')).toBe('S12');
    expect(idOf('s12', 'S')).toBe('12');
    expect(idOf('S012', 'S')).toBeUndefined();
    expect(idOf('S12', 'T')).toBeUndefined();
    expect(parseMessage('/pay S12')).not.toHaveProperty('ref');
  });

  it('maps Discord options to the same intents, with room for a whole support message', () => {
    expect(intentOfCommand('support', { message: ' help me ' }, {})).toEqual({ kind: 'support', message: 'help me' });
    expect(intentOfCommand('reply', { ticket: 's3', message: 'Fixed.' }, {})).toEqual({ kind: 'reply', ticket: 'S3', message: 'Fixed.' });
    expect(intentOfCommand('tickets', {}, {})).toEqual({ kind: 'tickets' });
    const support = discordCommands().find((c) => c.name === 'support')!;
    expect(support.options).toEqual([expect.objectContaining({ name: 'message', required: true, max_length: 1000 })]);
    expect(discordCommands().find((c) => c.name === 'reply')).toMatchObject({ default_member_permissions: '8' });
  });
});
