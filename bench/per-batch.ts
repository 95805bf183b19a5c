/** Per-batch overhead: the runtime against a hand-written loop (see per-batch-subjects.ts). */
import type { Context, SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { lambdaContext, sqsEvent, sqsRecord, VALID_PHOTO } from '../test/helpers/records.js';
import { bundleWorker } from './bundle.js';

const BATCH = 10;
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 15);
const BATCHES_PER_ROUND = Number(process.env.BENCH_BATCHES ?? 2_000);

type Handler = (event: SQSEvent, context: Context) => Promise<SQSBatchResponse>;
interface Subjects {
  readonly runtime: Handler;
  readonly handWritten: Handler;
  readonly sinkBytes: number;
}

async function roundNsPerBatch(fn: Handler, event: SQSEvent): Promise<number> {
  const context = lambdaContext();
  const t = process.hrtime.bigint();
  for (let i = 0; i < BATCHES_PER_ROUND; i++) {
    const response = await fn(event, context);
    if (response.batchItemFailures.length !== 0) throw new Error('benchmark batch failed: the figures would be meaningless');
  }
  return Number(process.hrtime.bigint() - t) / BATCHES_PER_ROUND;
}

export async function perBatch(outDir: string): Promise<void> {
  const bundle = await bundleWorker(fileURLToPath(new URL('./per-batch-subjects.ts', import.meta.url)));
  const file = join(outDir, 'per-batch-subjects.mjs');
  writeFileSync(file, bundle.code);
  const subjects = (await import(pathToFileURL(file).href)) as Subjects;
  const { runtime, handWritten } = subjects;
  const event = sqsEvent(Array.from({ length: BATCH }, (_, i) => sqsRecord({ messageId: `m-${i}`, payload: { ...VALID_PHOTO, photoId: `p-${i}` } })));
  const ours: number[] = [];
  const hand: number[] = [];
  for (let i = 0; i < 3; i++) {
    await roundNsPerBatch(runtime, event);
    await roundNsPerBatch(handWritten, event);
  }
  for (let i = 0; i < ROUNDS; i++) {
    ours.push(await roundNsPerBatch(runtime, event));
    hand.push(await roundNsPerBatch(handWritten, event));
  }
  const med = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  const ratio = med(ours) / med(hand);
  console.log(`\n## Per-batch overhead (${BATCH} valid photo-resize records; median of ${ROUNDS} rounds × ${BATCHES_PER_ROUND} batches, interleaved)\n`);
  console.log('| worker | per batch | ratio to hand-written | target ≤ 1.3 |');
  console.log('| --- | --- | --- | --- |');
  console.log(`| this runtime (defineWorker) | ${(med(ours) / 1000).toFixed(1)} µs | ${ratio.toFixed(2)} | ${ratio <= 1.3 ? 'yes' : 'no'} |`);
  console.log(`| hand-written loop, same schema, handler and log line | ${(med(hand) / 1000).toFixed(1)} µs | 1.00 | |`);
  if (subjects.sinkBytes === 0) throw new Error('no log lines were written: the comparison would be unfair');
}
