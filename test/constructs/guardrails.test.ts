/**
 * The guardrails as a whole: one error listing every problem, warnings through annotations, partial
 * batch responses always on, the seed app free of warnings, and the real-world cases of CASES.md.
 */
import { Annotations as CoreAnnotations, CfnParameter, Duration } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import { describe, expect, test } from 'vitest';
import { JobQueueValidationError } from '../../lib/index.js';
import { buildSeedApp } from '../../lib/app/seed-app.js';
import { FIXTURE_WORKER, scratchDir, testStack } from '../helpers/app.js';
import { building, buildJobQueue, jobQueueWarnings, type TestProps } from '../helpers/job-queue.js';

function errorOf(props: TestProps): JobQueueValidationError {
  try {
    buildJobQueue(props);
  } catch (error) {
    if (error instanceof JobQueueValidationError) return error;
    throw error;
  }
  throw new Error('expected a JobQueueValidationError, but the props passed');
}

describe('one error for every problem', () => {
  test('lists several bad props in one error whose header names the job type and the count', () => {
    const error = errorOf({
      jobType: 'bad-job',
      workerTimeout: Duration.minutes(16),
      visibilityTimeout: Duration.seconds(10),
      batchSize: 100,
      maxConcurrency: 1001,
      maxReceiveCount: 0,
      deadLetterRetentionPeriod: Duration.days(15),
    });
    expect(error.message).toMatch(/^JobQueue 'bad-job' has 6 invalid props:\n- /);
    expect(error.problems).toHaveLength(6);
    for (const line of [
      /^- maxReceiveCount \(0\) must be an integer from 1 to 1,000/m,
      /^- workerTimeout \(960 seconds \(16 minutes\)\) must be from 1 second to 900 seconds/m,
      /^- visibilityTimeout \(10 seconds\) must be at least workerTimeout \(960 seconds \(16 minutes\)\)/m,
      /^- batchSize \(100\) above 10 needs a maxBatchingWindow/m,
      /^- maxConcurrency \(1,001\) must be an integer from 2 to 1000/m,
      /^- deadLetterRetentionPeriod \(1296000 seconds \(15 days\)\) must be from 60 seconds/m,
    ]) {
      expect(error.message).toMatch(line);
    }
    expect(error.jobType).toBe('bad-job');
  });

  test('says "1 invalid prop" for a single problem', () => {
    expect(building({ maxReceiveCount: 0 })).toThrow(/^JobQueue 'test-job' has 1 invalid prop:\n- maxReceiveCount \(0\)/);
  });

  test('checks every rule before creating any child construct', () => {
    const stack = testStack();
    expect(() => buildJobQueue({ maxReceiveCount: 0 }, stack)).toThrow(/invalid prop/);
    expect(stack.node.tryFindChild('Jobs')?.node.children.length ?? 0).toBe(0);
  });
});

describe('deploy-time tokens', () => {
  test('skip every rule whose input is a token, so nothing is rejected that only deploy can judge', () => {
    const stack = testStack();
    const num = (id: string) => new CfnParameter(stack, id, { type: 'Number' }).valueAsNumber;
    const str = (id: string) => new CfnParameter(stack, id, { type: 'String' }).valueAsString;
    expect(() =>
      buildJobQueue(
        {
          visibilityTimeout: Duration.seconds(num('Visibility')),
          batchSize: num('BatchSize'),
          maxConcurrency: num('MaxConcurrency'),
          reservedConcurrency: num('Reserved'),
          maxReceiveCount: num('Receives'),
          retentionPeriod: Duration.seconds(num('Retention')),
          deadLetterRetentionPeriod: Duration.seconds(num('DlqRetention')),
          maxMessageSizeBytes: num('MessageSize'),
          deliveryDelay: Duration.seconds(num('Delay')),
          queueName: str('QueueName'),
          deadLetterQueueName: str('DlqName'),
        },
        stack,
      ),
    ).not.toThrow();
    // The backlog alarm's threshold cannot be computed from deploy-time values: it is left out, with a warning.
    Annotations.fromStack(stack).hasWarning('*', Match.stringLikeRegexp('set oldestMessageAgeAlarmThreshold to have it'));
  });
});

describe('warnings', () => {
  test('can be acknowledged by their stable id', () => {
    const stack = testStack();
    const jobs = buildJobQueue({ visibilityTimeout: Duration.seconds(60) }, stack);
    CoreAnnotations.of(jobs).acknowledgeWarning('cdk-job-queues:visibility-timeout', 'short jobs, retries are cheap');
    expect(Annotations.fromStack(stack).findWarning('*', Match.anyValue())).toEqual([]);
  });
});

describe('partial batch responses', () => {
  test.each<[string, TestProps]>([
    ['the defaults', {}],
    ['a FIFO queue', { fifo: true }],
    ['a large batch with a window', { batchSize: 1000, maxBatchingWindow: Duration.seconds(5) }],
    ['a bundled worker with reserved concurrency', { workerEntry: FIXTURE_WORKER, reservedConcurrency: 5 }],
  ])('are always on in the mapping, with %s', (_, props) => {
    const stack = testStack();
    buildJobQueue(props, stack);
    Template.fromStack(stack).hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      FunctionResponseTypes: ['ReportBatchItemFailures'],
    });
  });

  test('have no prop to turn them off (C10, second input)', () => {
    // @ts-expect-error reportBatchItemFailures is not a JobQueue prop: partial batch responses cannot be turned off.
    const props: TestProps = { reportBatchItemFailures: false };
    const stack = testStack();
    buildJobQueue(props, stack);
    Template.fromStack(stack).hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      FunctionResponseTypes: ['ReportBatchItemFailures'],
    });
  });
});

describe('the seed app', () => {
  test('synthesizes with no warnings at all', () => {
    const { stack } = buildSeedApp({ outdir: scratchDir('seed-') });
    const warnings = Annotations.fromStack(stack).findWarning('*', Match.anyValue());
    expect(warnings.map((w) => w.entry.data)).toEqual([]);
  });
});

describe('real-world cases (CASES.md)', () => {
  test('C01: a 30 s visibility timeout under a 120 s worker timeout is a synth error naming both and the fix', () => {
    expect(building({ jobType: 'build-docs', workerTimeout: Duration.seconds(120), visibilityTimeout: Duration.seconds(30) })).toThrow(
      /^JobQueue 'build-docs' has 1 invalid prop:\n- visibilityTimeout \(30 seconds\) must be at least workerTimeout \(120 seconds \(2 minutes\)\).*or leave it unset to get that derived/,
    );
  });

  test('C01: the derived visibility timeout follows the effective worker timeout: 6 × 450 s = 2700 s', () => {
    const stack = testStack();
    const jobs = buildJobQueue({ jobType: 'send-email', workerTimeout: Duration.seconds(450) }, stack);
    expect(jobs.visibilityTimeout.toSeconds()).toBe(2700);
    Template.fromStack(stack).hasResourceProperties('AWS::SQS::Queue', { VisibilityTimeout: 2700, FifoQueue: Match.absent() });
  });

  test('C02: a FIFO queue with a standard DLQ is a synth error', () => {
    expect(building({ jobType: 'ledger-post', fifo: true, deadLetterQueueName: 'ledger-post-dlq' })).toThrow(
      /JobQueue 'ledger-post'.*\n- deadLetterQueueName \('ledger-post-dlq'\) names a standard queue but the source queue is FIFO: SQS requires the DLQ to be the same type as its source/,
    );
  });

  test('C02: a FIFO queue named ledger-post.fifo gets a FIFO DLQ with its own .fifo name', () => {
    const stack = testStack();
    const jobs = buildJobQueue({ jobType: 'ledger-post', fifo: true, queueName: 'ledger-post.fifo' }, stack);
    expect(jobs.names.deadLetterQueueName).toBe('ledger-post-dlq.fifo');
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::SQS::Queue', { QueueName: 'ledger-post.fifo', FifoQueue: true });
    template.hasResourceProperties('AWS::SQS::Queue', { QueueName: 'ledger-post-dlq.fifo', FifoQueue: true });
  });

  test.each<[TestProps, RegExp]>([
    [{ reservedConcurrency: 1, maxConcurrency: 1 }, /maxConcurrency \(1\) must be an integer from 2 to 1000; for one-at-a-time processing use a FIFO queue/],
    [{ maxConcurrency: 1001 }, /maxConcurrency \(1,001\) must be an integer from 2 to 1000; 1000 is the default quota/],
    [{ maxConcurrency: 2.5 }, /maxConcurrency \(2\.5\) must be an integer from 2 to 1000/],
  ])('C03: %o is a synth error naming the value and the range', (props, message) => {
    expect(building({ jobType: 'thumbnail', ...props })).toThrow(new RegExp(`JobQueue 'thumbnail'[\\s\\S]*${message.source}`));
  });

  test('C05: a batching window on a FIFO queue is a synth error', () => {
    expect(building({ jobType: 'ledger-post', fifo: true, maxBatchingWindow: Duration.seconds(5) })).toThrow(
      /JobQueue 'ledger-post' has 1 invalid prop:\n- maxBatchingWindow \(5 seconds\) only applies to standard queues.*leave it unset \(or 0\) on a FIFO queue/,
    );
  });

  test.each<[TestProps, RegExp]>([
    [{ jobType: 'metrics-ingest', batchSize: 100 }, /batchSize \(100\) above 10 needs a maxBatchingWindow of at least 1 second/],
    [{ jobType: 'ledger-post', fifo: true, batchSize: 20 }, /batchSize \(20\) must be at most 10 on a FIFO queue/],
    [{ jobType: 'metrics-ingest', batchSize: 100, maxBatchingWindow: Duration.seconds(301) }, /maxBatchingWindow \(301 seconds\) must be from 0 seconds to 300 seconds/],
  ])('C06: %o is a synth error', (props, message) => {
    expect(building(props)).toThrow(message);
  });

  test('C09: a 90 s visibility timeout under 6 × 60 s + 20 s warns with the recommended 380 s, and synth succeeds', () => {
    const warnings = jobQueueWarnings({
      jobType: 'pdf-render',
      workerTimeout: Duration.seconds(60),
      visibilityTimeout: Duration.seconds(90),
      maxBatchingWindow: Duration.seconds(20),
    });
    expect(warnings).toEqual([
      expect.stringMatching(/JobQueue 'pdf-render': visibilityTimeout \(90 seconds\) is below the recommended .* = 380 seconds.*\[ack: cdk-job-queues:visibility-timeout\]/),
    ]);
  });

  test('C09: left unset, the visibility timeout is 6 × 60 s + 20 s = 380 s and draws no warning', () => {
    const stack = testStack();
    buildJobQueue({ jobType: 'pdf-render', workerTimeout: Duration.seconds(60), maxBatchingWindow: Duration.seconds(20) }, stack);
    Template.fromStack(stack).hasResourceProperties('AWS::SQS::Queue', { VisibilityTimeout: 380 });
    expect(Annotations.fromStack(stack).findWarning('*', Match.anyValue())).toEqual([]);
  });

  test('C10: a batch size of 10 gets a mapping with ReportBatchItemFailures', () => {
    const stack = testStack();
    buildJobQueue({ jobType: 'webhook-deliver', batchSize: 10 }, stack);
    Template.fromStack(stack).hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      BatchSize: 10,
      FunctionResponseTypes: ['ReportBatchItemFailures'],
    });
  });
});
