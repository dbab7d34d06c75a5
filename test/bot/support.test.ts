import { describe, expect, it } from 'vitest';
import { transcriptWallet } from '../support/transcript-wallet.js';

const { play } = transcriptWallet();

describe('help from a person, in English', () => {
  it('opens a ticket every operator is told of, lists it, and brings the answer back to the writer', async () => {
    const out = await play(`
      ops: /start
      alice: /start
      alice: /support I did not send T5, please help
      ops: /tickets
      # wait 120s
      ops: /reply S1 We are looking at T5; your wallet is safe.
      alice: /tickets
      ops: /tickets
    `);
    // a payment the writer did not make: the wallet is frozen at once, and support gets the message too
    expect(out).toContain('alice> /support I did not send T5, please help\nbot -> alice: Your wallet is frozen.');
    expect(out).toContain("bot -> alice: Ticket S1 sent to support; you'll get the answer here.");
    expect(out).toContain('bot -> ops: Ticket S1 from @alice (user 2, console): “I did not send T5, please help” Answer with /reply S1 and your text.');
    expect(out).toContain('bot -> ops: Open tickets, newest first:\n  S1 @alice (user 2, console), just now: “I did not send T5, please help”');
    expect(out).toContain('bot -> ops: Your answer to S1 is on its way to @alice on console.');
    expect(out).toContain('bot -> alice: Support answered your ticket S1: “We are looking at T5; your wallet is safe.”');
    expect(out).toContain('bot -> alice: Your tickets, newest first:\n  S1 answered, 2 min ago: “I did not send T5, please help”');
    expect(out).toMatch(/ops> \/tickets\nbot -> ops: No open tickets\.$/);
  });

  it('asks for what is missing, refuses non-operators and names a ticket that does not exist', async () => {
    const out = await play(`
      ops: /start
      alice: /start
      alice: /support
      alice: my card was lost on the train
      bob: /start
      bob: /reply S1 I am not an operator
      ops: /reply
      ops: S9
      ops: /reply S1
      ops: Blocked it for you.
      alice: /tickets
    `);
    expect(out).toContain('alice> /support\nbot -> alice: What should I tell support? Write your message.');
    expect(out).toContain("alice> my card was lost on the train\nbot -> alice: Ticket S1 sent to support; you'll get the answer here.");
    expect(out).toContain('bob> /reply S1 I am not an operator\nbot -> bob: Only OKPay operators can do that.');
    expect(out).toContain('ops> /reply\nbot -> ops: Which ticket? Write its reference, e.g. S12.');
    expect(out).toContain('ops> S9\nbot -> ops: There is no ticket S9.');
    expect(out).toContain('ops> /reply S1\nbot -> ops: What is your answer to S1?');
    expect(out).toContain('bot -> alice: Support answered your ticket S1: “Blocked it for you.”');
    expect(out).toContain('bot -> alice: Your tickets, newest first:\n  S1 answered, just now: “my card was lost on the train”');
  });

  it('refuses an over-long message by its length in characters, and an unknown ticket by name', async () => {
    const out = await play(`
      ops: /start
      alice: /start
      alice: /support ${'🙂'.repeat(1001)}
      alice: /support ${'🙂'.repeat(1000)}
      ops: /reply S7 hello
    `);
    expect(out).toContain('bot -> alice: The message is too long (at most 1000 characters). Please shorten it or send it in parts.');
    expect(out).toContain("bot -> alice: Ticket S1 sent to support; you'll get the answer here.");
    expect(out).toContain('ops> /reply S7 hello\nbot -> ops: There is no ticket S7.');
  });

  it('offers support after three messages in a row it did not understand, and starts counting again after one it did', async () => {
    const out = await play(`
      alice: /start
      alice: blah
      alice: what is this
      alice: hmm?!
      alice: balance
      alice: blah
      alice: blah blah
    `);
    const hint = "I didn't get that.";
    const offer = 'Stuck? Write /support and your message: a person will answer you here.';
    expect(out).toContain(`alice> hmm?!\nbot -> alice: ${hint}`);
    expect(out.split(offer)).toHaveLength(2);
    expect(out).toMatch(/alice> hmm\?!\nbot -> alice: I didn't get that\.[^\n]*\n {2}Stuck\?/);
    expect(out).toMatch(/alice> blah blah\nbot -> alice: I didn't get that\.[^\n]*$/);
  });

  it('sends an answer that mentions freezing instead of freezing the operator; a report of theft to support freezes and opens the ticket', async () => {
    const out = await play(`
      ops: /start
      alice: /start
      alice: /support
      alice: my account was stolen, please look
      ops: /reply S1
      ops: If that payment was not yours, press Freeze on its alert.
    `);
    expect(out).toContain("alice> my account was stolen, please look\nbot -> alice: Your wallet is frozen.");
    expect(out).toContain("bot -> alice: Ticket S1 sent to support; you'll get the answer here.");
    expect(out).toContain('ops> If that payment was not yours, press Freeze on its alert.\nbot -> ops: Your answer to S1 is on its way to @alice on console.');
    expect(out).toContain('bot -> alice: Support answered your ticket S1: “If that payment was not yours, press Freeze on its alert.”');
    expect(out).not.toMatch(/bot -> ops: Your wallet is frozen/);
  });

  it('answers /tickets in a group privately', async () => {
    const out = await play(`
      ops: /start
      alice: /start
      alice#shop: /support the shop card will not pay
      ops#shop: /tickets
    `);
    expect(out).toContain("bot -> alice: Ticket S1 sent to support; you'll get the answer here.");
    expect(out).toContain('ops#shop> /tickets\nbot -> #shop: @ops, I sent you a direct message.');
    expect(out).toContain('bot -> ops: Open tickets, newest first:\n  S1 @alice');
    expect(out).not.toMatch(/bot -> #shop: [^\n]*card will not pay/);
  });
});

describe('help from a person, in Chinese', () => {
  it('opens a ticket in free text, the operator answers, and the writer reads the answer', async () => {
    const out = await play(`
      ops: /start
      ops: /language zh
      alice: /start
      alice: /language zh
      alice: 客服 我的钱不见了，请帮我看看
      ops: /tickets
      ops: /reply S1 我们正在查，您的钱包是安全的。
      alice: 支持
      alice: 转账记录不对
      alice: /tickets
    `);
    expect(out).toContain('bot -> alice: 工单 S1 已发送给客服，回复会发到这里。');
    expect(out).toContain('bot -> ops: 工单 S1 来自 @alice（用户 2，console）：“我的钱不见了，请帮我看看” 用 /reply S1 加上回复内容来回答。');
    expect(out).toContain('bot -> ops: 未处理的工单（最新在前）：\n  S1 @alice（用户 2，console），刚刚：“我的钱不见了，请帮我看看”');
    expect(out).toContain('bot -> alice: 客服回复了您的工单 S1：“我们正在查，您的钱包是安全的。”');
    expect(out).toContain('alice> 支持\nbot -> alice: 要告诉客服什么？请写下您的留言。');
    expect(out).toContain('bot -> alice: 工单 S2 已发送给客服，回复会发到这里。');
    expect(out).toContain('bot -> alice: 您的工单（最新在前）：\n  S2 等待回复，刚刚：“转账记录不对”\n  S1 已回复，刚刚：“我的钱不见了，请帮我看看”');
  });

  it('offers support after three misunderstood messages', async () => {
    const out = await play(`
      alice: /start
      alice: /language zh
      alice: 嗯嗯
      alice: 这是什么
      alice: 啊？
    `);
    expect(out).toMatch(/alice> 啊？\nbot -> alice: [^\n]+\n {2}遇到困难？发送 \/support 加上您的留言，客服人员会在这里回复您。/);
    expect(out.split('遇到困难？')).toHaveLength(2);
  });
});
