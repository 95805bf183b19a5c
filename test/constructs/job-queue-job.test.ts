/** `JobQueue` declared from a job definition, and the exact grants the worker runtime needs. */
import { Duration, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import type * as iam from 'aws-cdk-lib/aws-iam';
import { describe, expect, test } from 'vitest';
import * as z from 'zod/mini';
import { JobQueuesStack } from '../../lib/app/job-queues-stack.js';
import { defineJob, JobQueue, type JobQueueProps } from '../../lib/index.js';
import { emailSending, photoResize } from '../../lib/jobs/index.js';
import { FIXTURE_WORKER, testApp, testStack } from '../helpers/app.js';

const ledger = defineJob({ name: 'ledger-entry', fifo: true, description: 'test', schema: z.object({ n: z.number() }) });
const base = { workerEntry: FIXTURE_WORKER, workerTimeout: Duration.seconds(10) };

describe('the job prop', () => {
  test('takes the job type name from the definition', () => {
    const stack = testStack('Shop');
    const jobQueue = new JobQueue(stack, 'Photos', { job: photoResize, ...base });
    expect(jobQueue.jobType).toBe('photo-resize');
    expect(jobQueue.job).toBe(photoResize);
    Template.fromStack(stack).hasResourceProperties('AWS::SQS::Queue', { QueueName: 'Shop-photo-resize' });
    Template.fromStack(stack).hasOutput('PhotoResizeQueueUrl', {});
  });

  test('makes both queues FIFO when the definition says so', () => {
    const stack = testStack('Shop');
    new JobQueue(stack, 'Ledger', { job: ledger, ...base });
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::SQS::Queue', { QueueName: 'Shop-ledger-entry.fifo', FifoQueue: true });
    template.hasResourceProperties('AWS::SQS::Queue', { QueueName: 'Shop-ledger-entry-dlq.fifo', FifoQueue: true });
  });

  test('accepts a jobType and fifo that agree with the definition', () => {
    const stack = testStack('Shop');
    expect(new JobQueue(stack, 'Ledger', { job: ledger, jobType: 'ledger-entry', fifo: true, ...base }).names.queueName).toBe('Shop-ledger-entry.fifo');
  });

  test('keeps working with a jobType string alone (default fifo false)', () => {
    const stack = testStack('Shop');
    const jobQueue = new JobQueue(stack, 'Mail', { jobType: 'email-sending', ...base });
    expect(jobQueue.job).toBeUndefined();
    expect(jobQueue.names.queueName).toBe('Shop-email-sending');
  });

  test.each<[string, Partial<JobQueueProps>, RegExp]>([
    ['neither job nor jobType', {}, /JobQueue '\(no job type\)' has 1 invalid prop:\n- job and jobType are both unset; set job to the job type's definition from the registry \(defineJob\), or jobType to its kebab-case name/],
    ['a jobType that disagrees', { job: photoResize, jobType: 'photo-resizing' }, /JobQueue 'photo-resize' has 1 invalid prop:\n- jobType \('photo-resizing'\) disagrees with job.name \('photo-resize'\); leave jobType unset/],
    ['fifo true on a standard job', { job: photoResize, fifo: true }, /- fifo \(true\) disagrees with job.fifo \(false\) of job 'photo-resize'; leave fifo unset/],
    ['fifo false on a FIFO job', { job: ledger, fifo: false }, /- fifo \(false\) disagrees with job.fifo \(true\) of job 'ledger-entry'/],
  ])('rejects %s with a clear message', (_name, props, message) => {
    expect(() => new JobQueue(testStack(), 'Jobs', { ...base, ...props } as JobQueueProps)).toThrow(message);
  });

  test('checks a hand-built definition name is kebab-case', () => {
    const handBuilt = { name: 'PhotoResize', fifo: false, description: 'x', schema: photoResize.schema };
    expect(() => new JobQueue(testStack(), 'Jobs', { job: handBuilt, ...base })).toThrow(/- job.name \('PhotoResize'\) must be kebab-case: .*; use 'photo-resize'/);
  });

  test('lists every problem at once', () => {
    expect(() => new JobQueue(testStack(), 'Jobs', { job: ledger, jobType: 'other', fifo: false, workerTimeout: Duration.seconds(10) })).toThrow(
      /JobQueue 'ledger-entry' has 3 invalid props:\n- jobType \('other'\) disagrees[^\n]*\n- fifo \(false\) disagrees[^\n]*\n- workerEntry and worker are both unset/,
    );
  });

  test('rejects a second queue for the same job definition in one stack', () => {
    const stack = testStack();
    new JobQueue(stack, 'A', { job: photoResize, ...base });
    expect(() => new JobQueue(stack, 'B', { jobType: 'photo-resize', ...base })).toThrow(/jobType \('photo-resize'\) is already used by another JobQueue in this stack/);
  });

  test('the seed stack declares every job type from its definition', () => {
    const stack = new JobQueuesStack(testApp(), 'Seed');
    for (const [name, jobQueue] of stack.jobQueues) expect(jobQueue.job?.name).toBe(name);
  });
});

describe('worker grants', () => {
  /** Each statement of the worker role's policy as [actions, resource logical id]. */
  function statementsOf(stack: Stack, jobQueue: JobQueue): Array<[string[], string]> {
    const role = jobQueue.worker.role as iam.Role;
    const policyId = stack.getLogicalId(role.node.findChild('DefaultPolicy').node.defaultChild as never);
    const policy = Template.fromStack(stack).toJSON().Resources[policyId];
    return policy.Properties.PolicyDocument.Statement.map((s: { Action: string | string[]; Resource: { 'Fn::GetAtt': [string, string] } }) => [
      [s.Action].flat().sort(),
      s.Resource['Fn::GetAtt'][0],
    ]);
  }

  test('each worker may consume and change visibility on its own queue and send to its own DLQ, nothing else (C15, C18)', () => {
    const stack = testStack();
    const photos = new JobQueue(stack, 'Photos', { job: photoResize, ...base });
    const mail = new JobQueue(stack, 'Mail', { job: emailSending, ...base });
    const id = (c: { node: { defaultChild?: unknown } }) => stack.getLogicalId(c.node.defaultChild as never);
    for (const [own, other] of [
      [photos, mail],
      [mail, photos],
    ] as const) {
      const statements = statementsOf(stack, own);
      expect(statements).toStrictEqual([
        [['sqs:ChangeMessageVisibility', 'sqs:DeleteMessage', 'sqs:GetQueueAttributes', 'sqs:GetQueueUrl', 'sqs:ReceiveMessage'], id(own.queue)],
        [['sqs:GetQueueAttributes', 'sqs:GetQueueUrl', 'sqs:SendMessage'], id(own.deadLetterQueue)],
      ]);
      const resources = statements.map(([, resource]) => resource);
      expect(resources).not.toContain(id(other.queue));
      expect(resources).not.toContain(id(other.deadLetterQueue));
    }
  });

  test('turns on partial batch responses on the mapping (C10)', () => {
    const stack = testStack();
    new JobQueue(stack, 'Photos', { job: photoResize, ...base, batchSize: 10 });
    Template.fromStack(stack).hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      BatchSize: 10,
      FunctionResponseTypes: ['ReportBatchItemFailures'],
    });
  });
});
