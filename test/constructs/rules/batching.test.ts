import { Duration } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { describe, expect, test } from 'vitest';
import { testStack } from '../../helpers/app.js';
import { building, buildJobQueue } from '../../helpers/job-queue.js';

describe('batch size on a standard queue', () => {
  test.each([
    [1, undefined],
    [10, undefined],
    [11, Duration.seconds(1)],
    [10_000, Duration.seconds(1)],
  ])('accepts a batch size of %i with a window of %s', (batchSize, maxBatchingWindow) => {
    expect(building({ batchSize, maxBatchingWindow })).not.toThrow();
  });

  test.each([
    [0, /batchSize \(0\) must be an integer from 1 to 10,000/],
    [10_001, /batchSize \(10,001\) must be an integer from 1 to 10,000/],
    [2.5, /batchSize \(2\.5\) must be an integer from 1 to 10,000/],
  ])('rejects a batch size of %s', (batchSize, message) => {
    expect(building({ batchSize, maxBatchingWindow: Duration.seconds(1) })).toThrow(message);
  });

  test.each([
    [11, undefined, 'unset'],
    [100, Duration.seconds(0), '0 seconds'],
  ])('rejects a batch size of %i above 10 without a window of at least 1 s (window %s)', (batchSize, maxBatchingWindow, given) => {
    expect(building({ batchSize, maxBatchingWindow })).toThrow(
      new RegExp(`batchSize \\(${batchSize}\\) above 10 needs a maxBatchingWindow of at least 1 second \\(it is ${given}\\); set maxBatchingWindow .* or lower batchSize to 10`),
    );
  });
});

describe('batching window', () => {
  test.each([0, 1, 300])('accepts a window of %i s', (seconds) => {
    expect(building({ maxBatchingWindow: Duration.seconds(seconds) })).not.toThrow();
  });

  test.each([
    [Duration.seconds(301), /maxBatchingWindow \(301 seconds\) must be from 0 seconds to 300 seconds \(5 minutes\)/],
    [Duration.millis(500), /maxBatchingWindow \(0\.5 seconds\) must be a whole number of seconds/],
  ])('rejects a window of %s', (maxBatchingWindow, message) => {
    expect(building({ maxBatchingWindow })).toThrow(message);
  });
});

describe('batching on a FIFO queue', () => {
  test.each([1, 10])('accepts a batch size of %i', (batchSize) => {
    expect(building({ fifo: true, batchSize })).not.toThrow();
  });

  test.each([11, 20])('rejects a batch size of %i, even with a window', (batchSize) => {
    expect(building({ fifo: true, batchSize })).toThrow(
      new RegExp(`batchSize \\(${batchSize}\\) must be at most 10 on a FIFO queue .*; lower it to 10 or less`),
    );
  });

  test.each([1, 5, 300])('rejects a batching window of %i s', (seconds) => {
    expect(building({ fifo: true, maxBatchingWindow: Duration.seconds(seconds) })).toThrow(
      /maxBatchingWindow \(\d+ seconds?.*\) only applies to standard queues.*leave it unset \(or 0\) on a FIFO queue/,
    );
  });

  test('accepts a window of 0 s and leaves it out of the mapping, which Lambda needs for FIFO', () => {
    const stack = testStack();
    buildJobQueue({ fifo: true, maxBatchingWindow: Duration.seconds(0) }, stack);
    Template.fromStack(stack).hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      MaximumBatchingWindowInSeconds: Match.absent(),
    });
  });
});
