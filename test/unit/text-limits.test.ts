import { describe, expect, it } from 'vitest';
import { codeForm, contentOf, messageOf } from '../../bot/discord/discord-render.js';
import { text, type Reply } from '../../bot/replies/reply.js';
import { fitText } from '../../bot/replies/text-limits.js';

/** A lone half of a surrogate pair: what a cut through an emoji leaves behind. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

const memoReply = (memo: string): Reply => ({ to: { kind: 'here' }, lines: [text('challenge.send', { amount: 'CN¥1.00', to: 'bob', memo: text('challenge.memo', { memo }) })] });

describe('cutting text to platform limits', () => {
  it('keeps text that fits and ends a cut with an ellipsis inside the limit', () => {
    expect(fitText('hello', 5)).toBe('hello');
    expect(fitText('hello world', 6)).toBe('hello…');
    expect(fitText('hello world', 6).length).toBeLessThanOrEqual(6);
  });

  it('never cuts through an emoji, a flag or an emoji sequence', () => {
    expect(fitText('ab😀cd', 4)).toBe('ab…');
    expect(fitText('a🇨🇳🇨🇳', 4)).toBe('a…');
    expect(fitText('a👍🏽b', 5)).toBe('a…');
    for (let max = 2; max < 12; max++) expect(fitText('😀'.repeat(10), max)).not.toMatch(LONE_SURROGATE);
  });

  it('cuts Discord content, button labels and the code form between characters', () => {
    // whichever the parity of the text before it, one of these puts an emoji across the cut
    for (const lead of ['', 'x']) {
      const reply = { ...memoReply(lead + '😀'.repeat(1_100)), buttons: [{ label: text('buttons.pay', { amount: lead + '😀'.repeat(60) }), action: { kind: 'pay_request' as const, requestId: '1' } }] };
      const content = contentOf(reply, 'en');
      expect(content.length).toBeLessThanOrEqual(2_000);
      expect(content).not.toMatch(LONE_SURROGATE);
      const label = (messageOf(reply, 'en', false).body.components[0]!.components[0] as { label: string }).label;
      expect(label.length).toBeLessThanOrEqual(80);
      expect(label).not.toMatch(LONE_SURROGATE);
      // JSON.stringify writes a lone surrogate as an escape, a whole emoji as itself
      expect(JSON.stringify(codeForm(reply, 'en'))).not.toMatch(/\\ud[89a-f][0-9a-f]{2}/i);
    }
  });
});
