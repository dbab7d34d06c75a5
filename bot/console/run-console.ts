import { createInterface } from 'node:readline';
import type { InFlight } from '../delivery/in-flight.js';
import { createConsoleAdapter, type ConsoleDeps } from './console-adapter.js';

export interface ConsoleRun {
  /** Aborted on shutdown: the line being worked on is finished, no further line is read. */
  stop: AbortSignal;
  /** Counts the line being worked on, so a shutdown waits for it. */
  inFlight: InFlight;
}

/**
 * Reads stdin line by line as it arrives, finishing each line (replies flushed) before the next,
 * so another program can drive the console through a pipe. On a TTY, lines without a `name:`
 * prefix come from the current user and room, switched with `/as NAME` and `/room NAME`.
 */
export async function runConsole(deps: ConsoleDeps, run: ConsoleRun): Promise<void> {
  const adapter = createConsoleAdapter(deps, (line) => process.stdout.write(`${line}\n`));
  const handleLine = (line: string) => run.inFlight.run(() => adapter.handleLine(line));
  const interactive = process.stdin.isTTY === true;
  let as = 'me';
  let room: string | undefined;
  const input = createInterface({ input: process.stdin, terminal: false });
  run.stop.addEventListener('abort', () => input.close(), { once: true });
  const prompt = () => interactive && process.stdout.write(`${as}${room ? `#${room}` : ''}> `);
  prompt();
  for await (const raw of input) {
    // lines read ahead before the stop are not worked on
    if (run.stop.aborted) break;
    const line = raw.trim();
    if (interactive) {
      const switchUser = /^\/as\s+([A-Za-z0-9_]{1,32})$/.exec(line);
      const switchRoom = /^\/room(?:\s+([A-Za-z0-9_-]{1,32}))?$/.exec(line);
      if (switchUser) as = switchUser[1]!;
      else if (switchRoom) room = switchRoom[1];
      else if (line && !/^[A-Za-z0-9_]{1,32}(#[A-Za-z0-9_-]{1,32})?:/.test(line)) {
        await handleLine(`${as}${room ? `#${room}` : ''}: ${line}`);
      } else await handleLine(line);
      prompt();
    } else {
      await handleLine(raw);
    }
  }
}
