/** The native move-task path (AWS only; the emulator lacks it): the exact SDK command inputs. */
import { describe, expect, test } from 'vitest';
import { jobq } from '../helpers/cli.js';
import { queueArn, recordedClients, stackOutputs, type RecordedCall } from '../helpers/recorded-clients.js';

const STACK = 'Shop';

function aws(answer: (call: RecordedCall) => Record<string, unknown> | undefined) {
  return recordedClients((call) => {
    if (call.command === 'DescribeStacksCommand') return stackOutputs(STACK, [{ jobType: 'invoice-sync' }]);
    const response = answer(call);
    if (response === undefined) throw new Error(`unexpected ${call.command}`);
    return response;
  });
}

const sqsCalls = (calls: RecordedCall[]) => calls.filter((c) => c.service === 'sqs').map((c) => ({ command: c.command, input: c.input }));

describe('jobq redrive against AWS (native move task)', () => {
  test('starts a move task from the DLQ to its source queue at the given rate', async () => {
    const { clients, calls } = aws((c) => (c.command === 'StartMessageMoveTaskCommand' ? { TaskHandle: 'task-1' } : undefined));
    const run = await jobq(['redrive', 'invoice-sync', '--rate', '50', '--stack', STACK, '--json'], { clients });
    expect(run.exitCode).toBe(0);
    expect(sqsCalls(calls)).toEqual([
      {
        command: 'StartMessageMoveTaskCommand',
        input: { SourceArn: queueArn(STACK, 'invoice-sync', true), DestinationArn: queueArn(STACK, 'invoice-sync'), MaxNumberOfMessagesPerSecond: 50 },
      },
    ]);
    expect(run.json()).toEqual({ jobType: 'invoice-sync', taskHandle: 'task-1' });
  });

  test('leaves the rate to SQS when --rate is not given', async () => {
    const { clients, calls } = aws((c) => (c.command === 'StartMessageMoveTaskCommand' ? { TaskHandle: 'task-1' } : undefined));
    const run = await jobq(['redrive', 'invoice-sync', '--stack', STACK], { clients });
    expect(run.exitCode).toBe(0);
    expect(sqsCalls(calls)[0]?.input.MaxNumberOfMessagesPerSecond).toBeUndefined();
    expect(run.stdout).toMatch(/Follow it with `jobq redrive invoice-sync --status`/);
  });

  test('--status lists the DLQ\'s move tasks', async () => {
    const { clients, calls } = aws((c) =>
      c.command === 'ListMessageMoveTasksCommand'
        ? {
            Results: [
              { TaskHandle: 't2', Status: 'RUNNING', ApproximateNumberOfMessagesMoved: 40, ApproximateNumberOfMessagesToMove: 100, StartedTimestamp: 1764756000000, MaxNumberOfMessagesPerSecond: 50 },
              { Status: 'COMPLETED', ApproximateNumberOfMessagesMoved: 7, ApproximateNumberOfMessagesToMove: 7, StartedTimestamp: 1764750000000 },
            ],
          }
        : undefined,
    );
    const run = await jobq(['redrive', 'invoice-sync', '--status', '--stack', STACK], { clients });
    expect(run.exitCode).toBe(0);
    expect(sqsCalls(calls)).toEqual([{ command: 'ListMessageMoveTasksCommand', input: { SourceArn: queueArn(STACK, 'invoice-sync', true), MaxResults: 10 } }]);
    expect(run.stdout).toMatch(/RUNNING\s+40\s+100\s+2025-12-03T10:00:00\.000Z\s+50/);
    expect(run.stdout).toMatch(/COMPLETED\s+7\s+7/);
  });

  test('--cancel cancels the running task by its handle', async () => {
    const { clients, calls } = aws((c) => {
      if (c.command === 'ListMessageMoveTasksCommand') return { Results: [{ Status: 'COMPLETED' }, { TaskHandle: 'running-handle', Status: 'RUNNING' }] };
      if (c.command === 'CancelMessageMoveTaskCommand') return { ApproximateNumberOfMessagesMoved: 12 };
      return undefined;
    });
    const run = await jobq(['redrive', 'invoice-sync', '--cancel', '--stack', STACK], { clients });
    expect(run.exitCode).toBe(0);
    expect(sqsCalls(calls)[1]).toEqual({ command: 'CancelMessageMoveTaskCommand', input: { TaskHandle: 'running-handle' } });
    expect(run.stdout).toMatch(/^Cancelled the move task of 'invoice-sync' after 12 jobs\./);
  });

  test('--cancel with no running task says so with NO_RUNNING_MOVE_TASK and exit code 3', async () => {
    const { clients, calls } = aws((c) => (c.command === 'ListMessageMoveTasksCommand' ? { Results: [{ Status: 'COMPLETED' }] } : undefined));
    const run = await jobq(['redrive', 'invoice-sync', '--cancel', '--stack', STACK], { clients });
    expect(run.exitCode).toBe(3);
    expect(run.stderr).toMatch(/^jobq: NO_RUNNING_MOVE_TASK: No move task is running for the DLQ of 'invoice-sync'/);
    expect(calls.some((c) => c.command === 'CancelMessageMoveTaskCommand')).toBe(false);
  });

  test('a job type the stack does not have is named with the ones it has', async () => {
    const { clients, calls } = aws(() => undefined);
    const run = await jobq(['redrive', 'email-sending', '--stack', STACK], { clients });
    expect(run.exitCode).toBe(3);
    expect(run.stderr).toMatch(/JOB_TYPE_NOT_FOUND: Job type 'email-sending' was not found in stack 'Shop'; job types there: invoice-sync\./);
    expect(sqsCalls(calls)).toEqual([]);
  });
});
