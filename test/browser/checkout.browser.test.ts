import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { chromium, type BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer } from '../../bot/http/server.js';
import { createApiCallsStore } from '../../db/api-calls-store.js';
import { consoleSession } from '../support/console-session.js';
import { freshKey } from '../support/wallet-fixtures.js';

const CHROMIUM = '/usr/bin/chromium';
const SHOTS = join(import.meta.dirname, '../../docs/screenshots');
const KEY = /okp_live_[A-Za-z0-9]{32}/;

const w = consoleSession();

/**
 * The checkout page in a real browser (Debian's chromium, driven by playwright-core): served by the
 * real server on a loopback port, paid through the console chat, followed live without a reload.
 * Never skipped: without chromium it fails, so CI cannot pass without having run it (.ci/run installs it).
 */
describe('the checkout page in headless Chromium', () => {
  let app: FastifyInstance;
  let base = '';
  let browser: BrowserContext;
  let profile = '';
  let apiKey = '';

  beforeAll(async () => {
    if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install -y chromium (the browser test never skips)`);
    // the page counts down against the browser's own time, so the wallet's clock starts at it
    w.clock.set(new Date());
    await w.onboard(['buyer', 'teashop'], 100);
    const setup = await w.play(`
      teashop: /merchant Tea House
      teashop: /apikey
      teashop: {code}
    `);
    apiKey = KEY.exec(setup)![0];
    app = buildServer({ merchantApi: { wallet: w.t.wallet, calls: createApiCallsStore(w.t.database.db), links: { publicUrl: 'http://127.0.0.1', telegramBot: 'okpay_test_bot' } } });
    await app.listen({ port: 0, host: '127.0.0.1' });
    base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
    profile = mkdtempSync(join(tmpdir(), 'okpay-chromium-'));
    // a fresh profile directory (playwright passes it as --user-data-dir)
    browser = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
    if (profile) rmSync(profile, { recursive: true, force: true });
  });

  async function createRequest(description: string): Promise<string> {
    const answer = await fetch(`${base}/v1/payment_requests`, {
      method: 'POST',
      headers: { authorization: `Bearer ${apiKey}`, 'idempotency-key': freshKey(), 'content-type': 'application/json' },
      body: JSON.stringify({ amount: '18.80', currency: 'CNY', description, expires_in: 900 }),
    });
    expect(answer.status).toBe(201);
    return ((await answer.json()) as { id: string }).id;
  }

  const cases = [
    { lang: 'en', viewport: { width: 390, height: 844 }, description: 'Oolong, 100 g', amount: 'CN¥18.80', open: 'Open in Telegram', paid: 'Paid ✓' },
    { lang: 'zh', viewport: { width: 1280, height: 860 }, description: '乌龙茶 100 克', amount: '¥18.80', open: '在 Telegram 中打开', paid: '已付款 ✓' },
  ] as const;

  it.each(cases)('in $lang: shows amount and QR, then Paid without a reload once paid in chat', async ({ lang, viewport, description, amount, open, paid }) => {
    const id = await createRequest(description);
    const page = await browser.newPage();
    await page.setViewportSize(viewport);
    await page.setExtraHTTPHeaders({ 'accept-language': lang === 'zh' ? 'zh-CN,zh;q=0.9' : 'en-US,en;q=0.9' });
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text());
    });
    await page.goto(`${base}/pay/${id}?lang=${lang}`);
    await expect.poll(() => page.locator('#amount').textContent()).toBe(amount);
    expect(await page.locator('#qr svg').isVisible()).toBe(true);
    expect(await page.locator('#open-telegram').textContent()).toBe(open);
    await expect.poll(() => page.locator('#countdown').textContent()).toMatch(/^1\d:\d\d$/);
    await page.screenshot({ path: join(SHOTS, `checkout-${lang}-open.png`), fullPage: true });

    let reloaded = false;
    page.on('framenavigated', (frame) => {
      if (frame === page.mainFrame()) reloaded = true;
    });
    const chat = await w.play(`
      buyer: /pay ${id}
      buyer: {code}
    `);
    expect(chat).toContain('bot -> buyer: Paid');
    await expect.poll(() => page.locator('#status').textContent(), { timeout: 10_000 }).toBe(paid);
    expect(reloaded).toBe(false);
    expect(await page.locator('#qr').isVisible()).toBe(false);
    await page.screenshot({ path: join(SHOTS, `checkout-${lang}-paid.png`), fullPage: true });
    expect(errors).toEqual([]);
    await page.close();
  });
});
