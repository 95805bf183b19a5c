/**
 * The two subjects of the per-batch benchmark, bundled together the way a worker is bundled (so both
 * run as deployed code, not through a dev-time TypeScript loader):
 * - the runtime (`defineWorker`) with the photo-resize handler;
 * - a hand-written loop doing the same essential work: JSON.parse, the same zod/mini schema, the same
 *   handler, one JSON log line per record, the response.
 * Both write their log lines to the same in-memory sink (no I/O), so the runtime's own cost shows.
 */
import type { Context, SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { photoResize } from '../lib/jobs/photo-resize.js';
import { defineWorker } from '../lambda/runtime/index.js';
import { planResize } from '../lambda/workers/photo-resize.js';

export let sinkBytes = 0;
const sink = (line: string) => {
  sinkBytes += line.length;
};

export const runtime = defineWorker(photoResize, (payload) => planResize(payload), { logger: (line) => sink(JSON.stringify(line)) });

export async function handWritten(event: SQSEvent, _context: Context): Promise<SQSBatchResponse> {
  const batchItemFailures: { itemIdentifier: string }[] = [];
  for (const record of event.Records) {
    const started = Date.now();
    try {
      const payload = photoResize.schema.parse(JSON.parse(record.body));
      const result = await planResize(payload);
      sink(JSON.stringify({ level: 'INFO', jobType: 'photo-resize', messageId: record.messageId, outcome: 'success', durationMs: Date.now() - started, result }));
    } catch (error) {
      batchItemFailures.push({ itemIdentifier: record.messageId });
      sink(JSON.stringify({ level: 'WARN', messageId: record.messageId, error: String(error) }));
    }
  }
  return { batchItemFailures };
}
