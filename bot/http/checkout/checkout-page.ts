import { readFileSync } from 'node:fs';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import QRCode from 'qrcode';
import type { PaymentRequest } from '../../../core/ports/index.js';
import type { Wallet } from '../../../core/wallet.js';
import { formatAmount, formatDate, localeOf, translate, type Locale } from '../../i18n/i18n.js';
import { text } from '../../replies/reply.js';
import { PUBLIC_ID } from '../../replies/refs.js';
import type { LinkConfig } from '../merchant-api/api-views.js';

const SCRIPT = readFileSync(new URL('./checkout.js', import.meta.url), 'utf8');
const STYLE = readFileSync(new URL('./checkout.css', import.meta.url), 'utf8');

export interface CheckoutDeps {
  wallet: Wallet;
  links: LinkConfig;
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
/** Every value put into the page goes through this: descriptions and names are the merchant's text. */
const escape = (value: string) => value.replace(/[&<>"']/g, (c) => ESCAPES[c]!);

/** `?lang=zh|en` first, then the browser's Accept-Language (its first tag we speak), else English. */
function localeFor(request: FastifyRequest<{ Querystring: { lang?: string } }>): Locale {
  const asked = request.query.lang;
  if (asked) return localeOf(asked);
  const tags = String(request.headers['accept-language'] ?? '').split(',').map((tag) => tag.split(';')[0]!.trim().toLowerCase());
  return localeOf(tags.find((tag) => tag.startsWith('zh') || tag.startsWith('en')));
}

/**
 * The page's security headers: no inline script (the one script is a file of this server), nothing
 * loaded from elsewhere, and no framing — a page asking for money framed by another site could be
 * dressed up as someone else's — except by the one origin its merchant opted in (`/v1/checkout_settings`).
 */
function secure(reply: FastifyReply, embedOrigin?: string): FastifyReply {
  const csp = `default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors ${embedOrigin ?? "'none'"}`;
  // X-Frame-Options cannot name a site, so a merchant who opted in is allowed by the CSP alone
  if (!embedOrigin) reply.header('x-frame-options', 'DENY');
  return reply
    .header('content-security-policy', csp)
    .header('x-content-type-options', 'nosniff')
    .header('referrer-policy', 'no-referrer')
    .header('cache-control', 'no-store');
}

function layout(locale: Locale, title: string, body: string): string {
  return `<!doctype html>
<html lang="${locale === 'zh-CN' ? 'zh-CN' : 'en'}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${escape(title)}</title>
<link rel="stylesheet" href="/assets/checkout.css">
</head>
<body>
<main>
${body}
</main>
<script src="/assets/checkout.js" defer></script>
</body>
</html>
`;
}

async function page(deps: CheckoutDeps, locale: Locale, request: PaymentRequest, lang: string): Promise<string> {
  const t = (key: string, params?: Parameters<typeof text>[1]) => escape(translate(locale, text(key, params)));
  const merchant = await deps.wallet.getMerchant(request.merchantId);
  const sandbox = await deps.wallet.isSandbox(request.merchantId);
  const telegram = deps.links.telegramBot ? `https://t.me/${deps.links.telegramBot}?start=pay_${request.publicId}` : undefined;
  const qr = telegram ? await QRCode.toString(telegram, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' }) : '';
  const status = request.status;
  const statusLine = status === 'open' ? `${t('checkout.waiting')} <span id="countdown"></span>` : t(`checkout.${status}`);
  const amount = formatAmount(locale, request.amount);
  const body = `<div class="card" id="checkout" data-status="${status}" data-expires-at="${request.expiresAt.toISOString()}"
  data-status-url="/pay/${request.publicId}/status" data-label-paid="${t('checkout.paid')}" data-label-expired="${t('checkout.expired')}" data-label-cancelled="${t('checkout.cancelled')}">
  ${sandbox ? `<p class="sandbox" id="sandbox">${t('sandbox.test')}</p>` : ''}
  <p class="merchant">${t('checkout.pay_to', { merchant: merchant?.displayName ?? '' })}</p>
  <p class="amount" id="amount">${escape(amount)}</p>
  ${request.memo ? `<p class="description">${escape(request.memo)}</p>` : ''}
  <p class="status status-${status}" id="status" role="status" aria-live="polite">${statusLine}</p>
  <div class="how">
    ${telegram ? `<div class="qr" id="qr" role="img" aria-label="${t('checkout.qr_label')}">${qr}</div>
    <p class="hint">${t('checkout.scan')}</p>
    <a class="button" id="open-telegram" href="${escape(telegram)}">${t('checkout.open_telegram')}</a>` : ''}
    <p class="discord">${t('checkout.discord')} <code id="discord-command">/pay ${escape(request.publicId)}</code></p>
    <p class="hint">${t('checkout.expires', { at: formatDate(locale, request.expiresAt) })} · <a href="?lang=${lang === 'zh' ? 'en' : 'zh'}">${t('checkout.other_language')}</a></p>
  </div>
</div>`;
  return layout(locale, `${amount} · ${merchant?.displayName ?? 'OKPay'}`, body);
}

/**
 * `GET /pay/{id}`: the hosted checkout page of a payment request, server-rendered in the payer's
 * language, with `/pay/{id}/status` (the status and success_url, nothing else) that its script
 * polls. An unknown id is a 404 page, the same as a malformed one.
 */
export function checkoutPage(deps: CheckoutDeps): FastifyPluginAsync {
  return async (app) => {
    app.get('/assets/checkout.js', async (_request, reply) => reply.type('text/javascript; charset=utf-8').header('x-content-type-options', 'nosniff').send(SCRIPT));
    app.get('/assets/checkout.css', async (_request, reply) => reply.type('text/css; charset=utf-8').header('x-content-type-options', 'nosniff').send(STYLE));

    // browsers ask for it on every page; no icon rather than a 404 in their console
    app.get('/favicon.ico', async (_request, reply) => reply.code(204).send());

    app.get<{ Params: { id: string }; Querystring: { lang?: string } }>('/pay/:id', async (request, reply) => {
      const locale = localeFor(request);
      const found = PUBLIC_ID.test(request.params.id) ? await deps.wallet.getRequestByPublicId(request.params.id) : undefined;
      const merchant = found && (await deps.wallet.getMerchant(found.merchantId));
      secure(reply, merchant?.embedOrigin).type('text/html; charset=utf-8');
      if (!found) {
        const t = (key: string) => escape(translate(locale, text(key)));
        return reply.code(404).send(layout(locale, t('checkout.not_found_title'), `<div class="card"><p class="amount">404</p><p class="description">${t('checkout.not_found')}</p></div>`));
      }
      return reply.send(await page(deps, locale, found, locale === 'zh-CN' ? 'zh' : 'en'));
    });

    app.get<{ Params: { id: string } }>('/pay/:id/status', async (request, reply) => {
      const found = PUBLIC_ID.test(request.params.id) ? await deps.wallet.getRequestByPublicId(request.params.id) : undefined;
      secure(reply);
      if (!found) return reply.code(404).send({ error: { code: 'request.not_found' } });
      return reply.send({ status: found.status, success_url: found.status === 'paid' ? (found.successUrl ?? null) : null });
    });
  };
}
