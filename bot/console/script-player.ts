import { codeAt } from '../../core/security/totp.js';
import { createConsoleAdapter, type ConsoleDeps } from './console-adapter.js';
import { parseTranscriptLine } from './transcript.js';

export interface AdvancingClock {
  now(): Date;
  advance(ms: number): void;
}

const ENROLLMENT = /otpauth:\/\/totp\/OKPay:([A-Za-z0-9_]+)\?secret=([A-Z2-7]+)/;

/**
 * Plays a console transcript in which `{code}` stands for the code the writer's authenticator
 * shows, read from the otpauth URI the bot printed for them. Each code moves the clock a time
 * step on, as a person waiting for the next code would; a comment `# wait 301s` moves it on by
 * that much; `!{Pay}` presses the newest button whose label starts with “Pay”; `{recovery}` is
 * the writer's next unused recovery code. Returns everything printed.
 */
export async function playScript(deps: ConsoleDeps, clock: AdvancingClock, script: string): Promise<string[]> {
  const output: string[] = [];
  const secrets = new Map<string, string>();
  const shownButtons: { label: string; id: string }[] = [];
  const recoveryCodes = new Map<string, string[]>();
  let addressee = '';
  const adapter = createConsoleAdapter(
    deps,
    (line) => {
      output.push(line);
      const enrolled = ENROLLMENT.exec(line);
      if (enrolled) secrets.set(enrolled[1]!, enrolled[2]!);
      const to = /^bot -> ([A-Za-z0-9_]+):/.exec(line);
      if (to) addressee = to[1]!;
      if (/^ {2}[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}$/.test(line)) recoveryCodes.set(addressee, [...(recoveryCodes.get(addressee) ?? []), line.trim()]);
      for (const b of line.matchAll(/\[([^\]]+)\]\((b\d+)\)/g)) shownButtons.push({ label: b[1]!, id: b[2]! });
    },
  );
  for (const raw of script.split('\n')) {
    const wait = /^#\s*wait\s+(\d+)\s*s?\s*$/.exec(raw);
    if (wait) clock.advance(Number(wait[1]) * 1000);
    const press = /!\{([^}]+)\}/.exec(raw);
    if (press) {
      const button = shownButtons.findLast((b) => b.label.startsWith(press[1]!));
      await adapter.handleLine(raw.replace(press[0], `!${button?.id ?? 'b0'}`));
      continue;
    }
    const line = parseTranscriptLine(raw);
    if (line && raw.includes('{recovery}')) {
      await adapter.handleLine(raw.replace('{recovery}', recoveryCodes.get(line.user.toLowerCase())?.shift() ?? 'NONE-NONE-NONE'));
      continue;
    }
    if (line && raw.includes('{code}')) {
      clock.advance(30_000);
      const secret = secrets.get(line.user.toLowerCase());
      await adapter.handleLine(raw.replace('{code}', secret ? codeAt(secret, clock.now()) : '000000'));
    } else {
      await adapter.handleLine(raw);
    }
  }
  return output;
}
