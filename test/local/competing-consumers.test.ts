import { SendMessageBatchCommand, GetQueueAttributesCommand } from '@aws-sdk/client-sqs';
import { Duration } from 'aws-cdk-lib';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startLocalRuntime, type LocalRuntime } from '../../lib/local/runtime.js';
import { createResultsQueue, readResults, synthFixtureApp } from '../helpers/local.js';

const JOBS = 1000;
const MAX_CONCURRENCY = 5;

describe('competing consumers', () => {
  let runtime: LocalRuntime;
  const started: { concurrency: number; instanceId: string }[] = [];

  beforeAll(async () => {
    const outdir = synthFixtureApp('Competing', [
      { jobType: 'thumbnail', workerTimeout: Duration.seconds(5), batchSize: 10, maxConcurrency: MAX_CONCURRENCY },
    ]);
    runtime = await startLocalRuntime({
      outdir,
      observer: { invocationStarted: (e) => started.push({ concurrency: e.concurrency, instanceId: e.instanceId }) },
    });
  });
  afterAll(() => runtime?.stop());

  test("the worker's queue references resolve to the local queue URLs, and the SDK is pointed at the emulator", () => {
    const local = runtime.jobTypes.get('thumbnail')!;
    expect(local.workerEnv).toMatchObject({
      JOBQ_JOB_TYPE: 'thumbnail',
      JOBQ_QUEUE_URL: local.queues.queueUrl,
      JOBQ_DLQ_URL: local.queues.deadLetterQueueUrl,
      AWS_ENDPOINT_URL_SQS: runtime.endpoint,
      AWS_REGION: 'us-east-1',
    });
    expect(runtime.endpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });

  test('1,000 jobs with maximum concurrency 5 are each handled successfully exactly once by competing workers', async () => {
    const client = runtime.client();
    const resultsUrl = await createResultsQueue(client);
    const { queueUrl, deadLetterQueueUrl } = runtime.jobTypes.get('thumbnail')!.queues;
    for (let i = 0; i < JOBS; i += 10) {
      await client.send(
        new SendMessageBatchCommand({
          QueueUrl: queueUrl,
          Entries: Array.from({ length: 10 }, (_, j) => ({ Id: String(j), MessageBody: JSON.stringify({ id: `job-${i + j}`, sleepMs: 2 }) })),
        }),
      );
    }
    const results = await readResults(client, resultsUrl, (r) => r.length >= JOBS, 45_000);

    const ids = results.map((r) => r.id);
    expect(new Set(ids).size).toBe(JOBS);
    expect(ids).toHaveLength(JOBS);
    expect(results.every((r) => r.outcome === 'done' && r.receiveCount === 1)).toBe(true);

    // At least two worker instances (threads) took part, seen by the workers themselves.
    expect(new Set(results.map((r) => r.threadId)).size).toBeGreaterThanOrEqual(2);

    // Concurrency measured from the workers' own start/end times never exceeds the maximum.
    const edges = results.flatMap((r) => [{ t: r.started, d: 1 }, { t: r.ended, d: -1 }]).sort((a, b) => a.t - b.t || a.d - b.d);
    let now = 0;
    let peak = 0;
    for (const e of edges) peak = Math.max(peak, (now += e.d));
    expect(peak).toBeLessThanOrEqual(MAX_CONCURRENCY);
    expect(Math.max(...started.map((s) => s.concurrency))).toBeLessThanOrEqual(MAX_CONCURRENCY);

    // Nothing is left behind and nothing was dead-lettered.
    await runtime.stopWorkers();
    for (const url of [queueUrl, deadLetterQueueUrl]) {
      const { Attributes } = await client.send(
        new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'] }),
      );
      expect(Attributes).toEqual({ ApproximateNumberOfMessages: '0', ApproximateNumberOfMessagesNotVisible: '0' });
    }
  });
});
