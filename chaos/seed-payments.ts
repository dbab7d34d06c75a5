import { money } from '../core/money/index.js';
import type { IdentityRef, WalletStore } from '../core/ports/index.js';
import { codeAt, stepAt } from '../core/security/totp.js';
import type { Wallet } from '../core/wallet.js';
import { directDeposit } from '../test/support/direct-moves.js';

/** A Telegram user with an active authenticator: the driver plays their app to compute codes. */
export interface ChaosUser {
  telegramId: number;
  userId: string;
  secret: string;
  /** The time step whose code activated the authenticator: a code is accepted once, so the chaos updates use later steps. */
  activationStep: bigint;
}

/** A payer whose send challenge waits for its code: the chaos update is that code message. */
export interface PendingPayment {
  payer: ChaosUser;
  payee: ChaosUser;
  /** CNY minor units (the payer's Telegram id: a few yuan), distinct per payment so every receipt and notice text is unique. */
  minor: bigint;
  challengeId: string;
}

function unwrapped<T>(outcome: { ok: true; value: T } | { ok: false; error: { code: string } }, what: string): T {
  if (!outcome.ok) throw new Error(`seeding failed at ${what}: ${outcome.error.code}`);
  return outcome.value;
}

async function enrolledTelegramUser(wallet: Wallet, telegramId: number): Promise<ChaosUser> {
  const identity: IdentityRef = { platform: 'telegram', platformUserId: String(telegramId) };
  const { user } = await wallet.register({ ...identity, username: `chaos${telegramId}`, locale: 'en' });
  const enrollment = unwrapped(await wallet.beginEnrollment(user, `chaos${telegramId}`), 'enrollment');
  const secret = new URL(enrollment.uri).searchParams.get('secret')!;
  // the current step's code: still accepted if the step turns before the wallet checks it (one step either side)
  const shownAt = new Date();
  unwrapped(await wallet.activateAuthenticator(user, codeAt(secret, shownAt)), 'activation');
  return { telegramId, userId: user.id, secret, activationStep: stepAt(shownAt) };
}

/**
 * Seeds `count` payments as the chat would leave them: payer and payee registered on Telegram
 * with an authenticator, the payer funded from the external rails and holding a send challenge
 * to the payee. Telegram ids start at `firstId` (payers) and `firstId + count` (payees).
 */
export async function seedPendingPayments(wallet: Wallet, store: WalletStore, firstId: number, count: number): Promise<PendingPayment[]> {
  const payments: PendingPayment[] = [];
  for (let i = 0; i < count; i += 1) {
    const payer = await enrolledTelegramUser(wallet, firstId + i);
    const payee = await enrolledTelegramUser(wallet, firstId + count + i);
    const minor = BigInt(firstId + i);
    unwrapped(await directDeposit(store.ledger, { key: `chaos:fund:${firstId + i}`, userId: payer.userId, amount: money('CNY', minor * 2n), now: new Date() }), 'funding');
    const user = (await wallet.getUser(payer.userId))!;
    const challenge = unwrapped(
      await wallet.prepareSend({
        key: `chaos:prepare:${firstId + i}`,
        actor: { user, identity: { platform: 'telegram', platformUserId: String(payer.telegramId) } },
        toUserId: payee.userId,
        amount: money('CNY', minor),
      }),
      'send challenge',
    );
    payments.push({ payer, payee, minor, challengeId: challenge.id });
  }
  return payments;
}
