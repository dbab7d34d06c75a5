import { createInstance, type i18n } from 'i18next';
import en from '../../locales/en.json' with { type: 'json' };
import zhCN from '../../locales/zh-CN.json' with { type: 'json' };
import { toDecimalString, type Money } from '../../core/money/index.js';

export type Locale = 'en' | 'zh-CN';

/** A message to localize later, in the language of whoever reads it. */
export interface Text {
  key: string;
  /**
   * A param may itself be a message (an optional clause like “ for lunch”), localized alike, or an
   * amount, formatted for the reader as well: a message edited later for other readers (a request
   * card) keeps one language and one currency style.
   */
  params?: Record<string, string | number | Text | Money>;
}

/** Platform language tags (`zh-hans`, `zh_CN`, `en-US`) to the two we speak. */
export function localeOf(tag: string | undefined): Locale {
  return tag && /^zh/i.test(tag) ? 'zh-CN' : 'en';
}

let instance: i18n | undefined;

function translator(): i18n {
  if (!instance) {
    instance = createInstance();
    void instance.init({
      resources: { en: { translation: en }, 'zh-CN': { translation: zhCN } },
      lng: 'en',
      fallbackLng: 'en',
      initAsync: false,
      interpolation: { escapeValue: false },
      returnNull: false,
    });
  }
  return instance;
}

export function translate(locale: string, text: Text): string {
  const params = Object.fromEntries(
    Object.entries(text.params ?? {}).map(([name, value]) => [name, typeof value !== 'object' ? value : 'minor' in value ? formatAmount(locale, value) : translate(locale, value)]),
  );
  return translator().t(text.key, { ...params, lng: localeOf(locale) });
}

/** `¥1,000.50` / `US$5.00` with the reader's conventions; exact, never through a float. */
export function formatAmount(locale: string, amount: Money): string {
  return new Intl.NumberFormat(localeOf(locale), { style: 'currency', currency: amount.currency }).format(
    toDecimalString(amount) as unknown as number,
  );
}

export function formatDate(locale: string, date: Date): string {
  return new Intl.DateTimeFormat(localeOf(locale), { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' }).format(date);
}
