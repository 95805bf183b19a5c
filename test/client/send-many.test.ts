import type { SQSClient } from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { DEFAULT_MAX_ATTEMPTS, DEFAULT_MAX_CONCURRENT_REQUESTS } from '../../lib/client/defaults.js';
import { createJobClient, minimumBatches, SendFailedError, type JobOutcome } from '../../lib/client/index.js';
import { emailSending, jobs, SQS_MAX_MESSAGE_BYTES } from '../../lib/jobs/index.js';
import { createQueue, drainQueue, injectEntryFailures, recordRequests, sqsClientFor, startEmulator, type Emulator, type RecordedRequest } from './emulator.js';
import { auditLog, note } from './jobs.js';

const email = (n: number, extra = '') => ({ to: `user${n}@example.com`, subject: `Job ${n}`, template: `Hello {{name}}${extra}`, variables: { name: `u${n}` } });
const fastRetry = { baseDelayMs: 1, maxDelayMs: 5 };

let emulator: Emulator;
beforeAll(async () => {
  emulator = await startEmulator();
});
afterAll(async () => emulator.close());

/** A client of its own (a producer), with a recorder on its SQS client. */
function producer(queueUrls: Record<string, string>, options: { maxAttempts?: number } = {}) {
  const sqs = sqsClientFor(emulator);
  const requests = recordRequests(sqs);
  const client = createJobClient({ jobs: { ...jobs, note: note, 'audit-log': auditLog }, sqs, queueUrls, retry: { ...fastRetry, ...options } });
  return { sqs, requests, client };
}

function batchRequests(requests: readonly RecordedRequest[]) {
  return requests
    .filter((r) => r.command === 'SendMessageBatchCommand')
    .map((r) => r.input['Entries'] as { Id: string; MessageBody: string; MessageAttributes: Record<string, { DataType: string; StringValue: string }> }[]);
}

/** Bytes of a batch request as SQS counts them against its payload limit. */
function batchBytes(entries: ReturnType<typeof batchRequests>[number]): number {
  return entries.reduce(
    (sum, e) =>
      sum +
      Buffer.byteLength(e.MessageBody) +
      Object.entries(e.MessageAttributes).reduce((s, [name, a]) => s + Buffer.byteLength(name) + Buffer.byteLength(a.DataType) + Buffer.byteLength(a.StringValue), 0),
    0,
  );
}

const okIds = (outcomes: readonly JobOutcome[]) => outcomes.map((o) => (o.ok ? o.messageId : `failed: ${o.error.message}`));

describe('many producers, one queue', () => {
  test('three producers sending concurrently deliver every job exactly once with its jobType attribute', async () => {
    const { sqs } = producer({});
    const queueUrl = await createQueue(sqs, 'shared');
    const producers = [0, 1, 2].map(() => producer({ 'email-sending': queueUrl }));
    const perProducer = 120;
    const results = await Promise.all(
      producers.map(({ client }, p) =>
        Promise.all([
          client.sendMany(Array.from({ length: perProducer - 5 }, (_, i) => ({ jobType: 'email-sending' as const, payload: email(p * 1000 + i) }))),
          ...Array.from({ length: 5 }, (_, i) => client.send('email-sending', email(p * 1000 + perProducer - 5 + i)).then((sent) => [{ ok: true as const, index: 0, ...sent }])),
        ]).then((parts) => parts.flat()),
      ),
    );
    const outcomes = results.flat();
    expect(outcomes.every((o) => o.ok)).toBe(true);

    const messages = await drainQueue(sqs, queueUrl);
    const subjects = messages.map((m) => JSON.parse(m.Body!).subject as string);
    expect(new Set(subjects).size).toBe(3 * perProducer);
    expect(subjects).toHaveLength(3 * perProducer);
    expect(new Set(messages.map((m) => m.MessageId))).toEqual(new Set(okIds(outcomes)));
    expect(messages.every((m) => m.MessageAttributes?.['jobType']?.StringValue === 'email-sending')).toBe(true);
    // Each producer used batches: 115 jobs → 12 SendMessageBatch requests, plus its 5 single sends.
    for (const { requests } of producers) {
      expect(batchRequests(requests)).toHaveLength(12);
      expect(requests.filter((r) => r.command === 'SendMessageCommand')).toHaveLength(5);
    }
  });
});

describe('packing', () => {
  test('small jobs go 10 to a request: 1,000 jobs in 100 SendMessageBatch requests', async () => {
    const { sqs, requests } = producer({});
    const queueUrl = await createQueue(sqs, 'small');
    const outcomes = await createJobClient({ jobs, sqs, queueUrls: { 'email-sending': queueUrl } }).sendMany(
      Array.from({ length: 1000 }, (_, i) => ({ jobType: 'email-sending' as const, payload: email(i) })),
    );
    expect(outcomes.filter((o) => o.ok)).toHaveLength(1000);
    const batches = batchRequests(requests);
    expect(batches).toHaveLength(100);
    expect(batches.every((b) => b.length === 10)).toBe(true);
    expect(await drainQueue(sqs, queueUrl)).toHaveLength(1000);
  });

  test('a batch of mixed sizes is packed within the job type’s byte limit, in the fewest requests possible', async () => {
    const { sqs, requests } = producer({});
    const queueUrl = await createQueue(sqs, 'notes');
    // Sizes around the 4,096-byte limit: pairs that fit only with a partner of the right size.
    const lengths = [3000, 900, 2500, 1400, 2000, 1900, 100, 3500, 500, 1000, 2900, 50, 50, 50, 50, 50, 50, 50, 50, 50, 50, 50, 50];
    const payloads = lengths.map((n, i) => ({ text: `${i}:`.padEnd(n, 'z') }));
    const outcomes = await createJobClient({ jobs: [note], sqs, queueUrls: { note: queueUrl } }).sendMany(payloads.map((payload) => ({ jobType: 'note' as const, payload })));
    expect(outcomes.every((o) => o.ok)).toBe(true);

    const batches = batchRequests(requests);
    for (const batch of batches) {
      expect(batch.length).toBeLessThanOrEqual(10);
      expect(batchBytes(batch)).toBeLessThanOrEqual(4096);
    }
    const sizes = batches.flat().map((e) => batchBytes([e]));
    expect(sizes).toHaveLength(lengths.length);
    expect(batches).toHaveLength(minimumBatches(sizes, { maxEntries: 10, maxBytes: 4096 }));
    const received = (await drainQueue(sqs, queueUrl)).map((m) => JSON.parse(m.Body!).text as string);
    expect(received.sort()).toEqual(payloads.map((p) => p.text).sort());
  });

  test('jobs near SQS’s 1 MiB limit share a request only while the request stays within 1 MiB', async () => {
    const { sqs, requests } = producer({});
    const queueUrl = await createQueue(sqs, 'large');
    const kib = 1024;
    const extras = [700 * kib, 600 * kib, 400 * kib, 300 * kib, 200 * kib, 100 * kib, 10, 10];
    const outcomes = await createJobClient({ jobs, sqs, queueUrls: { 'email-sending': queueUrl } }).sendMany(
      extras.map((n, i) => ({ jobType: 'email-sending' as const, payload: email(i, 'x'.repeat(n)) })),
    );
    expect(outcomes.every((o) => o.ok)).toBe(true);
    const batches = batchRequests(requests);
    expect(batches.every((b) => batchBytes(b) <= SQS_MAX_MESSAGE_BYTES)).toBe(true);
    expect(batches).toHaveLength(minimumBatches(batches.flat().map((e) => batchBytes([e])), { maxEntries: 10, maxBytes: SQS_MAX_MESSAGE_BYTES }));
    expect(await drainQueue(sqs, queueUrl)).toHaveLength(extras.length);
  });

  test('a FIFO job type’s jobs keep their order across batches', async () => {
    const { sqs } = producer({});
    const queueUrl = await createQueue(sqs, 'audit', true);
    const outcomes = await createJobClient({ jobs: [auditLog], sqs, queueUrls: { 'audit-log': queueUrl } }).sendMany(
      Array.from({ length: 25 }, (_, i) => ({ jobType: 'audit-log' as const, payload: { tenantId: 't-7', entry: `e${i}` } })),
    );
    expect(outcomes.every((o) => o.ok)).toBe(true);
    const entries = (await drainQueue(sqs, queueUrl)).map((m) => JSON.parse(m.Body!).entry);
    expect(entries).toEqual(Array.from({ length: 25 }, (_, i) => `e${i}`));
  });
});

describe('per-job results and retries', () => {
  test('an entry SQS fails on its side (SenderFault=false) is sent again and reported with its attempts', async () => {
    const { sqs, requests } = producer({});
    const queueUrl = await createQueue(sqs, 'retry');
    const { injected } = injectEntryFailures(sqs, (body, sendCount) => body.includes('Job 3"') && sendCount === 1);
    const outcomes = await createJobClient({ jobs, sqs, queueUrls: { 'email-sending': queueUrl }, retry: fastRetry }).sendMany(
      Array.from({ length: 6 }, (_, i) => ({ jobType: 'email-sending' as const, payload: email(i) })),
    );
    expect(injected).toEqual(['job3']);
    expect(outcomes.map((o) => (o.ok ? o.attempts : 0))).toEqual([1, 1, 1, 2, 1, 1]);
    expect(batchRequests(requests).map((b) => b.map((e) => e.Id))).toEqual([['job0', 'job1', 'job2', 'job4', 'job5'], ['job3']]);
    const subjects = (await drainQueue(sqs, queueUrl)).map((m) => JSON.parse(m.Body!).subject).sort();
    expect(subjects).toEqual(['Job 0', 'Job 1', 'Job 2', 'Job 3', 'Job 4', 'Job 5']);
  });

  test('an entry that keeps failing on SQS’s side is reported as SendFailedError after maxAttempts', async () => {
    const { sqs } = producer({});
    const queueUrl = await createQueue(sqs, 'retry-out');
    const { injected } = injectEntryFailures(sqs, (body) => body.includes('Job 1"'));
    const outcomes = await createJobClient({ jobs, sqs, queueUrls: { 'email-sending': queueUrl }, retry: { ...fastRetry, maxAttempts: 3 } }).sendMany(
      [0, 1, 2].map((i) => ({ jobType: 'email-sending' as const, payload: email(i) })),
    );
    const failed = outcomes[1]!;
    expect(failed.ok).toBe(false);
    if (failed.ok) return;
    expect(failed.error).toBeInstanceOf(SendFailedError);
    expect(failed.error).toMatchObject({ code: 'JOBQ_SEND_FAILED', sqsCode: 'InternalError', senderFault: false, attempts: 3, jobType: 'email-sending' });
    expect(failed.error.message).toMatch(/failed after 3 attempts: InternalError: .*retried with backoff until the attempts ran out/);
    // Sent three times, failed by "SQS" each time.
    expect(injected).toEqual(['job1', 'job1', 'job1']);
    expect(outcomes[0]?.ok && outcomes[2]?.ok).toBe(true);
    expect(await drainQueue(sqs, queueUrl)).toHaveLength(2);
  });

  test('an entry SQS rejects as the sender’s fault is not retried and is reported with SQS’s code', async () => {
    const { sqs, requests } = producer({});
    const queueUrl = await createQueue(sqs, 'sender-fault');
    // U+FFFE is valid JSON but not a character SQS accepts in a body: the emulator fails the entry with SenderFault=true.
    const outcomes = await createJobClient({ jobs, sqs, queueUrls: { 'email-sending': queueUrl }, retry: fastRetry }).sendMany([
      { jobType: 'email-sending', payload: email(0) },
      { jobType: 'email-sending', payload: email(1, '\uFFFE') },
    ]);
    expect(outcomes[0]?.ok).toBe(true);
    expect(outcomes[1]).toMatchObject({ ok: false, index: 1, error: { code: 'JOBQ_SEND_FAILED', sqsCode: 'InvalidMessageContents', senderFault: true, attempts: 1 } });
    expect(outcomes[1]?.ok === false && outcomes[1].error.message).toMatch(/SQS rejected the job itself, so it was not retried/);
    expect(batchRequests(requests)).toHaveLength(1);
    expect(await drainQueue(sqs, queueUrl)).toHaveLength(1);
  });

  test('invalid jobs get their typed error in place while the valid ones are sent', async () => {
    const { sqs, requests } = producer({});
    const queueUrl = await createQueue(sqs, 'mixed');
    const outcomes = await createJobClient({ jobs: [emailSending, note], sqs, queueUrls: { 'email-sending': queueUrl }, env: {} }).sendMany([
      { jobType: 'email-sending', payload: email(0) },
      { jobType: 'email-sending', payload: { ...email(1), to: 'nope' } },
      { jobType: 'note', payload: { text: 'no queue for notes' } },
      { jobType: 'email-sending', payload: email(3, 'x'.repeat(SQS_MAX_MESSAGE_BYTES)) },
      { jobType: 'photo-resize' as never, payload: {} as never },
      { jobType: 'email-sending', payload: email(5) },
    ]);
    expect(outcomes.map((o) => (o.ok ? 'ok' : o.error.code))).toEqual([
      'ok',
      'JOBQ_INVALID_PAYLOAD',
      'JOBQ_MISSING_QUEUE_URL',
      'JOBQ_PAYLOAD_TOO_LARGE',
      'JOBQ_UNKNOWN_JOB_TYPE',
      'ok',
    ]);
    expect(outcomes.map((o) => o.index)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(batchRequests(requests).map((b) => b.map((e) => e.Id))).toEqual([['job0', 'job5']]);
  });

  test('a batch request that fails as a whole reports every job in it', async () => {
    const { sqs } = producer({});
    const missing = `${emulator.endpoint}/000000000000/no-such-queue`;
    const outcomes = await createJobClient({ jobs, sqs, queueUrls: { 'email-sending': missing } }).sendMany(
      [0, 1, 2].map((i) => ({ jobType: 'email-sending' as const, payload: email(i) })),
    );
    expect(outcomes).toHaveLength(3);
    for (const outcome of outcomes) {
      expect(outcome).toMatchObject({ ok: false, error: { code: 'JOBQ_SEND_FAILED', senderFault: true, attempts: 1 } });
      expect(outcome.ok === false && outcome.error.message).toMatch(/QueueDoesNotExist/);
    }
  });
});

describe('defaults', () => {
  test('an entry failing on SQS’s side is sent 5 times by default before it is reported', async () => {
    expect(DEFAULT_MAX_ATTEMPTS).toBe(5);
    const { sqs } = producer({});
    const queueUrl = await createQueue(sqs, 'default-attempts');
    const { injected } = injectEntryFailures(sqs, () => true);
    const [outcome] = await createJobClient({ jobs, sqs, queueUrls: { 'email-sending': queueUrl } }).sendMany([{ jobType: 'email-sending', payload: email(0) }]);
    expect(outcome).toMatchObject({ ok: false, error: { code: 'JOBQ_SEND_FAILED', attempts: 5 } });
    expect(injected).toHaveLength(5);
  });

  test('at most 10 SendMessageBatch requests are in flight at once by default', async () => {
    expect(DEFAULT_MAX_CONCURRENT_REQUESTS).toBe(10);
    const { sqs } = producer({});
    const queueUrl = await createQueue(sqs, 'in-flight');
    let inFlight = 0;
    let peak = 0;
    sqs.middlewareStack.add(
      (next) => async (args) => {
        peak = Math.max(peak, ++inFlight);
        try {
          return await next(args);
        } finally {
          inFlight--;
        }
      },
      { step: 'initialize', name: 'countInFlight' },
    );
    const outcomes = await createJobClient({ jobs, sqs, queueUrls: { 'email-sending': queueUrl } }).sendMany(
      Array.from({ length: 300 }, (_, i) => ({ jobType: 'email-sending' as const, payload: email(i) })),
    );
    expect(outcomes.every((o) => o.ok)).toBe(true);
    expect(peak).toBe(10);
  });
});
