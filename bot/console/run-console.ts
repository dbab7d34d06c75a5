import { createInterface } from 'node:readline';
import { createConsoleAdapter, type ConsoleDeps } from './console-adapter.js';

/**
 * Reads stdin line by line as it arrives, finishing each line (replies flushed) before the next,
 * so another program can drive the console through a pipe. On a TTY, lines without a `name:`
 * prefix come from the current user and room, switched with `/as NAME` and `/room NAME`.
 */
export async function runConsole(deps: ConsoleDeps): Promise<void> {
  const adapter = createConsoleAdapter(deps, (line) => process.stdout.write(`${line}\n`));
  const interactive = process.stdin.isTTY === true;
  let as = 'me';
  let room: string | undefined;
  const input = createInterface({ input: process.stdin, terminal: false });
  const prompt = () => interactive && process.stdout.write(`${as}${room ? `#${room}` : ''}> `);
  prompt();
  for await (const raw of input) {
    const line = raw.trim();
    if (interactive) {
      const switchUser = /^\/as\s+([A-Za-z0-9_]{1,32})$/.exec(line);
      const switchRoom = /^\/room(?:\s+([A-Za-z0-9_-]{1,32}))?$/.exec(line);
      if (switchUser) as = switchUser[1]!;
      else if (switchRoom) room = switchRoom[1];
      else if (line && !/^[A-Za-z0-9_]{1,32}(#[A-Za-z0-9_-]{1,32})?:/.test(line)) {
        await adapter.handleLine(`${as}${room ? `#${room}` : ''}: ${line}`);
      } else await adapter.handleLine(line);
      prompt();
    } else {
      await adapter.handleLine(raw);
    }
  }
}
