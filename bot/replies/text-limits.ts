/**
 * The length limits chat platforms put on what the bot shows, and the one way to cut text to
 * them. Limits are counted in UTF-16 code units, as Telegram counts; Discord counts no more than
 * that, so a cut that fits here fits there.
 */
export const LIMITS = {
  telegram: {
    /** The notice a button press is answered with (answerCallbackQuery `text`). */
    callbackAnswer: 200,
  },
  discord: {
    content: 2_000,
    buttonLabel: 80,
    modalTitle: 45,
    labelText: 45,
    labelDescription: 100,
    textDisplay: 4_000,
  },
} as const;

const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/**
 * `text` if it fits in `max` code units; otherwise as much as fits before a closing "…". The
 * cut falls between characters as people see them: never inside a surrogate pair (an emoji
 * would turn into a replacement mark, or the platform refuses the text), a flag or an emoji
 * sequence.
 */
export function fitText(text: string, max: number): string {
  if (text.length <= max) return text;
  let kept = '';
  for (const { segment } of graphemes.segment(text)) {
    if (kept.length + segment.length > max - 1) break;
    kept += segment;
  }
  return `${kept}…`;
}
