import type { NoticeOutcome, PaymentOutcome } from './outcomes.js';

/** What one scenario prints: the figures and the targets it missed. */
export interface ScenarioFigures {
  scenario: string;
  updatesSent: number;
  effects: number;
  /** Payments moved more than once, or answered more than once. */
  duplicates: number;
  /** Payments that never moved, or whose payer never got the receipt. */
  lost: number;
  /** Of the lost: never moved; moved but never receipted. */
  lostEffects: number;
  lostAnswers: number;
  /** Answers that were no receipt (apologies, "nothing to confirm", …). */
  otherAnswers: number;
  notices: { total: number; once: number; twice: number; never: number };
  recoverySeconds?: number;
  /** What the fault did, in a few words (connections terminated, …). */
  note?: string;
  /** App processes that died without being killed, and the last line each wrote. */
  crashes: string[];
  failures: string[];
}

export interface FigureOptions {
  /** Webhook POSTs the scenario made, redeliveries included. */
  updatesSent: number;
  /** Where a fault was injected the user may have been told to try again before their retry went through. */
  apologiesAllowed?: boolean;
  recoverySeconds?: number;
  note?: string;
  crashes?: string[];
}

/** Checks the targets: one effect and one answer per payment, each notice delivered exactly once. */
export function figuresOf(scenario: string, payments: PaymentOutcome[], notices: NoticeOutcome[], options: FigureOptions): ScenarioFigures {
  const failures: string[] = [];
  const doubled = payments.filter((p) => p.effects > 1 || p.receipts.length > 1);
  const lost = payments.filter((p) => p.effects === 0 || p.receipts.length === 0);
  const other = payments.reduce((sum, p) => sum + p.otherAnswers.length, 0);
  if (doubled.length) failures.push(`${scenario}: ${doubled.length} payment(s) moved or answered twice`);
  if (lost.length) failures.push(`${scenario}: ${lost.length} payment(s) lost (no effect or no receipt)`);
  if (other && !options.apologiesAllowed) failures.push(`${scenario}: ${other} answer(s) that were no receipt`);
  const counts = {
    total: notices.length,
    once: notices.filter((n) => n.deliveries === 1).length,
    twice: notices.filter((n) => n.deliveries > 1).length,
    never: notices.filter((n) => n.deliveries === 0).length,
  };
  if (counts.twice) failures.push(`${scenario}: ${counts.twice} notice(s) sent more than once`);
  if (counts.never) failures.push(`${scenario}: ${counts.never} notice(s) never sent`);
  const crashes = options.crashes ?? [];
  if (crashes.length) failures.push(`${scenario}: ${crashes.length} app process(es) crashed`);
  if (options.recoverySeconds !== undefined && !Number.isFinite(options.recoverySeconds)) failures.push(`${scenario}: never recovered`);
  return {
    scenario,
    updatesSent: options.updatesSent,
    effects: payments.reduce((sum, p) => sum + p.effects, 0),
    duplicates: doubled.length,
    lost: lost.length,
    lostEffects: payments.filter((p) => p.effects === 0).length,
    lostAnswers: payments.filter((p) => p.effects > 0 && p.receipts.length === 0).length,
    otherAnswers: other,
    notices: counts,
    ...(options.recoverySeconds !== undefined ? { recoverySeconds: options.recoverySeconds } : {}),
    ...(options.note ? { note: options.note } : {}),
    crashes,
    failures,
  };
}

/** The scenario's figures as a few aligned lines. */
export function formatFigures(f: ScenarioFigures): string {
  const lines = [
    `${f.scenario}`,
    `  updates sent ${f.updatesSent}, effects ${f.effects}, duplicates ${f.duplicates}, lost ${f.lost} (never moved ${f.lostEffects}, never receipted ${f.lostAnswers}), other answers ${f.otherAnswers}`,
    `  notices ${f.notices.total}: sent once ${f.notices.once}, twice or more ${f.notices.twice}, never ${f.notices.never}`,
  ];
  if (f.note) lines.push(`  ${f.note}`);
  for (const crash of f.crashes) lines.push(`  crashed: ${crash}`);
  if (f.recoverySeconds !== undefined) lines.push(`  recovery seconds ${Number.isFinite(f.recoverySeconds) ? f.recoverySeconds.toFixed(2) : 'never'}`);
  for (const failure of f.failures) lines.push(`  ✗ ${failure}`);
  return lines.join('\n');
}
