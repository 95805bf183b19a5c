/** Terminal text of the local runtime: its settings, live progress and the final report. */
import { formatTable } from '../output/table.js';
import type { DemoResult, ProgressRow } from './demo/run-demo.js';
import type { LocalRuntime } from './runtime.js';
import type { JobTracker } from './tracker.js';

/** Reasons quote worker errors, which can be long (every schema issue); the table keeps one line each. */
const REASON_WIDTH = 160;
const clip = (text: string, width: number) => (text.length > width ? `${text.slice(0, width - 1)}…` : text);
const ms = (n: number) => (n >= 1000 ? `${Math.round(n / 100) / 10} s` : `${Math.round(n)} ms`);

/** What runs locally, per job type, with the scaled durations and every rounding. */
export function formatRuntimeSettings(runtime: LocalRuntime): string {
  const scale = runtime.timeScale === 1 ? 'real time' : `time scale 1:${runtime.timeScale} (every duration divided by ${runtime.timeScale})`;
  const rows = [...runtime.jobTypes.values()].map(({ topology: t, timings }) => [
    t.jobType,
    `${timings.visibilityTimeoutSeconds} s`,
    ms(timings.workerTimeoutMs),
    t.maxBatchingWindowSeconds > 0 ? `${t.batchSize} (window ${ms(timings.batchingWindowMs)})` : String(t.batchSize),
    t.maxConcurrency === undefined ? 'unbounded' : String(t.maxConcurrency),
    String(t.maxReceiveCount),
  ]);
  const roundings = [...runtime.jobTypes.values()].flatMap(({ topology, timings }) => timings.roundings.map((r) => `  ${topology.jobType}: ${r}`));
  return [
    `SQS emulator (fauxqs) on ${runtime.endpoint}; ${scale}.`,
    formatTable(['job type', 'visibility', 'worker timeout', 'batch size', 'max concurrency', 'max receives'], rows),
    ...(roundings.length > 0 ? ['Not scaled exactly (rounded up to what SQS accepts, or to the local floor):', ...roundings] : []),
  ].join('\n');
}

/** One progress line: per job type sent / in flight (running) / done / in DLQ. */
export function formatProgress(rows: readonly ProgressRow[], elapsedMs: number): string {
  const parts = rows.map((r) => `${r.jobType} sent ${r.sent} in flight ${r.inFlight} (running ${r.running}) done ${r.done} DLQ ${r.inDeadLetterQueue}`);
  return `[${(elapsedMs / 1000).toFixed(1).padStart(5)} s] ${parts.join(' | ')}`;
}

/** The final report: jobs per worker instance, duplicates, DLQ contents with reasons. */
export function formatReport(result: DemoResult, tracker: JobTracker): string {
  const lines: string[] = [];
  lines.push(result.finished ? `All jobs settled in ${ms(result.elapsedMs)}.` : `Gave up waiting after ${ms(result.elapsedMs)}: some jobs are still in flight.`);
  lines.push('', 'Jobs done per worker instance (each a separate worker thread competing for its queue):');
  const instances = [...tracker.donePerInstance].sort(([a], [b]) => a.localeCompare(b, 'en', { numeric: true }));
  lines.push(formatTable(['worker instance', 'jobs done'], instances.map(([id, n]) => [id, String(n)])));
  const duplicates = tracker.duplicates();
  lines.push(
    '',
    duplicates.length === 0
      ? 'Duplicates: none (every job that succeeded was done exactly once).'
      : `Duplicates: ${duplicates.length} job(s) done more than once: ${duplicates.map((d) => `${tracker.sent.get(d.messageId)?.label ?? d.messageId} by ${d.instances.join(', ')}`).join('; ')}`,
  );
  lines.push('', `Dead-letter queues: ${result.deadLetters.length} job(s).`);
  if (result.deadLetters.length > 0) {
    lines.push(
      formatTable(
        ['queue', 'job', 'claimed type', 'reason'],
        result.deadLetters.map((d) => [d.queueJobType, d.label, d.claimedJobType ?? '-', clip(d.reason, REASON_WIDTH)]),
      ),
    );
  }
  return lines.join('\n');
}
