import { ReceiveMessageCommand, SendMessageCommand } from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { ListRow } from '../../lib/cli/list.js';
import { jobq } from '../helpers/cli.js';
import { createJobQueues, startEmulator, uniqueStack, type Emulator } from '../helpers/emulator.js';
import { recordedClients, stackOutputs } from '../helpers/recorded-clients.js';

let emu: Emulator;
beforeAll(async () => {
  emu = await startEmulator();
});
afterAll(async () => emu.close());

describe('jobq list against a local endpoint', () => {
  test('shows visible, in-flight and DLQ counts per job type, with the age of oldest as n/a', async () => {
    const stack = uniqueStack();
    const email = await createJobQueues(emu.sqs, stack, 'email-sending');
    await createJobQueues(emu.sqs, stack, 'photo-resize');
    for (let i = 0; i < 3; i++) await emu.sqs.send(new SendMessageCommand({ QueueUrl: email.queueUrl, MessageBody: `{"n":${i}}` }));
    await emu.sqs.send(new ReceiveMessageCommand({ QueueUrl: email.queueUrl, MaxNumberOfMessages: 1, VisibilityTimeout: 60 }));
    await emu.sqs.send(new SendMessageCommand({ QueueUrl: email.deadLetterQueueUrl, MessageBody: '{}' }));

    const run = await jobq(['list', '--endpoint', emu.endpoint, '--stack', stack, '--json']);
    expect(run.exitCode).toBe(0);
    expect(run.json<ListRow[]>()).toEqual([
      { jobType: 'email-sending', fifo: false, visible: 2, inFlight: 1, delayed: 0, ageOfOldestSeconds: null, deadLetterVisible: 1 },
      { jobType: 'photo-resize', fifo: false, visible: 0, inFlight: 0, delayed: 0, ageOfOldestSeconds: null, deadLetterVisible: 0 },
    ]);

    const human = await jobq(['list', '--endpoint', emu.endpoint, '--stack', stack]);
    expect(human.stdout).toMatch(/^job type\s+visible\s+in flight\s+delayed\s+age of oldest\s+DLQ/);
    expect(human.stdout).toMatch(/email-sending\s+2\s+1\s+0\s+n\/a\s+1/);
    expect(human.stderr).toMatch(/Age of oldest is n\/a locally/);
  });

  test('says no job queues were found, with exit code 3, when the prefix matches nothing', async () => {
    const run = await jobq(['list', '--endpoint', emu.endpoint, '--stack', uniqueStack()]);
    expect(run.exitCode).toBe(3);
    expect(run.stderr).toMatch(/^jobq: STACK_NOT_FOUND: No job queues named 'T[0-9a-f]+-<jobType>' with a '-dlq' partner on http:\/\/127\.0\.0\.1:\d+\. Start the local runtime/);
  });
});

describe('jobq list against AWS', () => {
  test('finds queues from the stack outputs and reads the age of oldest from CloudWatch', async () => {
    const { clients, calls } = recordedClients(({ command, input }) => {
      if (command === 'DescribeStacksCommand') return stackOutputs('Shop', [{ jobType: 'invoice-sync' }]);
      if (command === 'GetQueueAttributesCommand') {
        const dlq = String(input.QueueUrl).endsWith('-dlq');
        return { Attributes: { ApproximateNumberOfMessages: dlq ? '4' : '7', ApproximateNumberOfMessagesNotVisible: '2', ApproximateNumberOfMessagesDelayed: '0' } };
      }
      if (command === 'GetMetricDataCommand') return { MetricDataResults: [{ Id: 'age', Values: [421.6, 300] }] };
      throw new Error(`unexpected ${command}`);
    });
    const run = await jobq(['list', '--stack', 'Shop', '--json'], { clients });
    expect(run.exitCode).toBe(0);
    expect(run.json<ListRow[]>()).toEqual([
      { jobType: 'invoice-sync', fifo: false, visible: 7, inFlight: 2, delayed: 0, ageOfOldestSeconds: 422, deadLetterVisible: 4 },
    ]);
    expect(calls.find((c) => c.command === 'DescribeStacksCommand')?.input).toEqual({ StackName: 'Shop' });
    const metric = calls.find((c) => c.command === 'GetMetricDataCommand')?.input as { MetricDataQueries: unknown[] };
    expect(metric.MetricDataQueries).toEqual([
      {
        Id: 'age',
        MetricStat: {
          Metric: { Namespace: 'AWS/SQS', MetricName: 'ApproximateAgeOfOldestMessage', Dimensions: [{ Name: 'QueueName', Value: 'Shop-invoice-sync' }] },
          Period: 60,
          Stat: 'Maximum',
        },
      },
    ]);
  });

  test('still lists the counts, with the age of oldest as n/a, when CloudWatch is denied', async () => {
    const { clients } = recordedClients(({ command }) => {
      if (command === 'DescribeStacksCommand') return stackOutputs('Shop', [{ jobType: 'invoice-sync' }]);
      if (command === 'GetQueueAttributesCommand') return { Attributes: { ApproximateNumberOfMessages: '3' } };
      throw Object.assign(new Error('not authorized to perform: cloudwatch:GetMetricData'), { name: 'AccessDenied' });
    });
    const run = await jobq(['list', '--stack', 'Shop'], { clients });
    expect(run.exitCode).toBe(0);
    expect(run.stdout).toMatch(/invoice-sync\s+3\s+0\s+0\s+n\/a\s+3/);
    expect(run.stderr).toMatch(/Age of oldest is n\/a: CloudWatch GetMetricData failed \(AccessDenied: not authorized/);
  });

  test('says the stack does not exist, with exit code 3 and the fix, in JSON for scripts', async () => {
    const { clients } = recordedClients(() => {
      throw Object.assign(new Error('Stack with id Nope does not exist'), { name: 'ValidationError' });
    });
    const run = await jobq(['list', '--stack', 'Nope', '--json'], { clients });
    expect(run.exitCode).toBe(3);
    expect(JSON.parse(run.stderr)).toEqual({
      error: { code: 'STACK_NOT_FOUND', message: expect.stringMatching(/^Stack 'Nope' does not exist in this account and region\. Deploy it/) },
    });
  });

  test('reports other AWS failures as AWS_ERROR with exit code 1', async () => {
    const { clients } = recordedClients(() => {
      throw Object.assign(new Error('The security token included in the request is expired'), { name: 'ExpiredToken' });
    });
    const run = await jobq(['list'], { clients });
    expect(run.exitCode).toBe(1);
    expect(run.stderr).toMatch(/^jobq: AWS_ERROR: Reading stack 'CdkJobQueues' failed: ExpiredToken: The security token included in the request is expired\. Check your AWS credentials/);
  });
});
