import { describe, expect, it } from 'vitest';
import { onboarding, transcriptWallet } from '../support/transcript-wallet.js';

/**
 * Claimable sends and cheques on the console, in English and in Chinese: a send to a newcomer is
 * offered as a hold, posted in the group with its link, and claimed by the newcomer's first
 * message; a cheque is shared by three; the fake clock walks past an expiry and the money comes
 * back; a cancel gives it back at once. The ledger is checked after each (transcriptWallet).
 */
const transcripts = transcriptWallet();

const LINK = /\/claim ([A-Za-z0-9_-]{43})/;
const EIGHT_DAYS = 8 * 86_400;

/** The lines the bot wrote to `reader` (`alice`, `#party`), each message with its continuation lines. */
function messagesTo(out: string, reader: string): string[] {
  const messages: string[] = [];
  let current: string[] | undefined;
  for (const line of out.split('\n')) {
    const head = /^bot -> ([^:]+): (.*)$/.exec(line);
    if (head) {
      current = head[1] === reader ? [head[2]!] : undefined;
      if (current) messages.push('');
    } else if (current && line.startsWith('  ')) current.push(line.trim());
    else current = undefined;
    if (current) messages[messages.length - 1] = current.join('\n');
  }
  return messages;
}

describe.each([
  {
    language: 'English',
    choose: '',
    send: 'send 10 to @newbie',
    hold: '!{Hold}',
    cheque: '/cheque 30 CNY count 3',
    plainCheque: '/cheque 5 CNY',
    list: '/claims',
    cancel: '!{Cancel}',
    claimWord: '/claim',
    expected: {
      offer: /@newbie has no wallet yet\. I can hold CN¥10\.00 for @newbie for 7 days/,
      prompt: /^Hold CN¥10\.00 for @newbie until .+\? .*comes back to you\./,
      held: /^Holding CN¥10\.00 for @newbie until .+ \(C1\)\./,
      post: /^@alice is holding CN¥10\.00 for @newbie until .+\n\/claim [A-Za-z0-9_-]{43}\nbuttons: \[Claim\]\(b\d+\)$/,
      newbieReceipt: /^You claimed CN¥10\.00 from @alice \(T\d+\)\. Balance: CN¥10\.00\./,
      claimedBy: (who: string, amount: string) => new RegExp(`^@${who} claimed CN¥${amount} of your C\\d+\\.$`),
      chequePost: /^@alice sent a cheque: CN¥30\.00 shared by 3/,
      soldOut: /^Sorry, it has already been claimed\./,
      forward: /^Forward this to whoever should claim it:/,
      expired: /^Nobody claimed C\d+ in time: CN¥5\.00 came back to your wallet\./,
      cancelled: /^Cancelled C\d+: CN¥5\.00 came back to your wallet\./,
      listed: /C\d+ — CN¥5\.00 left of CN¥5\.00 \(0 of 1 claimed\)/,
    },
  },
  {
    language: 'Chinese',
    choose: 'alice: /language zh',
    send: '给 @newbie 转 10 元',
    hold: '!{为}',
    cheque: '发红包 30 元 分3份',
    plainCheque: '红包 5元',
    list: '我的红包',
    cancel: '!{取消}',
    claimWord: '领取',
    expected: {
      offer: /@newbie 还没有钱包。我可以为 @newbie 代存 ¥10\.00 7 天/,
      prompt: /^为 @newbie 代存 ¥10\.00，有效期至 .+？.*退回给您。/,
      held: /^已为 @newbie 代存 ¥10\.00，有效期至 .+（C1）。/,
      post: /^@alice 为 @newbie 代存了 ¥10\.00，有效期至 .+\n\/claim [A-Za-z0-9_-]{43}\nbuttons: \[领取\]\(b\d+\)$/,
      newbieReceipt: /^您领取了 @alice 的 ¥10\.00（T\d+）。余额：¥10\.00。/,
      claimedBy: (who: string, amount: string) => new RegExp(`^@${who} 领取了您的 C\\d+ 中的 ¥${amount}。$`),
      chequePost: /^@alice 发了一个红包：¥30\.00，共 3 份/,
      soldOut: /^抱歉，已经被领完了。/,
      forward: /^把这条消息转发给要领取的人：/,
      expired: /^C\d+ 到期无人领取：¥5\.00 已退回您的钱包。/,
      cancelled: /^已取消 C\d+：¥5\.00 已退回您的钱包。/,
      listed: /C\d+ — ¥5\.00 剩余 ¥5\.00（已领 0\/1 份）/,
    },
  },
])('claims on the console, in $language', (words) => {
  const start = (script: string) => transcripts.play(`${onboarding('100 CNY')}\n${words.choose}\n${script}`);
  const chinese = words.language === 'Chinese';

  it('offers to hold a send to a newcomer, posts the link in the group, and the newcomer’s first message claims it with a receipt', async () => {
    const made = await start(`alice#party: ${words.send}\nalice#party: ${words.hold}\nalice: {code}`);
    const toAlice = messagesTo(made, 'alice');
    expect(toAlice.some((m) => words.expected.offer.test(m))).toBe(true);
    expect(toAlice.some((m) => words.expected.prompt.test(m))).toBe(true);
    expect(toAlice.some((m) => words.expected.held.test(m))).toBe(true);
    const posts = messagesTo(made, '#party').filter((m) => words.expected.post.test(m));
    expect(posts).toHaveLength(1);
    expect(await transcripts.balance('alice')).toBe(9_000n);

    const secret = LINK.exec(posts[0]!)![1]!;
    // bob is not @newbie: the hold is not his
    const claimed = await transcripts.play(`bob: /claim ${secret}\nnewbie: ${chinese ? `${words.claimWord} ${secret}` : `/start claim_${secret}`}`);
    expect(messagesTo(claimed, 'bob')[0]).not.toMatch(words.expected.newbieReceipt);
    expect(messagesTo(claimed, 'newbie')[0]).toMatch(words.expected.newbieReceipt);
    expect(messagesTo(claimed, 'alice')).toEqual([expect.stringMatching(words.expected.claimedBy('newbie', '10.00'))]);
    expect(await transcripts.balance('newbie')).toBe(1_000n);
    expect(await transcripts.balance('bob')).toBe(0n);
  });

  it('pays what is held for a newcomer’s handle at their plain /start, with the receipt before the welcome', async () => {
    await start(`alice#party: ${words.send}\nalice#party: ${words.hold}\nalice: {code}`);
    const started = await transcripts.play('newbie: /start');
    const toNewbie = messagesTo(started, 'newbie');
    expect(toNewbie[0]).toMatch(/^You claimed CN¥10\.00 from @alice/);
    expect(toNewbie[1]).toMatch(/^Welcome to OKPay, newbie!/);
    expect(messagesTo(started, 'alice')).toEqual([expect.stringMatching(words.expected.claimedBy('newbie', '10.00'))]);
    expect(await transcripts.balance('newbie')).toBe(1_000n);
  });

  it('shares a cheque among the first three who press Claim in the group; the fourth is told it is gone', async () => {
    const out = await start(`
      alice#party: ${words.cheque}
      alice: {code}
      bob#party: !{${chinese ? '领取' : 'Claim'}}
      carol#party: !{${chinese ? '领取' : 'Claim'}}
      dave#party: !{${chinese ? '领取' : 'Claim'}}
      erin#party: !{${chinese ? '领取' : 'Claim'}}
    `);
    expect(messagesTo(out, '#party').filter((m) => words.expected.chequePost.test(m))).toHaveLength(1);
    for (const who of ['bob', 'carol', 'dave']) expect(await transcripts.balance(who)).toBe(1_000n);
    expect(await transcripts.balance('erin')).toBe(0n);
    expect(messagesTo(out, 'erin')).toEqual([expect.stringMatching(/^Sorry, it has already been claimed\./)]);
    const notices = messagesTo(out, 'alice');
    for (const who of ['bob', 'carol', 'dave']) expect(notices.some((m) => words.expected.claimedBy(who, '10.00').test(m))).toBe(true);
    expect(await transcripts.balance('alice')).toBe(7_000n);
  });

  it('gives an unclaimed cheque back once the fake clock passes its expiry, with a notice that says it expired', async () => {
    const out = await start(`alice: ${words.plainCheque}\nalice: {code}`);
    expect(messagesTo(out, 'alice').some((m) => words.expected.forward.test(m) && LINK.test(m))).toBe(true);
    expect(await transcripts.balance('alice')).toBe(9_500n);
    const later = await transcripts.play(`# wait ${EIGHT_DAYS}s\nalice: /balance`);
    const notices = messagesTo(later, 'alice');
    expect(notices.filter((m) => words.expected.expired.test(m))).toHaveLength(1);
    expect(notices.some((m) => words.expected.cancelled.test(m))).toBe(false);
    expect(await transcripts.balance('alice')).toBe(10_000n);
    const secret = LINK.exec(out)![1]!;
    expect(messagesTo(await transcripts.play(`bob: /claim ${secret}`), 'bob')[0]).toMatch(/^That claim expired/);
  });

  it('lists open claims with Cancel, and cancelling gives the money back at once without a code', async () => {
    const out = await start(`alice: ${words.plainCheque}\nalice: {code}\nalice: ${words.list}\nalice: ${words.cancel}\nalice: ${words.list}`);
    const toAlice = messagesTo(out, 'alice');
    expect(toAlice.some((m) => words.expected.listed.test(m))).toBe(true);
    expect(toAlice.filter((m) => words.expected.cancelled.test(m))).toHaveLength(1);
    expect(toAlice.some((m) => words.expected.expired.test(m))).toBe(false);
    expect(await transcripts.balance('alice')).toBe(10_000n);
  });
});

describe('a hold offered on the console', () => {
  const start = (script: string) => transcripts.play(`${onboarding('100 CNY')}\n${script}`);

  it('keeps the memo and a long handle the send named, whatever the button can carry', async () => {
    const handle = 'a_newcomer_with_a_32_letter_name';
    const out = await start(`alice: send 10 to @${handle} noodle lunch\nalice: !{Hold}\nalice: {code}`);
    const toAlice = messagesTo(out, 'alice');
    expect(toAlice.some((m) => m.includes(`@${handle} has no wallet yet. I can hold CN¥10.00`))).toBe(true);
    expect(toAlice.some((m) => m.startsWith(`Hold CN¥10.00 for @${handle} for “noodle lunch” until`))).toBe(true);
    expect(await transcripts.balance('alice')).toBe(9_000n);
    const history = await transcripts.play(`${handle}: /start\n${handle}: /history`);
    expect(await transcripts.balance(handle)).toBe(1_000n);
    expect(history).toContain('noodle lunch');
  });

  it('lets only the person it was offered to take it up', async () => {
    const out = await start(`alice#party: send 10 to @newbie\nbob#party: !{Hold}`);
    expect(out).not.toMatch(/^bot -> bob: Hold CN¥10\.00/m);
  });
});
