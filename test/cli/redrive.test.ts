import { DeleteMessageCommand, ReceiveMessageCommand, SendMessageCommand, type Message, type MessageAttributeValue } from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { moveJobs, type MoveJobsResult } from '../../lib/cli/move-jobs.js';
import { jobq } from '../helpers/cli.js';
import { createJobQueues, queueCounts, startEmulator, uniqueStack, type Emulator } from '../helpers/emulator.js';

let emu: Emulator;
beforeAll(async () => {
  emu = await startEmulator();
});
afterAll(async () => emu.close());

/** Receives and deletes everything on a queue, in the order SQS hands it out. */
async function drain(queueUrl: string): Promise<Message[]> {
  const all: Message[] = [];
  for (;;) {
    const r = await emu.sqs.send(
      new ReceiveMessageCommand({ QueueUrl: queueUrl, MaxNumberOfMessages: 10, MessageAttributeNames: ['All'], MessageSystemAttributeNames: ['All'] }),
    );
    const messages = r.Messages ?? [];
    if (messages.length === 0) return all;
    for (const m of messages) {
      all.push(m);
      await emu.sqs.send(new DeleteMessageCommand({ QueueUrl: queueUrl, ReceiptHandle: m.ReceiptHandle }));
    }
  }
}

const str = (value: string): MessageAttributeValue => ({ DataType: 'String', StringValue: value });

describe('jobq redrive on a local endpoint (copying move)', () => {
  test('moves every job back with its body and attributes, replacing the failure context by a redrive count', async () => {
    const stack = uniqueStack();
    const { queueUrl, deadLetterQueueUrl } = await createJobQueues(emu.sqs, stack, 'photo-resize');
    for (let i = 0; i < 12; i++) {
      await emu.sqs.send(
        new SendMessageCommand({
          QueueUrl: deadLetterQueueUrl,
          MessageBody: `{"photoId":"p${i}"}`,
          MessageAttributes: { jobType: str('photo-resize'), tenant: str('acme'), jobqFailure: str('{"reason":"permanent-failure"}') },
        }),
      );
    }
    const run = await jobq(['redrive', 'photo-resize', '--json', '--endpoint', emu.endpoint, '--stack', stack]);
    expect(run.exitCode).toBe(0);
    expect(run.json<MoveJobsResult>()).toMatchObject({ moved: 12, held: [] });
    expect(await queueCounts(emu.sqs, deadLetterQueueUrl)).toEqual({ visible: 0, inFlight: 0 });
    const moved = await drain(queueUrl);
    expect(moved.map((m) => m.Body).sort()).toEqual(Array.from({ length: 12 }, (_, i) => `{"photoId":"p${i}"}`).sort());
    for (const m of moved) {
      expect(Object.keys(m.MessageAttributes ?? {}).sort()).toEqual(['jobType', 'jobqRedriveCount', 'tenant']);
      expect(m.MessageAttributes?.jobType?.StringValue).toBe('photo-resize');
      expect(m.MessageAttributes?.tenant?.StringValue).toBe('acme');
      expect(m.MessageAttributes?.jobqRedriveCount).toMatchObject({ DataType: 'Number', StringValue: '1' });
    }
  });

  test('holds a job that keeps failing after the redrive limit, so it cannot circulate forever unnoticed', async () => {
    const stack = uniqueStack();
    const { queueUrl, deadLetterQueueUrl } = await createJobQueues(emu.sqs, stack, 'photo-resize', { maxReceiveCount: 1 });
    await emu.sqs.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: '{"photoId":"cursed"}', MessageAttributes: { jobType: str('photo-resize') } }));
    /** The worker fails the job: one receive without delete, then SQS moves it to the DLQ on the next. */
    const failOnce = async () => {
      await emu.sqs.send(new ReceiveMessageCommand({ QueueUrl: queueUrl, VisibilityTimeout: 0 }));
      await emu.sqs.send(new ReceiveMessageCommand({ QueueUrl: queueUrl, VisibilityTimeout: 0 }));
      expect(await queueCounts(emu.sqs, deadLetterQueueUrl)).toEqual({ visible: 1, inFlight: 0 });
    };
    const argv = ['redrive', 'photo-resize', '--max-redrives', '2', '--endpoint', emu.endpoint, '--stack', stack];
    for (let round = 1; round <= 2; round++) {
      await failOnce();
      const run = await jobq(argv);
      expect(run.exitCode).toBe(0);
      expect(run.stdout).toMatch(/^Moved 1 job\(s\) of 'photo-resize' back to its queue; 0 held in the DLQ\./);
    }
    await failOnce();
    const third = await jobq(argv);
    expect(third.exitCode).toBe(4);
    expect(third.stdout).toMatch(/held because[\s\S]*redrive-limit\s+redriven 2 times already \(limit 2\)/);
    expect(third.stderr).toMatch(/^jobq: REDRIVE_INCOMPLETE: 1 job\(s\) of 'photo-resize' stayed in the DLQ \(listed above\); read them with `jobq failed photo-resize`\./);
    // It stays in the DLQ, visible for `jobq failed`, and the queue is empty.
    expect(await queueCounts(emu.sqs, deadLetterQueueUrl)).toEqual({ visible: 1, inFlight: 0 });
    expect(await queueCounts(emu.sqs, queueUrl)).toEqual({ visible: 0, inFlight: 0 });
    const failed = await jobq(['failed', 'photo-resize', '--json', '--endpoint', emu.endpoint, '--stack', stack]);
    expect(failed.json<{ jobs: { redrives: number }[] }>().jobs).toMatchObject([{ redrives: 2 }]);
  });

  test.each([
    ['holds a job with 10 attributes of its own: no room for the redrive count', false, 'too-many-attributes'],
    ['moves a job with 9 attributes plus the failure context: the count takes its place', true, undefined],
  ])('%s', async (_title, withFailure, heldReason) => {
    const stack = uniqueStack();
    const { queueUrl, deadLetterQueueUrl } = await createJobQueues(emu.sqs, stack, 'photo-resize');
    const attributes: Record<string, MessageAttributeValue> = {};
    for (let i = 0; i < (withFailure ? 9 : 10); i++) attributes[`a${i}`] = str(String(i));
    if (withFailure) attributes.jobqFailure = str('{}');
    await emu.sqs.send(new SendMessageCommand({ QueueUrl: deadLetterQueueUrl, MessageBody: '{}', MessageAttributes: attributes }));
    const run = await jobq(['redrive', 'photo-resize', '--json', '--endpoint', emu.endpoint, '--stack', stack]);
    const result = run.json<MoveJobsResult>();
    if (heldReason) {
      expect(run.exitCode).toBe(4);
      expect(result.held).toMatchObject([{ reason: heldReason, detail: expect.stringMatching(/has 10 attributes and SQS allows 10/) }]);
      expect(await queueCounts(emu.sqs, deadLetterQueueUrl)).toEqual({ visible: 1, inFlight: 0 });
    } else {
      expect(run.exitCode).toBe(0);
      const [moved] = await drain(queueUrl);
      expect(Object.keys(moved?.MessageAttributes ?? {})).toHaveLength(10);
      expect(moved?.MessageAttributes?.jobqFailure).toBeUndefined();
    }
  });
});

describe('jobq redrive on a FIFO job type (copying move)', () => {
  test('keeps message group ids and the order within each group, with fresh deduplication ids', async () => {
    const stack = uniqueStack();
    const { queueUrl, deadLetterQueueUrl } = await createJobQueues(emu.sqs, stack, 'invoice-sync', { fifo: true });
    // Interleaved groups; A's first and last jobs have the same body, which the source queue's
    // content-based deduplication would drop without a fresh deduplication id.
    const jobs = [
      ['A', '{"step":1}'],
      ['B', '{"step":1}'],
      ['A', '{"step":2}'],
      ['B', '{"step":2}'],
      ['A', '{"step":3}'],
      ['C', '{"step":1}'],
      ['A', '{"step":1}'],
    ] as const;
    for (const [i, [group, body]] of jobs.entries()) {
      await emu.sqs.send(
        new SendMessageCommand({ QueueUrl: deadLetterQueueUrl, MessageBody: body, MessageGroupId: group, MessageDeduplicationId: `dlq-${i}`, MessageAttributes: { seq: str(String(i)) } }),
      );
    }
    const run = await jobq(['redrive', 'invoice-sync', '--endpoint', emu.endpoint, '--stack', stack]);
    expect(run.exitCode).toBe(0);
    expect(await queueCounts(emu.sqs, deadLetterQueueUrl)).toEqual({ visible: 0, inFlight: 0 });

    const moved = await drain(queueUrl);
    expect(moved).toHaveLength(jobs.length);
    const byGroup = (group: string) => moved.filter((m) => m.Attributes?.MessageGroupId === group).map((m) => m.MessageAttributes?.seq?.StringValue);
    expect(byGroup('A')).toEqual(['0', '2', '4', '6']);
    expect(byGroup('B')).toEqual(['1', '3']);
    expect(byGroup('C')).toEqual(['5']);
    const dedupIds = moved.map((m) => m.Attributes?.MessageDeduplicationId);
    expect(new Set(dedupIds).size).toBe(jobs.length);
    for (const id of dedupIds) expect(id).not.toMatch(/^dlq-/);
  });

  test('holds the later jobs of a group whose earlier job is held, while other groups move', async () => {
    const stack = uniqueStack();
    const { queueUrl, deadLetterQueueUrl } = await createJobQueues(emu.sqs, stack, 'invoice-sync', { fifo: true });
    const send = (group: string, seq: number, redrives?: number) =>
      emu.sqs.send(
        new SendMessageCommand({
          QueueUrl: deadLetterQueueUrl,
          MessageBody: `{"seq":${seq}}`,
          MessageGroupId: group,
          MessageDeduplicationId: `d${seq}`,
          MessageAttributes: redrives === undefined ? {} : { jobqRedriveCount: { DataType: 'Number', StringValue: String(redrives) } },
        }),
      );
    await send('A', 0, 3);
    await send('A', 1);
    await send('B', 2);
    const run = await jobq(['redrive', 'invoice-sync', '--json', '--endpoint', emu.endpoint, '--stack', stack]);
    expect(run.exitCode).toBe(4);
    // SQS may hand out A1 with A0 (then it is held as behind-held-job) or keep it back behind A0's group
    // lock; either way it must not overtake A0.
    expect(run.json<MoveJobsResult>().held.map((h) => h.reason)).toContain('redrive-limit');
    expect((await drain(queueUrl)).map((m) => m.Body)).toEqual(['{"seq":2}']);
    expect((await drain(deadLetterQueueUrl)).map((m) => m.Body)).toEqual(['{"seq":0}', '{"seq":1}']);
  });

  test('refuses --status locally: the emulator has no move tasks', async () => {
    const stack = uniqueStack();
    await createJobQueues(emu.sqs, stack, 'photo-resize');
    const run = await jobq(['redrive', 'photo-resize', '--status', '--endpoint', emu.endpoint, '--stack', stack]);
    expect(run.exitCode).toBe(6);
    expect(run.stderr).toMatch(/^jobq: NOT_SUPPORTED_LOCALLY: --status and --cancel act on SQS's native move task, which the local emulator lacks/);
  });
});

describe('jobq redrive takes only the jobs in the DLQ when it starts', () => {
  test('a job that fails again during the move stays in the DLQ instead of being chased round the loop', async () => {
    const stack = uniqueStack();
    const { queueUrl, deadLetterQueueUrl } = await createJobQueues(emu.sqs, stack, 'photo-resize');
    for (let i = 0; i < 15; i++) {
      await emu.sqs.send(new SendMessageCommand({ QueueUrl: deadLetterQueueUrl, MessageBody: `{"photoId":"p${i}"}`, MessageAttributes: { jobType: str('photo-resize') } }));
    }
    let injected = false;
    const result = await moveJobs(emu.sqs, {
      fromUrl: deadLetterQueueUrl,
      toUrl: queueUrl,
      fifo: false,
      maxRedrives: 3,
      // After the first batch, a poison job comes straight back to the DLQ (as the worker runtime sends it).
      onProgress: () => {
        if (injected) return;
        injected = true;
        void emu.sqs.send(new SendMessageCommand({ QueueUrl: deadLetterQueueUrl, MessageBody: '{"photoId":"again"}', MessageAttributes: { jobType: str('photo-resize') } }));
      },
    });
    expect(result).toEqual({ moved: 15, held: [] });
    const left = await drain(deadLetterQueueUrl);
    expect(left.map((m) => m.Body)).toEqual(['{"photoId":"again"}']);
    expect((await drain(queueUrl)).length).toBe(15);
  });
});
