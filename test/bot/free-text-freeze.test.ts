import { describe, expect, it } from 'vitest';
import { consoleSession } from '../support/console-session.js';

const s = consoleSession();

describe('freezing written in free text', () => {
  it('freezes on a request anywhere in the message, in English and Chinese', async () => {
    await s.onboard(['fay', 'gus']);
    const out = await s.play(`
      fay: my account was stolen, freeze it quickly
      gus: /language zh
      gus: 帮我冻结账户
    `);
    expect(out).toContain('fay> my account was stolen, freeze it quickly\nbot -> fay: Your wallet is frozen.');
    expect(out).toMatch(/gus> 帮我冻结账户\nbot -> gus: [^\n]*冻结/);
  });

  it('asks once, with a Freeze button, about a payment the person does not recognise', async () => {
    await s.onboard(['hal']);
    const asked = await s.play(`
      hal: I don't recognise this payment
    `);
    expect(asked).toContain('hal> I don\'t recognise this payment\nbot -> hal: Should I freeze your wallet?');
    const button = /\[Freeze\]\((b\d+)\)/.exec(asked)?.[1];
    expect(button).toBeDefined();
    const pressed = await s.play(`hal: !${button}`);
    expect(pressed).toContain('Your wallet is frozen.');
  });

  it('does not freeze on a negation, even one that starts with the word', async () => {
    await s.onboard(['ida', 'jo']);
    const out = await s.play(`
      ida: freeze? no, don't freeze my account
      ida: send 1 to @jo
    `);
    expect(out).not.toContain('frozen');
    expect(out).toContain('Send CN¥1.00 to @jo?');
  });
});
