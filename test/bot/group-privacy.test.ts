import { describe, expect, it } from 'vitest';
import { onboarding, transcriptWallet } from '../support/transcript-wallet.js';

/**
 * Privacy in groups, on the console: whatever concerns one person's money reaches them in their
 * direct chat; the room reads at most that a direct message was sent.
 */
const { play } = transcriptWallet();

/** Everything printed to the room, continuation lines included. */
function roomLines(out: string): string[] {
  const lines: string[] = [];
  let inRoom = false;
  for (const line of out.split('\n')) {
    if (!line.startsWith('  ')) inRoom = line.startsWith('bot -> #shop:');
    if (inRoom) lines.push(line);
  }
  return lines;
}

const ONBOARD = onboarding('12 CNY');

describe('console rooms', () => {
  it('sends balance, history, statement and refusals that show money to the person, and tells the room only that', async () => {
    const out = await play(`${ONBOARD}
      alice#shop: /balance
      alice#shop: /history
      alice#shop: /statement
      alice#shop: send 600 to @bob
      alice#shop: send 50 to @bob
      alice#shop: freeze
    `);
    expect(out).toContain('alice#shop> /balance\nbot -> #shop: @alice, I sent you a direct message.\nbot -> alice: Your balance:\n  CN¥12.00');
    expect(out).toMatch(/alice#shop> \/history\nbot -> #shop: @alice, I sent you a direct message\.\nbot -> alice: Recent payments:/);
    expect(out).toMatch(/alice#shop> \/statement\nbot -> #shop: @alice, I sent you a direct message\.\nbot -> alice: Your statement as CSV/);
    expect(out).toContain("bot -> alice: That's above your limit of CN¥500.00 per payment.");
    expect(out).toContain('bot -> alice: Not enough money: you have CN¥12.00.');
    expect(out).toContain('bot -> alice: Your wallet is frozen.');
    expect([...new Set(roomLines(out))]).toEqual(['bot -> #shop: @alice, I sent you a direct message.']);
  });

  it('keeps history paging in the direct chat', async () => {
    const deposits = Array.from({ length: 6 }, () => 'ops: /deposit @bob 1 CNY\n      ops: {code}').join('\n      ');
    const out = await play(`${ONBOARD}
      ${deposits}
      bob#shop: /history
      bob: !{Older}
    `);
    expect(out).toMatch(/bob> !b\d+\nbot -> bob: Recent payments:\n {2}.*CN¥1\.00 from outside/);
    expect(roomLines(out)).toEqual(['bot -> #shop: @bob, I sent you a direct message.']);
  });

  it('answers a Pay pressed in a room in the direct chat only', async () => {
    const out = await play(`${ONBOARD}
      bob#shop: /request 3 CNY tea
      alice#shop: !{Pay}
    `);
    expect(out).toMatch(/alice#shop> !b\d+\nbot -> alice: Pay CN¥3\.00 to @bob for request R1/);
    expect(roomLines(out)).toEqual([expect.stringMatching(/^bot -> #shop: @bob requests CN¥3\.00 for “tea”/), expect.stringMatching(/^ {2}buttons:/)]);
  });
});
