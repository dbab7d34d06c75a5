import type { MerchantFlowFigures } from './merchant-flow.js';
import type { Measurement } from './measure.js';
import type { PgbenchResult } from './pgbench.js';

export interface BenchReport {
  date: string;
  machine: { cpus: number; cpuModel: string; memoryGiB: number; node: string; postgres: string };
  secondsPerScenario: number;
  pgbench: PgbenchResult | undefined;
  uniform: Measurement;
  hotMerchant: Measurement;
  history: Measurement & { entries: number };
  /** API create + pay + webhook, per merchant client. */
  merchantFlow: MerchantFlowFigures & { clients: number };
}

const TARGETS = {
  uniformVsPgbench: 1.0,
  hotVsUniform: 0.7,
  uniformP99Ms: 10,
  historyP99Ms: 5,
};

function round(value: number, digits = 2): number {
  return Number(value.toFixed(digits));
}

/** The figures the benchmark issue asks for, with each target and whether it was met. */
export function summarize(report: BenchReport) {
  const uniformVsPgbench = report.pgbench ? report.uniform.perSecond / report.pgbench.tps : undefined;
  const hotVsUniform = report.hotMerchant.perSecond / report.uniform.perSecond;
  return {
    ...report,
    ratios: {
      uniformVsPgbench: uniformVsPgbench === undefined ? null : round(uniformVsPgbench),
      hotVsUniform: round(hotVsUniform),
    },
    targets: {
      uniformVsPgbench: { target: TARGETS.uniformVsPgbench, met: uniformVsPgbench === undefined ? null : uniformVsPgbench >= TARGETS.uniformVsPgbench },
      hotVsUniform: { target: TARGETS.hotVsUniform, met: hotVsUniform >= TARGETS.hotVsUniform },
      uniformP99Ms: { target: TARGETS.uniformP99Ms, met: report.uniform.p99Ms <= TARGETS.uniformP99Ms },
      historyP99Ms: { target: TARGETS.historyP99Ms, met: report.history.p99Ms <= TARGETS.historyP99Ms },
    },
  };
}

export function printReport(report: BenchReport, json: boolean): void {
  const summary = summarize(report);
  if (json) {
    console.log(JSON.stringify(summary, null, 2));
    return;
  }
  const rows: string[][] = [['scenario', 'ops/s', 'p50 ms', 'p99 ms', 'ratio', 'target']];
  const mark = (met: boolean | null) => (met === null ? 'n/a' : met ? 'met' : 'MISSED');
  if (report.pgbench) {
    rows.push([`pgbench TPC-B-like (scale ${report.pgbench.scale}, ${report.pgbench.clients} clients)`, report.pgbench.tps.toFixed(0), `avg ${report.pgbench.latencyAvgMs.toFixed(2)}`, '', '1.00', '']);
  }
  rows.push([
    'uniform: 8 clients, random pairs of 10,000 users',
    report.uniform.perSecond.toFixed(0),
    report.uniform.p50Ms.toFixed(2),
    report.uniform.p99Ms.toFixed(2),
    summary.ratios.uniformVsPgbench === null ? 'n/a' : `${summary.ratios.uniformVsPgbench.toFixed(2)}× pgbench`,
    `≥1.0× pgbench ${mark(summary.targets.uniformVsPgbench.met)}; p99 ≤10 ms ${mark(summary.targets.uniformP99Ms.met)}`,
  ]);
  rows.push([
    'hot merchant: 32 payers → 1 merchant',
    report.hotMerchant.perSecond.toFixed(0),
    report.hotMerchant.p50Ms.toFixed(2),
    report.hotMerchant.p99Ms.toFixed(2),
    `${summary.ratios.hotVsUniform.toFixed(2)}× uniform`,
    `≥0.7× uniform ${mark(summary.targets.hotVsUniform.met)}`,
  ]);
  rows.push([
    `history: newest page, ${report.history.entries.toLocaleString('en')} entries`,
    report.history.perSecond.toFixed(0),
    report.history.p50Ms.toFixed(2),
    report.history.p99Ms.toFixed(2),
    '',
    `p99 ≤5 ms ${mark(summary.targets.historyP99Ms.met)}`,
  ]);
  rows.push([
    `API create + pay + webhook: ${report.merchantFlow.clients} merchants`,
    report.merchantFlow.flow.perSecond.toFixed(0),
    report.merchantFlow.flow.p50Ms.toFixed(2),
    report.merchantFlow.flow.p99Ms.toFixed(2),
    `create p50 ${report.merchantFlow.createP50Ms.toFixed(2)}, p99 ${report.merchantFlow.createP99Ms.toFixed(2)} ms`,
    '',
  ]);
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
  for (const row of rows) console.log(row.map((cell, c) => cell.padEnd(widths[c]!)).join('  ').trimEnd());
  const m = report.machine;
  console.log(`\n${report.date} · ${m.cpus} × ${m.cpuModel} · ${m.memoryGiB} GiB · Node ${m.node} · PostgreSQL ${m.postgres} · ${report.secondsPerScenario} s per scenario`);
  const failures = report.uniform.failures + report.hotMerchant.failures;
  if (failures > 0) console.log(`${failures} transfers were refused during the run (see failures in --json).`);
}
