import { Duration, Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { describe, expect, test } from 'vitest';
import {
  DEFAULT_BATCH_SIZE,
  DEFAULT_DEAD_LETTER_RETENTION_PERIOD,
  DEFAULT_MAX_CONCURRENCY,
  DEFAULT_MAX_RECEIVE_COUNT,
  DEFAULT_RETENTION_PERIOD,
  DEFAULT_WORKER_MEMORY_SIZE,
  deriveVisibilityTimeout,
  JobQueue,
  type JobQueueProps,
} from '../../lib/index.js';
import { FIXTURE_WORKER, testStack } from '../helpers/app.js';

function jobQueue(overrides: Partial<JobQueueProps> = {}, stack: Stack = testStack()) {
  const queue = new JobQueue(stack, 'Jobs', {
    jobType: 'email-sending',
    workerEntry: FIXTURE_WORKER,
    workerTimeout: Duration.seconds(10),
    ...overrides,
  });
  return { stack, queue, template: Template.fromStack(stack) };
}

function sourceQueue(template: Template, stack: Stack, queue: JobQueue) {
  return template.toJSON().Resources[stack.getLogicalId(queue.queue.node.defaultChild as never)];
}

describe('resources per job type', () => {
  test('creates exactly one queue, one DLQ, one worker and one mapping', () => {
    const { template } = jobQueue();
    template.resourceCountIs('AWS::SQS::Queue', 2);
    template.resourceCountIs('AWS::Lambda::Function', 1);
    template.resourceCountIs('AWS::Lambda::EventSourceMapping', 1);
  });

  test('bundles the worker for Node.js 24 on arm64 with the handler export', () => {
    const { template } = jobQueue();
    template.hasResourceProperties('AWS::Lambda::Function', {
      Runtime: 'nodejs24.x',
      Architectures: ['arm64'],
      Handler: 'index.handler',
      Timeout: 10,
    });
  });

  test('names the queue, DLQ and worker after the stack and the job type', () => {
    const { template } = jobQueue({}, testStack('Shop'));
    template.hasResourceProperties('AWS::SQS::Queue', { QueueName: 'Shop-email-sending' });
    template.hasResourceProperties('AWS::SQS::Queue', { QueueName: 'Shop-email-sending-dlq' });
    template.hasResourceProperties('AWS::Lambda::Function', { FunctionName: 'Shop-email-sending-worker' });
  });

  test('tells the worker its job type, queue and DLQ through the environment', () => {
    const { stack, queue, template } = jobQueue();
    template.hasResourceProperties('AWS::Lambda::Function', {
      Environment: {
        Variables: {
          JOBQ_JOB_TYPE: 'email-sending',
          JOBQ_QUEUE_URL: { Ref: stack.getLogicalId(queue.queue.node.defaultChild as never) },
          JOBQ_DLQ_URL: { Ref: stack.getLogicalId(queue.deadLetterQueue.node.defaultChild as never) },
        },
      },
    });
  });
});

describe('visibility timeout', () => {
  test.each([
    ['10 s timeout, no window', Duration.seconds(10), undefined, 60],
    ['10 s timeout, 5 s window', Duration.seconds(10), Duration.seconds(5), 65],
    ['10 min timeout', Duration.minutes(10), undefined, 3600],
    ['15 min timeout, 300 s window', Duration.minutes(15), Duration.seconds(300), 5700],
  ])('is derived as 6 × workerTimeout + maxBatchingWindow (%s)', (_title, workerTimeout, maxBatchingWindow, expected) => {
    const { template, queue } = jobQueue({ workerTimeout, maxBatchingWindow });
    template.hasResourceProperties('AWS::SQS::Queue', { QueueName: Match.stringLikeRegexp('email-sending$'), VisibilityTimeout: expected });
    expect(queue.visibilityTimeout.toSeconds()).toBe(expected);
  });

  test('the derivation caps at 12 hours (the SQS maximum)', () => {
    // Unreachable through JobQueue, whose worker timeout is at most 15 minutes; the cap guards the formula.
    expect(deriveVisibilityTimeout(Duration.hours(3)).toSeconds()).toBe(43200);
    expect(deriveVisibilityTimeout(Duration.hours(1), Duration.hours(6)).toSeconds()).toBe(43200);
  });

  test('uses the existing worker timeout passed as workerTimeout', () => {
    const stack = testStack();
    const { template } = jobQueue({ workerEntry: undefined, worker: importedWorker(stack), workerTimeout: Duration.minutes(15) }, stack);
    template.hasResourceProperties('AWS::SQS::Queue', { QueueName: Match.stringLikeRegexp('email-sending$'), VisibilityTimeout: 5400 });
  });

  test('uses an explicit visibilityTimeout as given', () => {
    const { template } = jobQueue({ visibilityTimeout: Duration.minutes(5) });
    template.hasResourceProperties('AWS::SQS::Queue', { QueueName: Match.stringLikeRegexp('email-sending$'), VisibilityTimeout: 300 });
  });
});

describe('defaults', () => {
  test('maxReceiveCount defaults to 5 in the redrive policy to the DLQ', () => {
    const { stack, queue, template } = jobQueue();
    expect(DEFAULT_MAX_RECEIVE_COUNT).toBe(5);
    expect(sourceQueue(template, stack, queue).Properties.RedrivePolicy).toEqual({
      deadLetterTargetArn: { 'Fn::GetAtt': [stack.getLogicalId(queue.deadLetterQueue.node.defaultChild as never), 'Arn'] },
      maxReceiveCount: 5,
    });
  });

  test('batchSize defaults to 10 with no batching window', () => {
    const { template } = jobQueue();
    expect(DEFAULT_BATCH_SIZE).toBe(10);
    template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      BatchSize: 10,
      MaximumBatchingWindowInSeconds: Match.absent(),
    });
  });

  test('maxConcurrency defaults to 10: no worker pool is unbounded', () => {
    const { template } = jobQueue();
    expect(DEFAULT_MAX_CONCURRENCY).toBe(10);
    template.hasResourceProperties('AWS::Lambda::EventSourceMapping', { ScalingConfig: { MaximumConcurrency: 10 } });
  });

  test('retentionPeriod defaults to 4 days and deadLetterRetentionPeriod to 14 days', () => {
    const { template } = jobQueue();
    expect(DEFAULT_RETENTION_PERIOD.toDays()).toBe(4);
    expect(DEFAULT_DEAD_LETTER_RETENTION_PERIOD.toDays()).toBe(14);
    template.hasResourceProperties('AWS::SQS::Queue', { QueueName: Match.stringLikeRegexp('email-sending$'), MessageRetentionPeriod: 345600 });
    template.hasResourceProperties('AWS::SQS::Queue', { QueueName: Match.stringLikeRegexp('-dlq$'), MessageRetentionPeriod: 1209600 });
  });

  test('workerMemorySize defaults to 128 MB', () => {
    const { template } = jobQueue();
    expect(DEFAULT_WORKER_MEMORY_SIZE).toBe(128);
    template.hasResourceProperties('AWS::Lambda::Function', { MemorySize: 128 });
  });

  test('reservedConcurrency is not set unless given', () => {
    const { template } = jobQueue();
    template.hasResourceProperties('AWS::Lambda::Function', { ReservedConcurrentExecutions: Match.absent() });
  });

  test('fifo defaults to false: standard queues with plain names', () => {
    const { template } = jobQueue();
    template.allResourcesProperties('AWS::SQS::Queue', { FifoQueue: Match.absent(), QueueName: Match.not(Match.stringLikeRegexp('fifo')) });
  });
});

describe('tuning props', () => {
  test('passes every tuning prop through to the queue, mapping and function', () => {
    const { template } = jobQueue({
      workerMemorySize: 1024,
      maxReceiveCount: 3,
      batchSize: 5,
      maxBatchingWindow: Duration.seconds(2),
      maxConcurrency: 4,
      reservedConcurrency: 8,
      retentionPeriod: Duration.days(2),
      deadLetterRetentionPeriod: Duration.days(7),
    });
    template.hasResourceProperties('AWS::Lambda::Function', { MemorySize: 1024, ReservedConcurrentExecutions: 8 });
    template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      BatchSize: 5,
      MaximumBatchingWindowInSeconds: 2,
      ScalingConfig: { MaximumConcurrency: 4 },
    });
    template.hasResourceProperties('AWS::SQS::Queue', {
      QueueName: Match.stringLikeRegexp('email-sending$'),
      MessageRetentionPeriod: 172800,
      RedrivePolicy: Match.objectLike({ maxReceiveCount: 3 }),
    });
    template.hasResourceProperties('AWS::SQS::Queue', { QueueName: Match.stringLikeRegexp('-dlq$'), MessageRetentionPeriod: 604800 });
  });

  test('fifo makes both queues FIFO with .fifo names that differ', () => {
    const { template } = jobQueue({ fifo: true }, testStack('Ledger'));
    template.hasResourceProperties('AWS::SQS::Queue', { QueueName: 'Ledger-email-sending.fifo', FifoQueue: true, ContentBasedDeduplication: true });
    template.hasResourceProperties('AWS::SQS::Queue', { QueueName: 'Ledger-email-sending-dlq.fifo', FifoQueue: true });
  });
});

describe('always-on settings', () => {
  test('the mapping always reports batch item failures', () => {
    const { template } = jobQueue();
    template.hasResourceProperties('AWS::Lambda::EventSourceMapping', { FunctionResponseTypes: ['ReportBatchItemFailures'] });
  });

  test('both queues use SSE-SQS encryption', () => {
    const { template } = jobQueue();
    template.allResourcesProperties('AWS::SQS::Queue', { SqsManagedSseEnabled: true });
  });

  test('both queues deny every request that does not use SSL', () => {
    const { stack, queue, template } = jobQueue();
    for (const q of [queue.queue, queue.deadLetterQueue]) {
      template.hasResourceProperties('AWS::SQS::QueuePolicy', {
        Queues: [{ Ref: stack.getLogicalId(q.node.defaultChild as never) }],
        PolicyDocument: {
          Statement: Match.arrayWith([
            Match.objectLike({
              Effect: 'Deny',
              Action: 'sqs:*',
              Principal: { AWS: '*' },
              Condition: { Bool: { 'aws:SecureTransport': 'false' } },
            }),
          ]),
        },
      });
    }
  });

  test('the DLQ admits redrives from its own source queue only, named without a cycle', () => {
    const { template } = jobQueue({}, testStack('Shop'));
    template.hasResourceProperties('AWS::SQS::Queue', {
      QueueName: 'Shop-email-sending-dlq',
      RedriveAllowPolicy: {
        redrivePermission: 'byQueue',
        sourceQueueArns: [
          {
            'Fn::Join': [
              '',
              ['arn:', { Ref: 'AWS::Partition' }, ':sqs:', { Ref: 'AWS::Region' }, ':', { Ref: 'AWS::AccountId' }, ':Shop-email-sending'],
            ],
          },
        ],
      },
    });
  });
});

describe('worker permissions', () => {
  test('the worker may consume its own queue and send to its own DLQ, nothing else', () => {
    const { stack, queue, template } = jobQueue();
    const role = (queue.worker as lambda.Function).role!;
    const policies = template.findResources('AWS::IAM::Policy', {
      Properties: { Roles: [{ Ref: stack.getLogicalId(role.node.defaultChild as never) }] },
    });
    const statements = Object.values(policies).flatMap((p) => p.Properties.PolicyDocument.Statement);
    expect(statements).toEqual([
      {
        Effect: 'Allow',
        Action: ['sqs:ChangeMessageVisibility', 'sqs:DeleteMessage', 'sqs:GetQueueAttributes', 'sqs:GetQueueUrl', 'sqs:ReceiveMessage'],
        Resource: { 'Fn::GetAtt': [stack.getLogicalId(queue.queue.node.defaultChild as never), 'Arn'] },
      },
      {
        Effect: 'Allow',
        Action: ['sqs:GetQueueAttributes', 'sqs:GetQueueUrl', 'sqs:SendMessage'],
        Resource: { 'Fn::GetAtt': [stack.getLogicalId(queue.deadLetterQueue.node.defaultChild as never), 'Arn'] },
      },
    ]);
  });

  test('an existing worker function gets the mapping and the same grants on its role', () => {
    const stack = testStack();
    const role = new iam.Role(stack, 'OwnRole', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
    const worker = lambda.Function.fromFunctionAttributes(stack, 'Existing', {
      functionArn: 'arn:aws:lambda:us-east-1:111111111111:function:own-worker',
      role,
    });
    const { template, queue } = jobQueue({ workerEntry: undefined, worker, workerTimeout: Duration.seconds(20) }, stack);
    expect(queue.worker).toBe(worker);
    template.resourceCountIs('AWS::Lambda::Function', 0);
    template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      FunctionName: 'own-worker',
      FunctionResponseTypes: ['ReportBatchItemFailures'],
    });
    template.hasResourceProperties('AWS::SQS::Queue', { QueueName: Match.stringLikeRegexp('email-sending$'), VisibilityTimeout: 120 });
    template.hasResourceProperties('AWS::IAM::Policy', {
      Roles: [{ Ref: stack.getLogicalId(role.node.defaultChild as never) }],
      PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Action: Match.arrayWith(['sqs:ReceiveMessage']) })]) },
    });
  });

  test('an existing worker imported without its role gets the mapping and a warning to grant access itself', () => {
    const stack = testStack();
    const worker = lambda.Function.fromFunctionArn(stack, 'ByArn', 'arn:aws:lambda:us-east-1:111111111111:function:by-arn');
    const { template } = jobQueue({ workerEntry: undefined, worker, workerTimeout: Duration.seconds(20) }, stack);
    template.resourceCountIs('AWS::IAM::Policy', 0);
    template.hasResourceProperties('AWS::Lambda::EventSourceMapping', { FunctionName: 'by-arn' });
    Annotations.fromStack(stack).hasWarning(
      '/TestStack/Jobs',
      Match.stringLikeRegexp("JobQueue 'email-sending': the worker was imported without its role.*fromFunctionAttributes"),
    );
  });
});

function importedWorker(stack: Stack): lambda.IFunction {
  const role = new iam.Role(stack, 'ImportedRole', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
  return lambda.Function.fromFunctionAttributes(stack, 'Imported', { functionArn: 'arn:aws:lambda:us-east-1:111111111111:function:long', role });
}

describe('grantSend', () => {
  test('gives one producer send on this job type queue only', () => {
    const stack = testStack();
    const emails = new JobQueue(stack, 'Emails', { jobType: 'email-sending', workerEntry: FIXTURE_WORKER, workerTimeout: Duration.seconds(10) });
    new JobQueue(stack, 'Photos', { jobType: 'photo-resize', workerEntry: FIXTURE_WORKER, workerTimeout: Duration.seconds(10) });
    const producer = new iam.Role(stack, 'Producer', { assumedBy: new iam.AccountRootPrincipal() });
    emails.grantSend(producer);
    const template = Template.fromStack(stack);
    const policies = template.findResources('AWS::IAM::Policy', {
      Properties: { Roles: [{ Ref: stack.getLogicalId(producer.node.defaultChild as never) }] },
    });
    expect(Object.values(policies).flatMap((p) => p.Properties.PolicyDocument.Statement)).toEqual([
      {
        Effect: 'Allow',
        Action: ['sqs:GetQueueAttributes', 'sqs:GetQueueUrl', 'sqs:SendMessage'],
        Resource: { 'Fn::GetAtt': [stack.getLogicalId(emails.queue.node.defaultChild as never), 'Arn'] },
      },
    ]);
  });

  test('sets the queue URL variable on a Lambda producer', () => {
    const stack = testStack();
    const emails = new JobQueue(stack, 'Emails', { jobType: 'email-sending', workerEntry: FIXTURE_WORKER, workerTimeout: Duration.seconds(10) });
    const producer = new lambda.Function(stack, 'Api', {
      runtime: lambda.Runtime.NODEJS_24_X,
      handler: 'index.handler',
      code: lambda.Code.fromInline('exports.handler = async () => {}'),
    });
    emails.grantSend(producer);
    Template.fromStack(stack).hasResourceProperties('AWS::Lambda::Function', {
      Environment: { Variables: { JOBQ_QUEUE_URL_EMAIL_SENDING: { Ref: stack.getLogicalId(emails.queue.node.defaultChild as never) } } },
    });
  });
});

describe('stack outputs', () => {
  test('exports queue and DLQ URL and ARN under stable ids', () => {
    const { stack, queue, template } = jobQueue();
    const q = stack.getLogicalId(queue.queue.node.defaultChild as never);
    const dlq = stack.getLogicalId(queue.deadLetterQueue.node.defaultChild as never);
    template.hasOutput('EmailSendingQueueUrl', { Value: { Ref: q } });
    template.hasOutput('EmailSendingQueueArn', { Value: { 'Fn::GetAtt': [q, 'Arn'] } });
    template.hasOutput('EmailSendingDeadLetterQueueUrl', { Value: { Ref: dlq } });
    template.hasOutput('EmailSendingDeadLetterQueueArn', { Value: { 'Fn::GetAtt': [dlq, 'Arn'] } });
  });
});
