import { Duration } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { describe, expect, test } from 'vitest';
import { FIXTURE_WORKER, testStack } from '../../helpers/app.js';
import { building, buildJobQueue, jobQueueWarnings, type TestProps } from '../../helpers/job-queue.js';

function mappingOf(props: TestProps) {
  const stack = testStack();
  buildJobQueue(props, stack);
  return Template.fromStack(stack);
}

describe('maxConcurrency range (integer 2 to 1000)', () => {
  test.each([2, 1000])('accepts %i', (maxConcurrency) => {
    expect(building({ maxConcurrency })).not.toThrow();
  });

  test('rejects 1 and points to a FIFO queue with one message group for one-at-a-time work', () => {
    expect(building({ maxConcurrency: 1 })).toThrow(
      /maxConcurrency \(1\) must be an integer from 2 to 1000; for one-at-a-time processing use a FIFO queue \(fifo: true\) whose producers send every job with the same message group id/,
    );
  });

  test.each([
    [1001, /maxConcurrency \(1,001\) must be an integer from 2 to 1000; 1000 is the default quota/],
    [2.5, /maxConcurrency \(2\.5\) must be an integer from 2 to 1000/],
    [0, /maxConcurrency \(0\) must be an integer from 2 to 1000/],
  ])('rejects %s', (maxConcurrency, message) => {
    expect(building({ maxConcurrency })).toThrow(message);
  });
});

describe('reservedConcurrency and maxConcurrency', () => {
  test('leaves reserved concurrency unset by default and caps the mapping at 10', () => {
    const stack = testStack();
    buildJobQueue({ workerEntry: FIXTURE_WORKER }, stack);
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::Lambda::Function', { ReservedConcurrentExecutions: Match.absent() });
    template.hasResourceProperties('AWS::Lambda::EventSourceMapping', { ScalingConfig: { MaximumConcurrency: 10 } });
  });

  test.each([
    [2, 2],
    [5, 5],
    [1000, 1000],
    [1500, 1000],
  ])('derives maxConcurrency from a reserved concurrency of %i as %i', (reservedConcurrency, derived) => {
    mappingOf({ reservedConcurrency }).hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      ScalingConfig: { MaximumConcurrency: derived },
    });
  });

  test('sets the reserved concurrency on a bundled worker', () => {
    const stack = testStack();
    buildJobQueue({ workerEntry: FIXTURE_WORKER, reservedConcurrency: 4 }, stack);
    Template.fromStack(stack).hasResourceProperties('AWS::Lambda::Function', { ReservedConcurrentExecutions: 4 });
  });

  test.each([
    [4, 4],
    [3, 4],
    [2, 4],
  ])('accepts maxConcurrency %i with reservedConcurrency %i', (maxConcurrency, reservedConcurrency) => {
    expect(building({ maxConcurrency, reservedConcurrency })).not.toThrow();
  });

  test.each([
    [5, 4],
    [50, 10],
  ])('rejects maxConcurrency %i above reservedConcurrency %i', (maxConcurrency, reservedConcurrency) => {
    expect(building({ maxConcurrency, reservedConcurrency })).toThrow(
      new RegExp(
        `maxConcurrency \\(${maxConcurrency}\\) must be at most reservedConcurrency \\(${reservedConcurrency}\\): .*throttled receives push valid jobs into the DLQ; lower maxConcurrency to ${reservedConcurrency} or less, or leave it unset`,
      ),
    );
  });

  test.each([
    [0, /reservedConcurrency \(0\) must be an integer of at least 2: it would throttle every receive/],
    [1, /reservedConcurrency \(1\) must be an integer of at least 2: the event source mapping always runs at least 2 invocations.*one-at-a-time processing use a FIFO queue/],
    [2.5, /reservedConcurrency \(2\.5\) must be an integer of at least 2: Lambda takes whole invocations/],
  ])('rejects a reserved concurrency of %s', (reservedConcurrency, message) => {
    expect(building({ reservedConcurrency })).toThrow(message);
  });
});

describe('maxReceiveCount under throttling', () => {
  test.each([
    [4, 3, 1],
    [4, 4, 1],
    [4, 5, 0],
    [undefined, 1, 0],
  ])('with reservedConcurrency %s, maxReceiveCount %i gives %i throttling warnings', (reservedConcurrency, maxReceiveCount, count) => {
    const warnings = jobQueueWarnings({ reservedConcurrency, maxReceiveCount });
    const throttling = warnings.filter((w) => w.includes('[ack: cdk-job-queues:receive-count-throttling]'));
    expect(throttling).toHaveLength(count);
    if (count > 0) expect(throttling[0]).toMatch(/maxReceiveCount \(\d\) is below 5 while reservedConcurrency \(4\) caps the worker/);
  });

  test('never warns with the defaults, even when reserved concurrency is set', () => {
    expect(jobQueueWarnings({ reservedConcurrency: 20, workerTimeout: Duration.seconds(10) })).toEqual([]);
  });
});
