/** The per-job-type summary `npm start` prints after synthesizing. */
import { formatSeconds, formatTable } from '../output/table.js';
import type { JobTopology } from './topology.js';

export function formatSummary(topology: readonly JobTopology[]): string {
  const header = ['job type', 'queue', 'DLQ', 'visibility timeout', 'max receives', 'batch size', 'max concurrency', 'producers'];
  const rows = topology.map((t) => [
    t.jobType,
    t.queue.name,
    t.deadLetterQueue.name,
    formatSeconds(t.queue.visibilityTimeoutSeconds),
    String(t.maxReceiveCount),
    t.maxBatchingWindowSeconds > 0 ? `${t.batchSize} (window ${t.maxBatchingWindowSeconds} s)` : String(t.batchSize),
    t.maxConcurrency === undefined ? 'unbounded' : String(t.maxConcurrency),
    t.producers.join(', ') || '(none)',
  ]);
  return formatTable(header, rows);
}
