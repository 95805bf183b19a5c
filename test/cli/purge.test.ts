import { SendMessageCommand } from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { jobq } from '../helpers/cli.js';
import { createJobQueues, queueCounts, startEmulator, uniqueStack, type Emulator, type QueuePair } from '../helpers/emulator.js';

let emu: Emulator;
beforeAll(async () => {
  emu = await startEmulator();
});
afterAll(async () => emu.close());

/** A job type with 3 jobs on its queue and 2 in its DLQ. */
async function filled(): Promise<{ stack: string; queues: QueuePair }> {
  const stack = uniqueStack();
  const queues = await createJobQueues(emu.sqs, stack, 'email-sending');
  for (let i = 0; i < 3; i++) await emu.sqs.send(new SendMessageCommand({ QueueUrl: queues.queueUrl, MessageBody: '{}' }));
  for (let i = 0; i < 2; i++) await emu.sqs.send(new SendMessageCommand({ QueueUrl: queues.deadLetterQueueUrl, MessageBody: '{}' }));
  return { stack, queues };
}

describe('jobq purge', () => {
  test('purges the source queue after the user agrees, leaving the DLQ alone', async () => {
    const { stack, queues } = await filled();
    const run = await jobq(['purge', 'email-sending', '--endpoint', emu.endpoint, '--stack', stack], { answers: [true] });
    expect(run.exitCode).toBe(0);
    expect(run.questions).toEqual(["Delete all 3 visible job(s) (and any in flight) on the queue of 'email-sending'? This cannot be undone."]);
    expect(await queueCounts(emu.sqs, queues.queueUrl)).toEqual({ visible: 0, inFlight: 0 });
    expect(await queueCounts(emu.sqs, queues.deadLetterQueueUrl)).toEqual({ visible: 2, inFlight: 0 });
  });

  test('--dlq --yes purges only the DLQ without asking', async () => {
    const { stack, queues } = await filled();
    const run = await jobq(['purge', 'email-sending', '--dlq', '--yes', '--endpoint', emu.endpoint, '--stack', stack], { answers: [] });
    expect(run.exitCode).toBe(0);
    expect(run.questions).toEqual([]);
    expect(run.stdout).toBe("Purged the DLQ of 'email-sending'.\n");
    expect(await queueCounts(emu.sqs, queues.deadLetterQueueUrl)).toEqual({ visible: 0, inFlight: 0 });
    expect(await queueCounts(emu.sqs, queues.queueUrl)).toEqual({ visible: 3, inFlight: 0 });
  });

  test('purges nothing when the user declines (ABORTED, exit code 5)', async () => {
    const { stack, queues } = await filled();
    const run = await jobq(['purge', 'email-sending', '--endpoint', emu.endpoint, '--stack', stack], { answers: [false] });
    expect(run.exitCode).toBe(5);
    expect(run.stderr).toMatch(/^jobq: ABORTED: Nothing was purged from the queue of 'email-sending'\./);
    expect(await queueCounts(emu.sqs, queues.queueUrl)).toEqual({ visible: 3, inFlight: 0 });
  });

  test('without a terminal to ask and without --yes it purges nothing (CONFIRMATION_REQUIRED, exit code 5)', async () => {
    const { stack, queues } = await filled();
    const run = await jobq(['purge', 'email-sending', '--json', '--endpoint', emu.endpoint, '--stack', stack]);
    expect(run.exitCode).toBe(5);
    expect(JSON.parse(run.stderr)).toEqual({ error: { code: 'CONFIRMATION_REQUIRED', message: expect.stringMatching(/pass --yes to confirm/) } });
    expect(await queueCounts(emu.sqs, queues.queueUrl)).toEqual({ visible: 3, inFlight: 0 });
  });
});
