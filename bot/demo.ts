import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createWallet } from '../core/wallet.js';
import { openDatabase } from '../db/connect.js';
import { createAdapterStore } from '../db/adapter-store.js';
import { createWalletStore } from '../db/wallet-store.js';
import { playScript } from './console/script-player.js';

/** `npm run demo [en|zh]`: plays the demo transcript on a throw-away database and prints the chat. */
async function demo(): Promise<void> {
  const languages = process.argv.slice(2).filter((a) => a === 'en' || a === 'zh');
  for (const language of languages.length ? languages : ['en', 'zh']) {
    const database = await openDatabase({ url: 'memory://', dataDir: '', poolSize: 1 });
    let now = Date.now();
    const clock = { now: () => new Date(now), advance: (ms: number) => void (now += ms) };
    const wallet = createWallet({
      store: createWalletStore(database),
      secretKey: randomBytes(32),
      clock,
      operators: [{ platform: 'console', platformUserId: 'ops' }],
    });
    const script = readFileSync(new URL(`../demo/demo.${language}.txt`, import.meta.url), 'utf8');
    for (const line of await playScript({ wallet, store: createAdapterStore(database.db) }, clock, script)) console.log(line);
    console.log('');
    await database.close();
  }
}

demo().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
