/**
 * Benchmark: drain 10,000 jobs through the local runtime (no-op bundled worker, batch size 10, maximum
 * concurrency 10) against the emulator's raw receive+delete ceiling, measured in the same run on the
 * same emulator: the best of 5, 10 and 20 concurrent loops of ReceiveMessage(10) + DeleteMessageBatch,
 * with no worker at all.
 * Both are timed after an untimed warm-up (JIT, and the runtime's worker threads started), so the
 * figures compare steady-state drain rates, not cold starts. Target: runtime ≥ 0.8 × ceiling. Run with `npm run bench:local`; figures go to BENCHMARKS.md.
 */
import { CreateQueueCommand, DeleteMessageBatchCommand, ReceiveMessageCommand, SendMessageBatchCommand, type SQSClient } from '@aws-sdk/client-sqs';
import { App, Duration, Stack } from 'aws-cdk-lib';
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { cdkJsonContext } from '../lib/app/seed-app.js';
import { JobQueue } from '../lib/constructs/job-queue.js';
import { startLocalRuntime, type LocalRuntime } from '../lib/local/runtime.js';

const JOBS = Number(process.env.BENCH_JOBS ?? 10_000);
const CONCURRENCY = 10;
const ROUNDS = 3;
const WARM_UP_JOBS = 2_000;
/** Loop counts tried for the raw ceiling. */
const RAW_LOOPS = [5, 10, 20];

function synth(): string {
  const outdir = fileURLToPath(new URL('../.tmp/bench-local-drain/', import.meta.url));
  mkdirSync(outdir, { recursive: true });
  const app = new App({ outdir, context: { ...cdkJsonContext(), 'aws:cdk:enable-asset-metadata': true } });
  new JobQueue(new Stack(app, 'Bench'), 'noop', {
    jobType: 'noop',
    workerEntry: fileURLToPath(new URL('../test/fixtures/noop-worker.ts', import.meta.url)),
    workerTimeout: Duration.seconds(30),
    batchSize: 10,
    maxConcurrency: CONCURRENCY,
  });
  return app.synth().directory;
}

async function fill(client: SQSClient, queueUrl: string, jobs: number): Promise<void> {
  const batches = Array.from({ length: jobs / 10 }, (_, b) => b);
  await Promise.all(
    Array.from({ length: 10 }, async (_, lane) => {
      for (const b of batches.filter((x) => x % 10 === lane)) {
        await client.send(
          new SendMessageBatchCommand({
            QueueUrl: queueUrl,
            Entries: Array.from({ length: 10 }, (_, i) => ({ Id: String(i), MessageBody: JSON.stringify({ n: b * 10 + i }), MessageAttributes: { jobType: { DataType: 'String', StringValue: 'noop' } } })),
          }),
        );
      }
    }),
  );
}

/** `loops` concurrent loops of receive(10) + delete-batch until the queue is empty. */
async function rawDrain(client: SQSClient, queueUrl: string, loops = CONCURRENCY): Promise<number> {
  let drained = 0;
  await Promise.all(
    Array.from({ length: loops }, async () => {
      for (;;) {
        const { Messages = [] } = await client.send(new ReceiveMessageCommand({ QueueUrl: queueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 0, MessageSystemAttributeNames: ['All'], MessageAttributeNames: ['All'] }));
        if (Messages.length === 0) return;
        await client.send(new DeleteMessageBatchCommand({ QueueUrl: queueUrl, Entries: Messages.map((m, i) => ({ Id: String(i), ReceiptHandle: m.ReceiptHandle! })) }));
        drained += Messages.length;
      }
    }),
  );
  return drained;
}

/** Drains `jobs` already in the queue through the runtime's mappings; resolves to the seconds it took. */
async function runtimeDrain(runtime: LocalRuntime, counter: { done: number; target: number; notify?: () => void }, jobs: number): Promise<number> {
  counter.done = 0;
  counter.target = jobs;
  const finished = new Promise<void>((resolve) => (counter.notify = resolve));
  const t0 = performance.now();
  runtime.startPolling();
  await finished;
  const seconds = (performance.now() - t0) / 1000;
  await runtime.stopPolling();
  return seconds;
}

async function main(): Promise<void> {
  const outdir = synth();
  const counter: { done: number; target: number; notify?: () => void } = { done: 0, target: Infinity };
  const runtime = await startLocalRuntime({
    outdir,
    autoStart: false,
    observer: {
      invocationSettled: (e) => {
        counter.done += e.succeeded.length;
        if (counter.done >= counter.target) counter.notify?.();
      },
    },
  });
  const rows: { round: number; raw: number; local: number }[] = [];
  try {
    const client = runtime.client();
    const rawQueue = (await client.send(new CreateQueueCommand({ QueueName: 'raw-ceiling' }))).QueueUrl!;
    const localQueue = runtime.jobTypes.get('noop')!.queues.queueUrl;
    // Warm-up, not timed: JIT for both paths, and the runtime's worker threads started and warm.
    await fill(client, rawQueue, WARM_UP_JOBS);
    await rawDrain(client, rawQueue);
    await fill(client, localQueue, WARM_UP_JOBS);
    await runtimeDrain(runtime, counter, WARM_UP_JOBS);

    for (let round = 1; round <= ROUNDS; round++) {
      // The ceiling is the best raw rate over a few loop counts, not just the runtime's own concurrency.
      let rawSeconds = Infinity;
      for (const loops of RAW_LOOPS) {
        await fill(client, rawQueue, JOBS);
        const t0 = performance.now();
        const drained = await rawDrain(client, rawQueue, loops);
        rawSeconds = Math.min(rawSeconds, (performance.now() - t0) / 1000);
        if (drained !== JOBS) throw new Error(`raw drain got ${drained} of ${JOBS}`);
      }
      await fill(client, localQueue, JOBS);
      const localSeconds = await runtimeDrain(runtime, counter, JOBS);
      rows.push({ round, raw: JOBS / rawSeconds, local: JOBS / localSeconds });
    }
  } finally {
    await runtime.stop();
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  console.log(`${JOBS} jobs per round, batch size 10, concurrency ${CONCURRENCY}, ${ROUNDS} rounds after a ${WARM_UP_JOBS}-job warm-up, Node ${process.versions.node}`);
  for (const r of rows) console.log(`round ${r.round}: raw receive+delete ceiling ${r.raw.toFixed(0)} jobs/s, local runtime ${r.local.toFixed(0)} jobs/s, ratio ${(r.local / r.raw).toFixed(2)}`);
  console.log(
    `median: raw ${median(rows.map((r) => r.raw)).toFixed(0)} jobs/s, local runtime ${median(rows.map((r) => r.local)).toFixed(0)} jobs/s, ratio ${median(rows.map((r) => r.local / r.raw)).toFixed(2)} (target >= 0.80)`,
  );
}

await main();
