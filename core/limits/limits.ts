import { fail, ok, type Outcome } from '../errors.js';
import { CURRENCY_CODES, exponentOf, type CurrencyCode, type Money } from '../money/index.js';
import type { TierLimits } from '../ports/index.js';

/** Major units per tier: [per transaction, rolling 24 hours]. Verification raises the tier. */
export type LimitsConfig = Record<CurrencyCode, [number, number][]>;

/**
 * Defaults: tier 0 (unverified) 500 / 2,000 CNY a day, tier 1 (verified) ten times that, tier 2
 * (enhanced) a hundred times; other currencies at similar value.
 */
export const DEFAULT_LIMITS: LimitsConfig = {
  CNY: [[500, 2_000], [5_000, 20_000], [50_000, 200_000]],
  USD: [[70, 280], [700, 2_800], [7_000, 28_000]],
  EUR: [[65, 260], [650, 2_600], [6_500, 26_000]],
  GBP: [[55, 220], [550, 2_200], [5_500, 22_000]],
  HKD: [[550, 2_200], [5_500, 22_000], [55_000, 220_000]],
  JPY: [[10_000, 40_000], [100_000, 400_000], [1_000_000, 4_000_000]],
};

const computed = new WeakMap<LimitsConfig, Map<CurrencyCode, TierLimits>>();

/** The per-tier limits of one currency in minor units, as the ledger enforces them (computed once). */
export function tierLimits(config: LimitsConfig, currency: CurrencyCode): TierLimits {
  let byCurrency = computed.get(config);
  if (!byCurrency) computed.set(config, (byCurrency = new Map()));
  let limits = byCurrency.get(currency);
  if (!limits) {
    const scale = 10n ** BigInt(exponentOf(currency));
    limits = Object.fromEntries(
      config[currency].map(([perTransaction, daily], tier) => [String(tier), [BigInt(perTransaction) * scale, BigInt(daily) * scale]]),
    );
    byCurrency.set(currency, limits);
  }
  return limits;
}

/** Overrides from configuration (`{"CNY": [[500, 2000], ...]}`) on top of the defaults. */
export function mergeLimits(overrides: Partial<LimitsConfig>): LimitsConfig {
  const merged = { ...DEFAULT_LIMITS };
  for (const currency of CURRENCY_CODES) {
    const tiers = overrides[currency];
    if (tiers) merged[currency] = tiers;
  }
  return merged;
}

/** The per-payment limit is known before any code is asked for; the daily one only at the ledger. */
export function checkPerTransaction(config: LimitsConfig, tier: number, amount: Money): Outcome<Money> {
  const limit = tierLimits(config, amount.currency)[String(tier)]?.[0];
  if (limit !== undefined && amount.minor > limit) {
    return fail('limit.per_transaction', { limit: limit.toString(), currency: amount.currency, tier });
  }
  return ok(amount);
}
