import { describe, expect, it } from 'vitest';
import { transcriptWallet } from '../support/transcript-wallet.js';

/**
 * One message per event: the person who acted reads the answer in the chat they acted in, once,
 * with the Freeze button their alert would carry; the outbox alert about their own action is for
 * their other chats. Whoever else the action concerns (the payee) still gets their alert.
 */
const transcripts = transcriptWallet();

/** One input line and the bot's messages after it (notices included: the console sends them after every line). */
interface Step {
  said: string;
  messages: { to: string; text: string }[];
}

async function play(script: string): Promise<Step[]> {
  const steps: Step[] = [];
  for (const line of (await transcripts.play(script)).split('\n')) {
    const message = /^bot -> ([^:]+): (.*)$/.exec(line);
    if (message) steps.at(-1)!.messages.push({ to: message[1]!, text: message[2]! });
    else if (line.startsWith('  ')) steps.at(-1)!.messages.at(-1)!.text += `\n${line.trim()}`;
    else if (/^\S+> /.test(line)) steps.push({ said: line, messages: [] });
  }
  return steps;
}

/** The messages to `reader` in the step right after the first line starting with `said` (the code that confirmed it). */
function afterCode(steps: Step[], said: string, reader: string): string[] {
  const index = steps.findIndex((s) => s.said.startsWith(said));
  expect(index, `no line ${said}`).toBeGreaterThanOrEqual(0);
  return steps[index + 1]!.messages.filter((m) => m.to === reader).map((m) => m.text);
}

function answersTo(steps: Step[], said: string, reader: string): string[] {
  return steps.find((s) => s.said.startsWith(said))!.messages.filter((m) => m.to === reader).map((m) => m.text);
}

const FREEZE = /\nbuttons: (?:.* )?\[(?:Freeze|冻结)\]\(b\d+\)/;

const onboard = (language: string) => `
  alice: /start
  ${language}
  alice: {code}
  bob: /start
  bob: {code}
  ops: /start
  ops: {code}
  ops: /deposit @alice 1000 CNY
  ops: {code}
`;

const events = (words: { send: string; pay: string; freeze: string; unfreeze: string }) => `
  alice: ${words.send}
  alice: {code}
  bob#shop: /request 30 CNY coffee
  alice#shop: ${words.pay}
  alice: {code}
  bob: /refund T3 10
  bob: {code}
  alice: ${words.freeze}
  alice: ${words.unfreeze}
  alice: {code}
`;

describe.each([
  {
    language: 'English',
    choose: '',
    words: { send: 'send 25 to @bob for lunch', pay: '!{Pay}', freeze: '/freeze', unfreeze: '/unfreeze' },
    expected: {
      activated: /^Your authenticator is active/,
      deposited: /^CN¥1,000\.00 was deposited into your wallet/,
      sent: /^Sent CN¥25\.00 to @bob\. Reference T2\./,
      received: /^You received CN¥25\.00 from @alice/,
      paid: /^Paid CN¥30\.00 to @bob\. Reference T3\./,
      requestPaid: /^Request R1 was paid: CN¥30\.00 from @alice/,
      refunded: /^Refunded CN¥10\.00 to @alice\./,
      refundReceived: /^@bob refunded you CN¥10\.00/,
      frozen: /^Your wallet is frozen\./,
      unfrozen: /^Your wallet is active again\./,
    },
  },
  {
    language: 'Chinese',
    choose: 'alice: /language zh',
    words: { send: '给 @bob 转 25 元 午饭', pay: '!{Pay}', freeze: '冻结账户', unfreeze: '解冻' },
    expected: {
      activated: /^身份验证器已启用/,
      deposited: /¥1,000\.00/,
      sent: /^已向 @bob 转账 ¥25\.00。编号 T2。/,
      received: /^You received CN¥25\.00 from @alice/,
      paid: /^已向 @bob 支付 ¥30\.00。编号 T3。/,
      requestPaid: /^Request R1 was paid: CN¥30\.00 from @alice/,
      refunded: /^Refunded CN¥10\.00 to @alice\./,
      refundReceived: /^@bob 向您退款 ¥10\.00/,
      frozen: /^您的钱包已冻结。/,
      unfrozen: /^您的钱包已恢复正常。/,
    },
  },
])('one message per event in the actor’s chat, in $language', ({ choose, words, expected }) => {
  it('answers a send, a request payment, a refund, a freeze and an unfreeze once, the receipt carrying Freeze; the payee still gets the alert', async () => {
    const steps = await play(`${onboard(choose)}${events(words)}`);

    // set-up and an operator's deposit: the recovery codes once; the deposit, done by someone else, as news
    const activation = steps.find((s) => /^alice> \d{6}$/.test(s.said))!.messages.filter((m) => m.to === 'alice').map((m) => m.text);
    expect(activation).toHaveLength(1);
    expect(activation[0]).toMatch(expected.activated);
    expect(activation[0]).toMatch(FREEZE);
    expect(afterCode(steps, 'ops> /deposit', 'alice')).toEqual([expect.stringMatching(expected.deposited)]);

    const sent = afterCode(steps, `alice> ${words.send}`, 'alice');
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatch(expected.sent);
    expect(sent[0]).toMatch(FREEZE);
    expect(afterCode(steps, `alice> ${words.send}`, 'bob')).toEqual([expect.stringMatching(expected.received)]);

    const paid = afterCode(steps, 'alice#shop> !', 'alice');
    expect(paid).toHaveLength(1);
    expect(paid[0]).toMatch(expected.paid);
    expect(paid[0]).toMatch(FREEZE);
    expect(afterCode(steps, 'alice#shop> !', 'bob')).toEqual([expect.stringMatching(expected.requestPaid)]);

    const refunded = afterCode(steps, 'bob> /refund', 'bob');
    expect(refunded).toHaveLength(1);
    expect(refunded[0]).toMatch(expected.refunded);
    expect(refunded[0]).toMatch(FREEZE);
    expect(afterCode(steps, 'bob> /refund', 'alice')).toEqual([expect.stringMatching(expected.refundReceived)]);

    const frozen = answersTo(steps, `alice> ${words.freeze}`, 'alice');
    expect(frozen).toHaveLength(1);
    expect(frozen[0]).toMatch(expected.frozen);

    const unfrozen = afterCode(steps, `alice> ${words.unfreeze}`, 'alice');
    expect(unfrozen).toHaveLength(1);
    expect(unfrozen[0]).toMatch(expected.unfrozen);
    expect(unfrozen[0]).toMatch(FREEZE);

    // and no alert about her own actions ever reaches the chat she did them in
    const toAlice = steps.flatMap((s) => s.messages.filter((m) => m.to === 'alice').map((m) => m.text)).join('\n');
    expect(toAlice).not.toMatch(/Not you\?|不是您本人/);
  });
});
