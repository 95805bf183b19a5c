import { SendMessageCommand } from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { FailedJob } from '../../lib/cli/failed.js';
import type { FailureContext } from '../../lib/jobs/wire.js';
import { jobq } from '../helpers/cli.js';
import { createJobQueues, queueCounts, startEmulator, uniqueStack, type Emulator } from '../helpers/emulator.js';

let emu: Emulator;
beforeAll(async () => {
  emu = await startEmulator();
});
afterAll(async () => emu.close());

const failure: FailureContext = {
  reason: 'schema-violation',
  errorName: 'JobSchemaError',
  errorMessage: 'width: Too big: expected number to be <=20000',
  expectedJobType: 'photo-resize',
  receiveCount: 1,
  originalMessageId: 'orig-1',
  failedAt: '2026-12-03T10:00:00.000Z',
};

describe('jobq failed', () => {
  test('shows DLQ jobs with their failure reasons and leaves every one of them in the DLQ, visible', async () => {
    const stack = uniqueStack();
    const { deadLetterQueueUrl } = await createJobQueues(emu.sqs, stack, 'photo-resize');
    await emu.sqs.send(
      new SendMessageCommand({
        QueueUrl: deadLetterQueueUrl,
        MessageBody: '{"photoId":"p1","width":99999}',
        MessageAttributes: {
          jobType: { DataType: 'String', StringValue: 'photo-resize' },
          jobqFailure: { DataType: 'String', StringValue: JSON.stringify(failure) },
        },
      }),
    );
    // 25 more, moved by SQS after maxReceiveCount: no failure context.
    for (let i = 0; i < 25; i++) await emu.sqs.send(new SendMessageCommand({ QueueUrl: deadLetterQueueUrl, MessageBody: `{"photoId":"p${i + 2}"}` }));

    const run = await jobq(['failed', 'photo-resize', '--limit', '30', '--json', '--endpoint', emu.endpoint, '--stack', stack]);
    expect(run.exitCode).toBe(0);
    const { total, jobs } = run.json<{ total: number; jobs: FailedJob[] }>();
    expect(total).toBe(26);
    expect(jobs).toHaveLength(26);
    expect(new Set(jobs.map((j) => j.messageId)).size).toBe(26);
    const withReason = jobs.find((j) => j.failure !== null);
    expect(withReason).toMatchObject({ failure, body: '{"photoId":"p1","width":99999}', redrives: 0, receiveCount: 0 });
    expect(jobs.filter((j) => j.failure === null)).toHaveLength(25);
    // Not consumed: all 26 are visible again straight away.
    expect(await queueCounts(emu.sqs, deadLetterQueueUrl)).toEqual({ visible: 26, inFlight: 0 });
  });

  test('prints a table with the reason and error for humans, limited to --limit jobs', async () => {
    const stack = uniqueStack();
    const { deadLetterQueueUrl } = await createJobQueues(emu.sqs, stack, 'photo-resize');
    for (let i = 0; i < 3; i++) {
      await emu.sqs.send(
        new SendMessageCommand({
          QueueUrl: deadLetterQueueUrl,
          MessageBody: `{"photoId":"p${i}"}`,
          MessageAttributes: { jobqFailure: { DataType: 'String', StringValue: JSON.stringify(failure) } },
        }),
      );
    }
    const run = await jobq(['failed', 'photo-resize', '--limit', '2', '--endpoint', emu.endpoint, '--stack', stack]);
    expect(run.exitCode).toBe(0);
    expect(run.stderr).toMatch(/^3 job\(s\) in the DLQ of 'photo-resize'; showing 2\. Nothing was consumed\./);
    const lines = run.stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^message id\s+sent at\s+receives\s+redrives\s+reason\s+error\s+body$/);
    expect(lines.slice(2)).toHaveLength(2);
    expect(lines[2]).toMatch(/schema-violation\s+JobSchemaError: width: Too big/);
    expect(await queueCounts(emu.sqs, deadLetterQueueUrl)).toEqual({ visible: 3, inFlight: 0 });
  });

  test('on a FIFO DLQ shows the first job of each message group, says why, and consumes nothing', async () => {
    const stack = uniqueStack();
    const { deadLetterQueueUrl } = await createJobQueues(emu.sqs, stack, 'invoice-sync', { fifo: true });
    for (const [i, group] of ['A', 'A', 'A', 'B'].entries()) {
      await emu.sqs.send(new SendMessageCommand({ QueueUrl: deadLetterQueueUrl, MessageBody: `{"i":${i}}`, MessageGroupId: group, MessageDeduplicationId: `d${i}` }));
    }
    const run = await jobq(['failed', 'invoice-sync', '--endpoint', emu.endpoint, '--stack', stack]);
    expect(run.exitCode).toBe(0);
    const rows = run.stdout.trim().split('\n').slice(2);
    expect(rows.map((r) => /\s(A|B)\s.*(\{"i":\d\})$/.exec(r)?.slice(1))).toEqual([
      ['A', '{"i":0}'],
      ['B', '{"i":3}'],
    ]);
    expect(run.stderr).toMatch(/4 job\(s\) in the DLQ of 'invoice-sync'; showing 2\.[\s\S]*FIFO: SQS hands out a group's next job only once the one before it is gone/);
    expect(await queueCounts(emu.sqs, deadLetterQueueUrl)).toEqual({ visible: 4, inFlight: 0 });
  });

  test('rejects a --limit that is not a whole number of at least 1 as a usage error', async () => {
    const run = await jobq(['failed', 'photo-resize', '--limit', '0', '--endpoint', emu.endpoint]);
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toMatch(/option '--limit <n>' argument '0' is invalid\. '0' is not a whole number of at least 1\./);
  });
});
