import { CfnParameter, Duration } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { Template } from 'aws-cdk-lib/assertions';
import { describe, expect, test } from 'vitest';
import { deriveVisibilityTimeout } from '../../../lib/index.js';
import { testStack } from '../../helpers/app.js';
import { building, buildJobQueue, jobQueueWarnings } from '../../helpers/job-queue.js';

describe('worker timeout range (1 s to 15 min, whole seconds)', () => {
  test.each([
    [Duration.seconds(1), 'at the minimum'],
    [Duration.seconds(900), 'at the maximum'],
  ])('accepts a workerTimeout of %s (%s)', (workerTimeout) => {
    expect(building({ workerTimeout })).not.toThrow();
  });

  test.each([
    [Duration.millis(0), /workerTimeout \(0 seconds\) must be from 1 second to 900 seconds \(15 minutes\)/],
    [Duration.seconds(901), /workerTimeout \(901 seconds\) must be from 1 second to 900 seconds \(15 minutes\); Lambda allows no more/],
    [Duration.millis(1500), /workerTimeout \(1\.5 seconds\) must be a whole number of seconds; use Duration\.seconds\(2\)/],
  ])('rejects a workerTimeout of %s', (workerTimeout, message) => {
    expect(building({ workerTimeout })).toThrow(message);
  });

  test('rejects a missing workerTimeout (plain JavaScript callers)', () => {
    expect(building({ workerTimeout: undefined })).toThrow(/workerTimeout is unset; set it to the worker function's timeout \(1 second to 15 minutes\)/);
  });
});

describe('visibility timeout range (at most 12 h, whole seconds)', () => {
  test('accepts exactly 12 hours', () => {
    expect(building({ visibilityTimeout: Duration.hours(12) })).not.toThrow();
  });

  test('rejects 12 hours and 1 second, naming the SQS maximum', () => {
    expect(building({ visibilityTimeout: Duration.seconds(43_201) })).toThrow(
      /visibilityTimeout \(43201 seconds\) must be from 0 seconds to 43200 seconds \(12 hours\); SQS allows no more/,
    );
  });
});

describe('visibility timeout against the worker timeout', () => {
  test.each([
    [29, 'just below the worker timeout'],
    [1, 'far below the worker timeout'],
  ])('rejects a visibility timeout of %i s (%s) with a 30 s worker timeout', (seconds) => {
    expect(building({ visibilityTimeout: Duration.seconds(seconds) })).toThrow(
      new RegExp(`visibilityTimeout \\(${seconds} seconds?\\) must be at least workerTimeout \\(30 seconds\\).*raise it to 6 × workerTimeout \\+ maxBatchingWindow = 180 seconds \\(3 minutes\\), or leave it unset`),
    );
  });

  test('accepts a visibility timeout equal to the worker timeout, with a warning', () => {
    expect(jobQueueWarnings({ visibilityTimeout: Duration.seconds(30) })).toEqual([
      expect.stringMatching(/visibilityTimeout \(30 seconds\) is below the recommended .* = 180 seconds.*\[ack: cdk-job-queues:visibility-timeout\]/),
    ]);
  });

  test.each([
    [179, 1],
    [180, 0],
    [181, 0],
  ])('a visibility timeout of %i s against the recommended 180 s gives %i warnings', (seconds, count) => {
    const warnings = jobQueueWarnings({ visibilityTimeout: Duration.seconds(seconds) });
    expect(warnings.filter((w) => w.includes('cdk-job-queues:visibility-timeout'))).toHaveLength(count);
  });

  test('counts the batching window into the recommended minimum', () => {
    // 6 × 30 s + 20 s = 200 s: 190 s is at least 6 × timeout but below timeout × 6 + window.
    const warnings = jobQueueWarnings({ visibilityTimeout: Duration.seconds(190), maxBatchingWindow: Duration.seconds(20) });
    expect(warnings).toEqual([expect.stringMatching(/maxBatchingWindow \(20 seconds\) = 200 seconds/)]);
  });
});

describe('the derived visibility timeout', () => {
  test.each([
    [Duration.seconds(1), undefined, 6],
    [Duration.seconds(30), Duration.seconds(5), 185],
    [Duration.minutes(15), Duration.seconds(300), 5700],
  ])('is 6 × %s + window %s = %i s', (workerTimeout, maxBatchingWindow, seconds) => {
    const stack = testStack();
    buildJobQueue({ workerTimeout, maxBatchingWindow, batchSize: 10 }, stack);
    Template.fromStack(stack).hasResourceProperties('AWS::SQS::Queue', { VisibilityTimeout: seconds });
  });

  test('is capped at 12 hours', () => {
    expect(deriveVisibilityTimeout(Duration.hours(3)).toSeconds()).toBe(43_200);
  });

  test('never triggers the visibility warning, at any worker timeout and window', () => {
    for (const [timeout, window] of [[1, 0], [30, 300], [900, 300], [77, 13]] as const) {
      expect(jobQueueWarnings({ workerTimeout: Duration.seconds(timeout), maxBatchingWindow: Duration.seconds(window) })).toEqual([]);
    }
  });

  test('cannot be derived from a deploy-time worker timeout, so the visibility timeout must be given', () => {
    const stack = testStack();
    const token = Duration.seconds(new CfnParameter(stack, 'Timeout', { type: 'Number' }).valueAsNumber);
    expect(() => buildJobQueue({ workerTimeout: token }, stack)).toThrow(
      /visibilityTimeout is unset and workerTimeout is a deploy-time token, so it cannot be derived .*; set visibilityTimeout explicitly/,
    );
  });
});

describe('deploy-time tokens', () => {
  test('skips the timeout rules when the worker and visibility timeouts are tokens', () => {
    const stack = testStack();
    const seconds = new CfnParameter(stack, 'Timeout', { type: 'Number' }).valueAsNumber;
    // A token visibility timeout below a token worker timeout cannot be judged at synth time.
    expect(() =>
      buildJobQueue({ workerTimeout: Duration.seconds(seconds), visibilityTimeout: Duration.seconds(seconds) }, stack),
    ).not.toThrow();
  });
});

describe('the worker timeout of an existing function', () => {
  test.each([
    [Duration.seconds(30), false],
    [Duration.seconds(120), true],
    [Duration.seconds(10), true],
  ])('a function timeout of %s against workerTimeout 30 s fails: %s', (timeout, fails) => {
    const stack = testStack();
    const worker = new lambda.Function(stack, 'Existing', {
      runtime: lambda.Runtime.NODEJS_24_X,
      handler: 'index.handler',
      code: lambda.Code.fromInline('exports.handler = async () => ({ batchItemFailures: [] })'),
      timeout,
    });
    const make = () => buildJobQueue({ worker, workerTimeout: Duration.seconds(30) }, stack);
    if (fails) {
      expect(make).toThrow(
        /workerTimeout \(30 seconds\) must equal the timeout of the given worker function \(\d+ seconds.*\): the visibility timeout is derived from workerTimeout; pass workerTimeout: worker\.timeout/,
      );
    } else {
      expect(make).not.toThrow();
    }
  });
});
