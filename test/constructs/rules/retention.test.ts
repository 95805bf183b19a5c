import { Duration } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { describe, expect, test } from 'vitest';
import { testStack } from '../../helpers/app.js';
import { building, buildJobQueue, jobQueueWarnings } from '../../helpers/job-queue.js';

const DAY = 86_400;

describe('retention ranges (60 s to 14 days, whole seconds)', () => {
  test.each([
    ['retentionPeriod', 60 * 60],
    ['retentionPeriod', 14 * DAY],
    ['deadLetterRetentionPeriod', 60],
    ['deadLetterRetentionPeriod', 14 * DAY],
  ] as const)('accepts a %s of %i s', (prop, seconds) => {
    // A short source retention needs short receives: 1 × 30 s visibility.
    expect(building({ [prop]: Duration.seconds(seconds), visibilityTimeout: Duration.seconds(30), maxReceiveCount: 1, fifo: true })).not.toThrow();
  });

  test.each([
    ['retentionPeriod', 59, /retentionPeriod \(59 seconds\) must be from 60 seconds \(1 minute\) to 1209600 seconds \(14 days\)/],
    ['retentionPeriod', 14 * DAY + 1, /retentionPeriod \(1209601 seconds\) must be from 60 seconds \(1 minute\) to 1209600 seconds \(14 days\)/],
    ['deadLetterRetentionPeriod', 59, /deadLetterRetentionPeriod \(59 seconds\) must be from 60 seconds \(1 minute\) to 1209600 seconds \(14 days\)/],
    ['deadLetterRetentionPeriod', 14 * DAY + 1, /deadLetterRetentionPeriod \(1209601 seconds\) must be from .*; leave it unset to keep failed jobs the full 14 days/],
  ] as const)('rejects a %s of %i s', (prop, seconds, message) => {
    expect(building({ [prop]: Duration.seconds(seconds) })).toThrow(message);
  });

  test('defaults to 4 days on the queue and 14 days on the DLQ', () => {
    const stack = testStack();
    const jobs = buildJobQueue({}, stack);
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::SQS::Queue', { MessageRetentionPeriod: 4 * DAY, VisibilityTimeout: 180 });
    const dlqId = stack.getLogicalId(jobs.deadLetterQueue.node.defaultChild as never);
    expect(template.toJSON().Resources[dlqId].Properties.MessageRetentionPeriod).toBe(14 * DAY);
  });
});

describe('retention against the receives a failing job needs', () => {
  // 5 receives × 180 s visibility = 900 s before SQS can move a failing job to the DLQ.
  test.each([
    [899, true],
    [900, true],
    [901, false],
  ])('a retention of %i s against 900 s of receives fails: %s', (seconds, fails) => {
    const make = building({ retentionPeriod: Duration.seconds(seconds), deadLetterRetentionPeriod: Duration.days(14) });
    if (fails) {
      expect(make).toThrow(
        /retentionPeriod \(\d+ seconds.*\) must be longer than deliveryDelay \+ maxReceiveCount × visibilityTimeout \(0 seconds \+ 5 × 180 seconds \(3 minutes\) = 900 seconds \(15 minutes\)\): a job that keeps failing would expire from the queue before SQS can move it to the DLQ/,
      );
    } else {
      expect(make).not.toThrow();
    }
  });

  test('counts the delivery delay too', () => {
    expect(building({ retentionPeriod: Duration.seconds(1000), deliveryDelay: Duration.seconds(100) })).toThrow(
      /100 seconds \+ 5 × 180 seconds \(3 minutes\) = 1000 seconds/,
    );
  });
});

describe('DLQ retention on a standard queue (the DLQ keeps the original enqueue time)', () => {
  test.each([
    [Duration.days(4), Duration.days(3), true],
    [Duration.days(4), Duration.seconds(4 * DAY - 1), true],
    [Duration.days(4), Duration.days(4), false],
    [Duration.days(4), Duration.days(5), false],
  ])('retention %s with DLQ retention %s fails: %s', (retentionPeriod, deadLetterRetentionPeriod, fails) => {
    const make = building({ retentionPeriod, deadLetterRetentionPeriod });
    if (fails) {
      expect(make).toThrow(
        /deadLetterRetentionPeriod \(\d+ seconds.*\) must be at least retentionPeriod \(345600 seconds \(4 days\)\) on a standard queue: SQS keeps a job's original enqueue time when it moves to the DLQ/,
      );
    } else {
      expect(make).not.toThrow();
    }
  });

  test.each([
    [Duration.days(4), Duration.days(7), 0],
    [Duration.days(4), Duration.seconds(7 * DAY - 1), 1],
    [Duration.days(4), Duration.days(4), 1],
    [Duration.days(14), undefined, 1],
  ])('retention %s with DLQ retention %s gives %i inspection-window warnings', (retentionPeriod, deadLetterRetentionPeriod, count) => {
    const warnings = jobQueueWarnings({ retentionPeriod, deadLetterRetentionPeriod });
    const retention = warnings.filter((w) => w.includes('[ack: cdk-job-queues:dead-letter-retention]'));
    expect(retention).toHaveLength(count);
    if (count > 0) {
      expect(retention[0]).toMatch(/on a standard queue the DLQ counts from the job's original enqueue time.*less than the 259200 seconds \(3 days\)/);
    }
  });
});

describe('DLQ retention on a FIFO queue (the clock restarts in the DLQ)', () => {
  test('accepts a DLQ retention shorter than the queue retention, which a standard queue rejects', () => {
    const props = { retentionPeriod: Duration.days(10), deadLetterRetentionPeriod: Duration.days(4) };
    expect(building({ ...props, fifo: true })).not.toThrow();
    expect(building(props)).toThrow(/deadLetterRetentionPeriod \(345600 seconds \(4 days\)\) must be at least retentionPeriod/);
  });

  test.each([
    [Duration.days(3), 0],
    [Duration.seconds(3 * DAY - 1), 1],
    [Duration.hours(1), 1],
  ])('a FIFO DLQ retention of %s gives %i inspection-window warnings', (deadLetterRetentionPeriod, count) => {
    const warnings = jobQueueWarnings({ fifo: true, deadLetterRetentionPeriod });
    const retention = warnings.filter((w) => w.includes('[ack: cdk-job-queues:dead-letter-retention]'));
    expect(retention).toHaveLength(count);
    if (count > 0) expect(retention[0]).toMatch(/deadLetterRetentionPeriod \(\d+ seconds.*\) keeps a failed job only/);
  });
});
