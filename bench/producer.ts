#!/usr/bin/env node
/**
 * `npm run bench:producer`: the producer client against the SQS emulator (fauxqs, in-process on
 * 127.0.0.1, real SDK), side by side with a loop of single SendMessage calls, in one run.
 *
 * Reports, per workload: SQS requests per 1,000 jobs (against the best any packing can do) and jobs
 * per second (median of the runs). Requests are counted by middleware on the SDK client, so they are
 * the requests that really left it.
 */
import { CreateQueueCommand, SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { buildApp } from 'fauxqs';
import { performance } from 'node:perf_hooks';
import { createJobClient, minimumBatches, packBatches } from '../lib/client/index.js';
import { jobs, SQS_MAX_BATCH_ENTRIES, SQS_MAX_MESSAGE_BYTES } from '../lib/jobs/index.js';

const JOBS = 1000;
const RUNS = Number(process.env['BENCH_RUNS'] ?? 3);

type EmailPayload = { to: string; subject: string; template: string; variables: Record<string, string> };

/** A deterministic generator (mulberry32), so every run sends the same sizes. */
function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const email = (i: number, templateBytes: number): EmailPayload => ({
  to: `user${i}@example.com`,
  subject: `Order ${i} shipped`,
  template: 'Hello {{name}}, your order is on its way. '.padEnd(templateBytes, '.'),
  variables: { name: `Customer ${i}` },
});

/** Small: ~200-byte e-mails. Mixed: 70 % under 2 KB, 20 % 10–100 KB, 10 % 200–900 KB. */
function workloads(): Record<string, EmailPayload[]> {
  const next = random(42);
  const mixed = Array.from({ length: JOBS }, (_, i) => {
    const r = next();
    const kb = r < 0.7 ? 0.2 + next() * 1.8 : r < 0.9 ? 10 + next() * 90 : 200 + next() * 700;
    return email(i, Math.round(kb * 1024));
  });
  return { small: Array.from({ length: JOBS }, (_, i) => email(i, 64)), mixed };
}

function countingClient(endpoint: string): { sqs: SQSClient; count: () => number } {
  const sqs = new SQSClient({ endpoint, region: 'us-east-1', credentials: { accessKeyId: 'bench', secretAccessKey: 'bench' } });
  let requests = 0;
  sqs.middlewareStack.add(
    (next) => async (args) => {
      requests++;
      return next(args);
    },
    { step: 'finalizeRequest', name: 'countRequests' },
  );
  return { sqs, count: () => requests };
}

interface Measurement {
  readonly requests: number;
  readonly seconds: number;
}

async function measure(run: (queueUrl: string) => Promise<void>, sqs: SQSClient, count: () => number): Promise<Measurement> {
  const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: `bench-${Date.now()}-${Math.floor(Math.random() * 1e6)}` }));
  const before = count();
  const started = performance.now();
  await run(QueueUrl!);
  return { requests: count() - before, seconds: (performance.now() - started) / 1000 };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

async function main(): Promise<void> {
  const app = buildApp({ logger: false });
  const endpoint = await app.listen({ port: 0, host: '127.0.0.1' });
  const { sqs, count } = countingClient(endpoint);
  const rows: string[] = [];
  try {
    for (const [name, payloads] of Object.entries(workloads())) {
      const many = (queueUrl: string) =>
        createJobClient({ jobs, sqs, queueUrls: { 'email-sending': queueUrl } })
          .sendMany(payloads.map((payload) => ({ jobType: 'email-sending' as const, payload })))
          .then((outcomes) => {
            const failed = outcomes.filter((o) => !o.ok);
            if (failed.length > 0) throw new Error(`${failed.length} jobs failed: ${failed[0]?.ok === false && failed[0].error.message}`);
          });
      const singles = async (queueUrl: string) => {
        for (const payload of payloads) {
          await sqs.send(
            new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: JSON.stringify(payload), MessageAttributes: { jobType: { DataType: 'String', StringValue: 'email-sending' } } }),
          );
        }
      };
      // Warm-up: connections, JIT.
      await measure(many, sqs, count);
      await measure(singles, sqs, count);
      const runsMany: Measurement[] = [];
      const runsSingles: Measurement[] = [];
      for (let run = 0; run < RUNS; run++) {
        runsMany.push(await measure(many, sqs, count));
        runsSingles.push(await measure(singles, sqs, count));
      }
      const sizes = payloads.map((p) => Buffer.byteLength(JSON.stringify(p)) + 'jobType'.length + 'String'.length + 'email-sending'.length);
      const limits = { maxEntries: SQS_MAX_BATCH_ENTRIES, maxBytes: SQS_MAX_MESSAGE_BYTES };
      const best = minimumBatches(sizes, limits);
      const inOrder = packBatches(sizes, { ...limits, keepOrder: true }).length;
      const manyRate = JOBS / median(runsMany.map((m) => m.seconds));
      const singleRate = JOBS / median(runsSingles.map((m) => m.seconds));
      const totalMiB = sizes.reduce((a, b) => a + b, 0) / 1048576;
      rows.push(
        `| ${name} (${totalMiB.toFixed(1)} MiB) | ${runsMany[0]!.requests} | ${best} | ${inOrder} | ${runsSingles[0]!.requests} | ${manyRate.toFixed(0)} | ${singleRate.toFixed(0)} | ${(manyRate / singleRate).toFixed(1)}× |`,
      );
    }
  } finally {
    sqs.destroy();
    await app.close();
  }
  console.log(`Producer benchmark: ${JOBS} jobs per workload, median of ${RUNS} runs, fauxqs on 127.0.0.1, Node ${process.version}\n`);
  console.log('| workload | sendMany requests | best possible (lower bound) | in-order packing | SendMessage loop requests | sendMany jobs/s | loop jobs/s | throughput ratio |');
  console.log('| --- | --- | --- | --- | --- | --- | --- | --- |');
  for (const row of rows) console.log(row);
}

await main();
