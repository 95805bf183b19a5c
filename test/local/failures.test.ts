import { GetQueueAttributesCommand, SendMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import { Duration } from 'aws-cdk-lib';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { InvocationSettled } from '../../lib/local/event-source-mapping.js';
import { startLocalRuntime, type LocalRuntime } from '../../lib/local/runtime.js';
import { createResultsQueue, drain, readResults, synthFixtureApp } from '../helpers/local.js';

// Unscaled: short worker and visibility timeouts make every retry take seconds. (Tight on purpose: a
// cold worker thread on a busy 2-core machine can take seconds to start, which is why JobQueue derives 6x.)
const VISIBILITY_SECONDS = 2;
const MAX_RECEIVES = 3;

async function queueCounts(client: SQSClient, queueUrl: string): Promise<Record<string, string> | undefined> {
  const { Attributes } = await client.send(
    new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'] }),
  );
  return Attributes;
}

describe('failed, timed-out and poison jobs', () => {
  let runtime: LocalRuntime;
  let client: SQSClient;
  let resultsUrl: string;
  const settled: InvocationSettled[] = [];
  const send = (body: object) => client.send(new SendMessageCommand({ QueueUrl: runtime.jobTypes.get('webhook-deliver')!.queues.queueUrl, MessageBody: JSON.stringify(body) }));

  beforeAll(async () => {
    const outdir = synthFixtureApp('Failures', [
      {
        jobType: 'webhook-deliver',
        workerTimeout: Duration.seconds(1),
        visibilityTimeout: Duration.seconds(VISIBILITY_SECONDS),
        maxReceiveCount: MAX_RECEIVES,
        batchSize: 1,
      },
    ]);
    runtime = await startLocalRuntime({ outdir, observer: { invocationSettled: (e) => settled.push(e) } });
    client = runtime.client();
    resultsUrl = await createResultsQueue(client);
  });
  afterAll(() => runtime?.stop());

  test('a failed job is not seen again before its visibility timeout and reaches the DLQ after maxReceiveCount receives', async () => {
    await send({ id: 'always-fails', fail: 'always' });
    const { deadLetterQueueUrl } = runtime.jobTypes.get('webhook-deliver')!.queues;
    const dead = await drain(client, deadLetterQueueUrl, (m) => m.length >= 1, 20_000);
    const attempts = (await readResults(client, resultsUrl, (r) => r.length >= MAX_RECEIVES, 5_000)).filter((r) => r.id === 'always-fails');

    expect(attempts.map((a) => a.receiveCount)).toEqual([1, 2, 3]);
    // The k-th receive cannot start before (k - 1) visibility timeouts after the first, by the emulator's clock.
    for (const a of attempts) expect(a.started - a.firstReceived).toBeGreaterThanOrEqual((a.receiveCount - 1) * VISIBILITY_SECONDS * 1000);
    expect(dead).toHaveLength(1);
    expect(JSON.parse(dead[0]!.Body!)).toEqual({ id: 'always-fails', fail: 'always' });
    expect(dead[0]!.MessageAttributes?.jobqFailure).toBeUndefined();
  });

  test('a poison job reaches the DLQ after one receive, with the reason in jobqFailure', async () => {
    await send({ id: 'poison', poison: true });
    const { deadLetterQueueUrl, queueUrl } = runtime.jobTypes.get('webhook-deliver')!.queues;
    const dead = await drain(client, deadLetterQueueUrl, (m) => m.length >= 1, 10_000);
    const attempts = (await readResults(client, resultsUrl, (r) => r.some((x) => x.id === 'poison'), 5_000)).filter((r) => r.id === 'poison');

    expect(attempts.map((a) => [a.outcome, a.receiveCount])).toEqual([['dead-lettered', 1]]);
    expect(dead).toHaveLength(1);
    expect(JSON.parse(dead[0]!.MessageAttributes!.jobqFailure!.StringValue!)).toMatchObject({ reason: 'schema-violation', receiveCount: 1 });
    // The runtime deletes the original once the worker answers, just after the worker's own DLQ send.
    await expect.poll(() => queueCounts(client, queueUrl), { timeout: 5_000 }).toEqual({ ApproximateNumberOfMessages: '0', ApproximateNumberOfMessagesNotVisible: '0' });
  });

  test('an invocation that overruns the worker timeout is stopped and its job comes back after the visibility timeout', async () => {
    await send({ id: 'slow-once', timeoutUntilReceive: 2 });
    const done = await readResults(client, resultsUrl, (r) => r.some((x) => x.id === 'slow-once'), 15_000);

    expect(done.filter((r) => r.id === 'slow-once').map((r) => [r.outcome, r.receiveCount])).toEqual([['done', 2]]);
    const slow = done.find((r) => r.id === 'slow-once')!;
    expect(slow.started - slow.firstReceived).toBeGreaterThanOrEqual(VISIBILITY_SECONDS * 1000);
    expect(settled.some((s) => s.outcome.kind === 'timeout' && s.failed.length === 1)).toBe(true);
  });
});

describe('partial batch responses', () => {
  let runtime: LocalRuntime;
  const settled: InvocationSettled[] = [];

  beforeAll(async () => {
    const outdir = synthFixtureApp('Partial', [
      { jobType: 'webhook-deliver', workerTimeout: Duration.seconds(3), visibilityTimeout: Duration.seconds(6), batchSize: 10, maxBatchingWindow: Duration.seconds(1) },
    ]);
    runtime = await startLocalRuntime({ outdir, observer: { invocationSettled: (e) => settled.push(e) } });
  });
  afterAll(() => runtime?.stop());

  test('only the failed record of a batch comes back; the others are deleted once', async () => {
    const client = runtime.client();
    const resultsUrl = await createResultsQueue(client);
    const { queueUrl } = runtime.jobTypes.get('webhook-deliver')!.queues;
    for (let i = 1; i <= 10; i++) {
      const body = i === 4 ? { id: 'job-4', failUntilReceive: 2 } : { id: `job-${i}` };
      await client.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: JSON.stringify(body) }));
    }
    const results = await readResults(client, resultsUrl, (r) => r.filter((x) => x.outcome === 'done').length >= 10, 15_000);

    const done = results.filter((r) => r.outcome === 'done');
    expect(done.map((r) => r.id).sort()).toEqual(Array.from({ length: 10 }, (_, i) => `job-${i + 1}`).sort());
    expect(done.filter((r) => r.receiveCount > 1).map((r) => [r.id, r.receiveCount])).toEqual([['job-4', 2]]);
    expect(results.filter((r) => r.outcome === 'failed').map((r) => r.id)).toEqual(['job-4']);
  });
});
