/** "Come back later": retryAfter (C15) and the per-job backoff, through ChangeMessageVisibility. */
import { scaledSeconds } from '../../lambda/runtime/sqs.js';
import { SendMessageCommand } from '@aws-sdk/client-sqs';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { photoResize } from '../../lib/jobs/index.js';
import { backoffSeconds, checkBackoff } from '../../lambda/runtime/backoff.js';
import { defineWorker, retryAfter, type JobHandler, type RecordLogLine, type WorkerOptions } from '../../lambda/runtime/index.js';
import { createQueue, deliverOnce, receiveAll, startEmulator, type Emulator } from '../helpers/emulator.js';
import { lambdaContext, VALID_PHOTO } from '../helpers/records.js';

describe('backoff delay', () => {
  test.each([
    // receiveCount, base, max, random, expected seconds
    [1, 10, 300, 0, 5],
    [1, 10, 300, 0.999, 10],
    [2, 10, 300, 0, 10],
    [3, 10, 300, 0.999, 40],
    [5, 10, 300, 0.999, 160],
    [6, 10, 300, 0, 150],
    [6, 10, 300, 0.999, 300],
    [100, 10, 300, 0.999, 300],
    [1, 1, 1, 0, 1],
  ])('after receive %i with base %i s and cap %i s (random %f) is %i s', (receives, baseSeconds, maxSeconds, random, expected) => {
    expect(backoffSeconds(receives, { baseSeconds, maxSeconds }, () => random)).toBe(expected);
  });

  test.each([
    [{ baseSeconds: 0, maxSeconds: 60 }, /backoff.baseSeconds \(0 seconds\) must be a whole number of at least 1/],
    [{ baseSeconds: 1.5, maxSeconds: 60 }, /backoff.baseSeconds \(1.5 seconds\) must be a whole number/],
    [{ baseSeconds: 10, maxSeconds: 43_201 }, /backoff.maxSeconds \(43201 seconds\) must be a whole number from 1 to 43200 \(12 hours\)/],
    [{ baseSeconds: 120, maxSeconds: 60 }, /backoff.baseSeconds \(120 seconds\) must not exceed backoff.maxSeconds \(60 seconds\)/],
  ])('rejects %j when the worker is defined, naming the job type', (backoff, message) => {
    expect(() => checkBackoff('photo-resize', backoff)).toThrow(/Worker for 'photo-resize' has an invalid backoff/);
    expect(() => defineWorker(photoResize, () => undefined, { backoff })).toThrow(message);
  });
});

describe('retryAfter', () => {
  test.each([[-1], [1.5], [43_201]])('rejects %f seconds with the allowed range', (seconds) => {
    expect(() => retryAfter(seconds)).toThrow(/retryAfter\(.+\): seconds must be a whole number from 0 to 43200 \(12 hours, the SQS maximum visibility timeout\)/);
  });

  test.each([[0], [300], [43_200]])('accepts %i seconds', (seconds) => {
    expect(retryAfter(seconds)).toMatchObject({ code: 'JOBQ_RETRY_AFTER', seconds });
  });
});

describe('through the SQS emulator', () => {
  let emulator: Emulator;
  beforeAll(async () => {
    emulator = await startEmulator();
  });
  afterAll(async () => emulator.close());

  async function queueWithOneJob(): Promise<string> {
    // The emulator's default visibility timeout (30 s): far longer than the waits below.
    const queueUrl = await createQueue(emulator.sqs, 'photo-resize');
    process.env.JOBQ_QUEUE_URL = queueUrl;
    await emulator.sqs.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: JSON.stringify(VALID_PHOTO) }));
    return queueUrl;
  }

  async function runOnce(queueUrl: string, fail: JobHandler<typeof photoResize>, options: WorkerOptions = {}): Promise<RecordLogLine[]> {
    const lines: RecordLogLine[] = [];
    const handler = defineWorker(photoResize, fail, { sqsClient: emulator.sqs, logger: (l) => lines.push(l), ...options });
    const { records, response } = await deliverOnce(emulator.sqs, queueUrl, handler, lambdaContext());
    expect(response).toStrictEqual({ batchItemFailures: [{ itemIdentifier: records[0]!.messageId }] });
    return lines;
  }

  test('brings a job back after the seconds given to retryAfter, not the queue visibility timeout (C15)', async () => {
    const queueUrl = await queueWithOneJob();
    const lines = await runOnce(queueUrl, () => {
      throw retryAfter(2);
    });
    expect(lines[0]).toMatchObject({ outcome: 'retry', reason: 'retry-after', visibleAgainInSeconds: 2 });
    expect(await receiveAll(emulator.sqs, queueUrl)).toHaveLength(0);
    await sleep(2_500);
    const [back] = await receiveAll(emulator.sqs, queueUrl);
    expect(back!.Attributes!.ApproximateReceiveCount).toBe('2');
  });

  test('brings a transiently failed job back after its backoff delay', async () => {
    const queueUrl = await queueWithOneJob();
    const lines = await runOnce(
      queueUrl,
      () => {
        throw new Error('mail service busy');
      },
      { backoff: { baseSeconds: 1, maxSeconds: 1 } },
    );
    expect(lines[0]).toMatchObject({ outcome: 'retry', reason: 'transient', visibleAgainInSeconds: 1 });
    await sleep(1_500);
    expect(await receiveAll(emulator.sqs, queueUrl)).toHaveLength(1);
  });

  test('leaves a transiently failed job to the queue visibility timeout without backoff', async () => {
    const queueUrl = await queueWithOneJob();
    const lines = await runOnce(queueUrl, () => {
      throw new Error('mail service busy');
    });
    expect(lines[0]!.visibleAgainInSeconds).toBeUndefined();
    await sleep(1_500);
    expect(await receiveAll(emulator.sqs, queueUrl)).toHaveLength(0);
  });

  test('extendVisibility sets the job visibility from now, on the worker own queue', async () => {
    const queueUrl = await queueWithOneJob();
    await runOnce(queueUrl, async (_payload, { extendVisibility }) => {
      await extendVisibility(1);
      throw new Error('crashed after the heartbeat');
    });
    await sleep(1_500);
    expect(await receiveAll(emulator.sqs, queueUrl)).toHaveLength(1);
  });

  test('extendVisibility rejects seconds SQS would refuse, failing the job as transient', async () => {
    const queueUrl = await queueWithOneJob();
    const lines = await runOnce(queueUrl, async (_payload, { extendVisibility }) => {
      await extendVisibility(50_000);
      throw new Error('unreachable');
    });
    expect(lines[0]).toMatchObject({ outcome: 'retry', reason: 'transient' });
    expect(lines[0]!.error!.message).toMatch(/extendVisibility\(50000\): seconds must be a whole number from 0 to 43200/);
  });

  test('still reports the job failed when the visibility change is refused', async () => {
    const queueUrl = await queueWithOneJob();
    process.env.JOBQ_QUEUE_URL = `${emulator.endpoint}/000000000000/no-such-queue`;
    const lines = await runOnce(queueUrl, () => {
      throw retryAfter(5);
    });
    expect(lines[0]).toMatchObject({ level: 'WARN', outcome: 'retry', reason: 'retry-after' });
    expect(lines[0]!.error!.message).toMatch(/visibility change failed/);
  });
});

describe('visibility changes under the local runtime time scale', () => {
  test.each([
    [undefined, 300, 300],
    ['1', 300, 300],
    ['30', 300, 10],
    ['90', 10, 1],
    ['90', 0, 0],
    ['not-a-number', 40, 40],
  ])('with JOBQ_LOCAL_TIME_SCALE=%s, %i s becomes %i s', (factor, seconds, expected) => {
    const env = factor === undefined ? {} : { JOBQ_LOCAL_TIME_SCALE: factor };
    expect(scaledSeconds(seconds, env)).toBe(expected);
  });
});
