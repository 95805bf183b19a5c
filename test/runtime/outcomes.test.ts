/** One outcome per record, and the exact partial batch response Lambda reads (C10, C11, C18, C20). */
import { afterAll, beforeAll, beforeEach, describe, expect, test, vi } from 'vitest';
import * as z from 'zod/mini';
import { FAILURE_ATTRIBUTE, photoResize, type FailureContext } from '../../lib/jobs/index.js';
import { defineJob, defineWorker, PermanentJobError, type RecordLogLine, type WorkerOptions } from '../../lambda/runtime/index.js';
import { SendMessageBatchCommand } from '@aws-sdk/client-sqs';
import { createQueue, deliverOnce, messageCount, receiveAll, startEmulator, type Emulator } from '../helpers/emulator.js';
import { lambdaContext, sqsEvent, sqsRecord, VALID_PHOTO } from '../helpers/records.js';

let emulator: Emulator;
let dlqUrl: string;
let lines: RecordLogLine[];

beforeAll(async () => {
  emulator = await startEmulator();
});
afterAll(async () => emulator.close());
beforeEach(async () => {
  lines = [];
  dlqUrl = await createQueue(emulator.sqs, 'photo-resize-dlq');
  process.env.JOBQ_DLQ_URL = dlqUrl;
  delete process.env.JOBQ_JOB_TYPE;
});

function worker(handle: Parameters<typeof defineWorker<typeof photoResize>>[1], options: WorkerOptions = {}) {
  return defineWorker(photoResize, handle, { sqsClient: emulator.sqs, logger: (l) => lines.push(l), ...options });
}

const ids = (n: number) => Array.from({ length: n }, (_, i) => `m-${i + 1}`);
const photos = (n: number) => ids(n).map((messageId) => sqsRecord({ messageId, payload: { ...VALID_PHOTO, photoId: messageId } }));

describe('partial batch response', () => {
  test('answers an empty failure list when every record succeeds', async () => {
    const handler = worker(() => 'ok');
    expect(await handler(sqsEvent(photos(3)), lambdaContext())).toStrictEqual({ batchItemFailures: [] });
  });

  test('reports only record 4 of 10 when its handler throws (C10)', async () => {
    const ran: string[] = [];
    const handler = worker((payload) => {
      ran.push(payload.photoId);
      if (payload.photoId === 'm-4') throw new Error('storage unavailable');
    });
    const response = await handler(sqsEvent(photos(10)), lambdaContext());
    expect(response).toStrictEqual({ batchItemFailures: [{ itemIdentifier: 'm-4' }] });
    expect(ran).toStrictEqual(ids(10));
  });

  test('through the emulator, only the failed record 4 stays on the queue and the other 9 are deleted (C10)', async () => {
    const queueUrl = await createQueue(emulator.sqs, 'photo-resize');
    await emulator.sqs.send(
      new SendMessageBatchCommand({
        QueueUrl: queueUrl,
        Entries: ids(10).map((id) => ({ Id: id, MessageBody: JSON.stringify({ ...VALID_PHOTO, photoId: id }) })),
      }),
    );
    const handler = worker((payload) => {
      if (payload.photoId === 'm-4') throw new Error('storage unavailable');
    });
    const { records, response } = await deliverOnce(emulator.sqs, queueUrl, handler, lambdaContext());
    expect(records).toHaveLength(10);
    const fourth = records.find((r) => JSON.parse(r.body).photoId === 'm-4')!;
    expect(response).toStrictEqual({ batchItemFailures: [{ itemIdentifier: fourth.messageId }] });
    expect(await messageCount(emulator.sqs, queueUrl)).toBe(1);
  });

  test('reports every record when every handler throws, without throwing itself', async () => {
    const handler = worker(() => {
      throw new Error('down');
    });
    const response = await handler(sqsEvent(photos(3)), lambdaContext());
    expect(response).toStrictEqual({ batchItemFailures: ids(3).map((itemIdentifier) => ({ itemIdentifier })) });
  });

  test('builds the response with exactly the lower-camel keys Lambda reads (C11)', async () => {
    const handler = worker((payload) => {
      if (payload.photoId === 'm-2') throw new Error('boom');
    });
    const response = await handler(sqsEvent(photos(3)), lambdaContext());
    expect(Object.keys(response)).toStrictEqual(['batchItemFailures']);
    expect(Object.keys(response.batchItemFailures[0]!)).toStrictEqual(['itemIdentifier']);
    expect(response).toStrictEqual({ batchItemFailures: [{ itemIdentifier: 'm-2' }] });
  });

  test.each([
    ['the capitalised shape', { BatchItemFailures: [{ ItemIdentifier: 'm-2' }] }],
    ['an empty failure list', { batchItemFailures: [] }],
  ])('ignores %s returned by user code and still reports the record that rejected (C11)', async (_name, returned) => {
    const handler = worker(async (payload) => {
      if (payload.photoId === 'm-2') return Promise.reject(Object.assign(new Error('swallowed?'), { returned }));
      return returned;
    });
    expect(await handler(sqsEvent(photos(3)), lambdaContext())).toStrictEqual({ batchItemFailures: [{ itemIdentifier: 'm-2' }] });
  });

  test('by default writes each outcome as one JSON line, successes to stdout and failures to stderr', async () => {
    const out = vi.spyOn(console, 'log').mockImplementation(() => undefined);
    const err = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      const handler = defineWorker(photoResize, () => ({ variants: 2 }), { sqsClient: emulator.sqs });
      await handler(sqsEvent([...photos(1), sqsRecord({ messageId: 'm-2', body: 'not json' })]), lambdaContext());
      expect(out.mock.calls.map(([line]) => JSON.parse(String(line)))).toMatchObject([{ level: 'INFO', messageId: 'm-1', outcome: 'success', result: { variants: 2 } }]);
      expect(err.mock.calls.map(([line]) => JSON.parse(String(line)))).toMatchObject([{ level: 'ERROR', messageId: 'm-2', outcome: 'dead-lettered', reason: 'invalid-json' }]);
    } finally {
      out.mockRestore();
      err.mockRestore();
    }
  });

  test('logs exactly one JSON line per record outcome', async () => {
    const handler = worker((payload) => {
      if (payload.photoId === 'm-2') throw new Error('boom');
      return { variants: 2 };
    });
    await handler(sqsEvent([...photos(2), sqsRecord({ messageId: 'm-3', body: '{"photoId":' })]), lambdaContext());
    expect(lines.map((l) => [l.messageId, l.outcome, l.reason])).toStrictEqual([
      ['m-1', 'success', undefined],
      ['m-2', 'retry', 'transient'],
      ['m-3', 'dead-lettered', 'invalid-json'],
    ]);
    expect(lines[0]).toMatchObject({ level: 'INFO', jobType: 'photo-resize', receiveCount: 1, result: { variants: 2 } });
    expect(lines[1]!.error).toStrictEqual({ name: 'Error', message: 'boom' });
  });
});

describe('mappings without partial batch responses (C10)', () => {
  test('throws when any record failed, naming them, instead of a failure list Lambda would ignore', async () => {
    const handler = worker(
      (payload) => {
        if (payload.photoId === 'm-2') throw new Error('boom');
      },
      { reportBatchItemFailures: false },
    );
    await expect(handler(sqsEvent(photos(3)), lambdaContext())).rejects.toThrow(
      /worker for 'photo-resize': 1 of 3 records failed \(m-2\); the whole batch comes back because reportBatchItemFailures is off/,
    );
  });

  test('still dead-letters poison jobs and answers normally when nothing is left to retry', async () => {
    const handler = worker(() => 'ok', { reportBatchItemFailures: false });
    const records = [...photos(2), sqsRecord({ messageId: 'm-3', body: 'not json' })];
    expect(await handler(sqsEvent(records), lambdaContext())).toStrictEqual({ batchItemFailures: [] });
    expect(await receiveAll(emulator.sqs, dlqUrl)).toHaveLength(1);
  });
});

describe('jobs retrying cannot fix go straight to the DLQ', () => {
  async function dlqContexts(): Promise<Array<{ body: string; context: FailureContext }>> {
    const messages = await receiveAll(emulator.sqs, dlqUrl);
    return messages.map((m) => ({ body: m.Body!, context: JSON.parse(m.MessageAttributes![FAILURE_ATTRIBUTE]!.StringValue!) }));
  }

  test('dead-letters a truncated JSON body and still runs the valid records around it (C18)', async () => {
    const ran: string[] = [];
    const handler = worker((payload) => void ran.push(payload.photoId));
    const records = [
      sqsRecord({ messageId: 'm-1', payload: { ...VALID_PHOTO, photoId: 'm-1' } }),
      sqsRecord({ messageId: 'm-2', body: '{"photoId":"m-2","sourceKey":' }),
      sqsRecord({ messageId: 'm-3', payload: { ...VALID_PHOTO, photoId: 'm-3' } }),
    ];
    expect(await handler(sqsEvent(records), lambdaContext())).toStrictEqual({ batchItemFailures: [] });
    expect(ran).toStrictEqual(['m-1', 'm-3']);
    const [dead, ...rest] = await dlqContexts();
    expect(rest).toHaveLength(0);
    expect(dead!.body).toBe('{"photoId":"m-2","sourceKey":');
    expect(dead!.context).toMatchObject({ reason: 'invalid-json', expectedJobType: 'photo-resize', originalMessageId: 'm-2', errorName: 'InvalidJobError' });
  });

  test('dead-letters a payload that breaks the schema, naming the field', async () => {
    const handler = worker(() => 'never');
    const record = sqsRecord({ messageId: 'm-1', payload: { ...VALID_PHOTO, width: -5 } });
    expect(await handler(sqsEvent([record]), lambdaContext())).toStrictEqual({ batchItemFailures: [] });
    const [dead] = await dlqContexts();
    expect(dead!.context.reason).toBe('schema-violation');
    expect(dead!.context.errorMessage).toMatch(/breaks the 'photo-resize' schema: width: .*too_small/);
  });

  test.each([
    ['a jobType attribute', { attributes: { jobType: 'resize-image' }, body: '{"jobType":"resize-image","payload":{"key":"img-1"}}' }],
    ['a jobType field', { body: '{"jobType":"resize-image","payload":{"key":"img-1"}}' }],
  ])('dead-letters a job of another type named by %s, recording both types (C20)', async (_how, overrides) => {
    const handler = worker(() => 'never');
    expect(await handler(sqsEvent([sqsRecord({ messageId: 'm-1', ...overrides })]), lambdaContext())).toStrictEqual({ batchItemFailures: [] });
    const [dead] = await dlqContexts();
    expect(dead!.context).toMatchObject({ reason: 'job-type-mismatch', expectedJobType: 'photo-resize', receivedJobType: 'resize-image' });
    expect(lines[0]).toMatchObject({ level: 'ERROR', outcome: 'dead-lettered', reason: 'job-type-mismatch' });
  });

  test('judges a message without a jobType attribute by its payload alone (C20)', async () => {
    const ran: string[] = [];
    const handler = worker((payload) => void ran.push(payload.photoId));
    const records = [
      sqsRecord({ messageId: 'm-1', payload: { ...VALID_PHOTO, photoId: 'from-s3-notification' } }),
      sqsRecord({ messageId: 'm-2', payload: { key: 'img-1' } }),
    ];
    expect(await handler(sqsEvent(records), lambdaContext())).toStrictEqual({ batchItemFailures: [] });
    expect(ran).toStrictEqual(['from-s3-notification']);
    expect((await dlqContexts()).map((d) => d.context.reason)).toStrictEqual(['schema-violation']);
  });

  test('dead-letters a job whose handler throws PermanentJobError, with its message', async () => {
    const handler = worker(() => {
      throw new PermanentJobError('source photo was deleted');
    });
    expect(await handler(sqsEvent(photos(1)), lambdaContext())).toStrictEqual({ batchItemFailures: [] });
    const [dead] = await dlqContexts();
    expect(dead!.context).toMatchObject({ reason: 'permanent-failure', errorName: 'PermanentJobError', errorMessage: 'source photo was deleted' });
  });

  test('reports the job failed when the DLQ send fails, so it is never lost', async () => {
    process.env.JOBQ_DLQ_URL = `${emulator.endpoint}/000000000000/no-such-queue`;
    const handler = worker(() => 'never');
    const response = await handler(sqsEvent([sqsRecord({ messageId: 'm-1', body: 'not json' }), ...photos(1).map((r) => ({ ...r, messageId: 'm-2' }))]), lambdaContext());
    expect(response).toStrictEqual({ batchItemFailures: [{ itemIdentifier: 'm-1' }] });
    expect(lines[0]).toMatchObject({ level: 'WARN', outcome: 'retry', reason: 'invalid-json' });
    expect(lines[0]!.error!.message).toMatch(/DLQ send failed/);
  });

  test('reports the job failed when no DLQ URL is configured', async () => {
    delete process.env.JOBQ_DLQ_URL;
    const handler = worker(() => 'never');
    expect(await handler(sqsEvent([sqsRecord({ messageId: 'm-1', body: 'not json' })]), lambdaContext())).toStrictEqual({
      batchItemFailures: [{ itemIdentifier: 'm-1' }],
    });
    expect(lines[0]!.error!.message).toMatch(/JOBQ_DLQ_URL is unset/);
  });
});

describe('FIFO message groups', () => {
  const ordered = defineJob({ name: 'ledger-entry', fifo: true, description: 'test', schema: z.object({ n: z.number() }) });

  test('stops a group after its first failure and reports its later records failed, other groups run on', async () => {
    const ran: string[] = [];
    const handler = defineWorker(
      ordered,
      (payload, { record }) => {
        ran.push(record.messageId);
        if (record.messageId === 'a-2') throw new Error('ledger locked');
        return payload.n;
      },
      { sqsClient: emulator.sqs, logger: (l) => lines.push(l) },
    );
    const rec = (messageId: string, group: string) => sqsRecord({ messageId, messageGroupId: group, payload: { n: 1 } });
    const records = [rec('a-1', 'A'), rec('b-1', 'B'), rec('a-2', 'A'), rec('b-2', 'B'), rec('a-3', 'A'), rec('a-4', 'A')];
    expect(await handler(sqsEvent(records), lambdaContext())).toStrictEqual({
      batchItemFailures: [{ itemIdentifier: 'a-2' }, { itemIdentifier: 'a-3' }, { itemIdentifier: 'a-4' }],
    });
    expect(ran).toStrictEqual(['a-1', 'b-1', 'a-2', 'b-2']);
    expect(lines.filter((l) => l.reason === 'group-failed').map((l) => l.messageId)).toStrictEqual(['a-3', 'a-4']);
  });

  test('keeps no failed group from one invocation to the next', async () => {
    let fail = true;
    const handler = defineWorker(
      ordered,
      () => {
        if (fail) throw new Error('once');
      },
      { sqsClient: emulator.sqs, logger: (l) => lines.push(l) },
    );
    const rec = (messageId: string) => sqsRecord({ messageId, messageGroupId: 'A', payload: { n: 1 } });
    expect(await handler(sqsEvent([rec('a-1')]), lambdaContext())).toStrictEqual({ batchItemFailures: [{ itemIdentifier: 'a-1' }] });
    fail = false;
    expect(await handler(sqsEvent([rec('a-1'), rec('a-2')]), lambdaContext())).toStrictEqual({ batchItemFailures: [] });
  });
});

describe('invocation timeout', () => {
  test('stops taking records when less than the margin is left and reports the rest failed', async () => {
    let remaining = 10_000;
    const handler = worker(() => {
      remaining -= 3_000; // each job takes 3 s of the invocation
    });
    const response = await handler(sqsEvent(photos(5)), lambdaContext(() => remaining));
    // 10 s → 7 s → 4 s → 1 s left: below the 2 s margin after the third record.
    expect(response).toStrictEqual({ batchItemFailures: [{ itemIdentifier: 'm-4' }, { itemIdentifier: 'm-5' }] });
    expect(lines.slice(3).map((l) => [l.outcome, l.reason])).toStrictEqual([
      ['skipped', 'timeout'],
      ['skipped', 'timeout'],
    ]);
  });

  test.each([
    [1_999, ['m-1', 'm-2']],
    [2_000, []],
    [2_001, []],
  ])('with %i ms left and the default 2000 ms margin, reports %j failed', async (left, expected) => {
    const handler = worker(() => 'ok');
    const response = await handler(sqsEvent(photos(2)), lambdaContext(() => left));
    expect(response.batchItemFailures.map((f) => f.itemIdentifier)).toStrictEqual(expected);
  });
});

describe('failures before any record runs', () => {
  test('throws, so Lambda retries the whole batch, when the event has no Records', async () => {
    const handler = worker(() => 'ok');
    await expect(handler({} as never, lambdaContext())).rejects.toThrow(/got an event without a Records array/);
  });

  test('throws when the worker is deployed for another job type', async () => {
    process.env.JOBQ_JOB_TYPE = 'email-sending';
    const handler = worker(() => 'ok');
    await expect(handler(sqsEvent(photos(1)), lambdaContext())).rejects.toThrow(
      /worker for 'photo-resize' is deployed for 'email-sending' \(JOBQ_JOB_TYPE\)/,
    );
  });
});
