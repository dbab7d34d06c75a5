/** One transcript line: who writes, in which room (none: the direct chat), and what. */
export interface TranscriptLine {
  user: string;
  room?: string;
  text: string;
}

const LINE = /^([A-Za-z0-9_]{1,32})(?:#([A-Za-z0-9_-]{1,32}))?:\s?(.*)$/;

/** `alice: /start`, `alice#shop: /request 30 CNY`; undefined for comments, blanks and anything else. */
export function parseTranscriptLine(line: string): TranscriptLine | undefined {
  const trimmed = line.replace(/\r$/, '');
  if (trimmed.trim() === '' || trimmed.trimStart().startsWith('#')) return undefined;
  const match = LINE.exec(trimmed);
  if (!match) return undefined;
  return { user: match[1]!, ...(match[2] ? { room: match[2] } : {}), text: match[3]! };
}

export function echoLine(line: TranscriptLine): string {
  return `${line.user}${line.room ? `#${line.room}` : ''}> ${line.text}`;
}

/**
 * A bot message: `bot -> alice: first line` (or `bot -> #shop: …`), continuation lines indented by
 * two spaces, then extras (`  image: …`, `  file: …`) and buttons as one last line.
 */
export function formatBotMessage(
  target: { user: string } | { room: string },
  body: string,
  extras: string[],
  buttons: { label: string; id: string }[],
): string[] {
  const [first = '', ...rest] = body.split('\n');
  const head = 'room' in target ? `bot -> #${target.room}: ${first}` : `bot -> ${target.user}: ${first}`;
  const lines = [head, ...rest.map((l) => `  ${l}`), ...extras.map((l) => `  ${l}`)];
  if (buttons.length) lines.push(`  buttons: ${buttons.map((b) => `[${b.label}](${b.id})`).join(' ')}`);
  return lines;
}
