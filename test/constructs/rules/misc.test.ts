import { Duration } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { describe, expect, test } from 'vitest';
import { FIXTURE_WORKER, testStack } from '../../helpers/app.js';
import { building, buildJobQueue, importedWorker, jobQueueWarnings } from '../../helpers/job-queue.js';

describe('maxReceiveCount (integer 1 to 1000)', () => {
  test.each([1, 5, 1000])('accepts %i', (maxReceiveCount) => {
    expect(building({ maxReceiveCount })).not.toThrow();
  });

  test.each([0, 1001, 2.5])('rejects %s', (maxReceiveCount) => {
    expect(building({ maxReceiveCount })).toThrow(
      new RegExp(`maxReceiveCount \\(${maxReceiveCount === 1001 ? '1,001' : maxReceiveCount}\\) must be an integer from 1 to 1,000`),
    );
  });

  test('defaults to 5', () => {
    const stack = testStack();
    buildJobQueue({}, stack);
    Template.fromStack(stack).hasResourceProperties('AWS::SQS::Queue', {
      RedrivePolicy: Match.objectLike({ maxReceiveCount: 5 }),
    });
  });
});

describe('worker memory (integer 128 to 10,240 MB)', () => {
  test.each([128, 10_240])('accepts %i MB', (workerMemorySize) => {
    expect(building({ workerMemorySize, workerEntry: FIXTURE_WORKER })).not.toThrow();
  });

  test.each([127, 10_241, 128.5])('rejects %s MB', (workerMemorySize) => {
    expect(building({ workerMemorySize, workerEntry: FIXTURE_WORKER })).toThrow(
      /workerMemorySize \([\d,.]+ MB\) must be an integer from 128 to 10,240 MB; Lambda allows nothing outside this range/,
    );
  });

  test('warns that workerMemorySize is ignored with an existing worker', () => {
    expect(jobQueueWarnings({ workerMemorySize: 512 })).toEqual([
      expect.stringMatching(/workerMemorySize \(512 MB\) is ignored because worker is an existing function.*\[ack: cdk-job-queues:ignored-prop\]/),
    ]);
  });
});

describe('message size (1,024 to 1,048,576 bytes)', () => {
  test.each([1024, 262_144, 1_048_576])('accepts %i bytes and sets it on the queue', (maxMessageSizeBytes) => {
    const stack = testStack();
    buildJobQueue({ maxMessageSizeBytes }, stack);
    Template.fromStack(stack).hasResourceProperties('AWS::SQS::Queue', { MaximumMessageSize: maxMessageSizeBytes });
  });

  test.each([
    [1023, '1,023'],
    [1_048_577, '1,048,577'],
  ])('rejects %i bytes', (maxMessageSizeBytes, shown) => {
    expect(building({ maxMessageSizeBytes })).toThrow(
      new RegExp(`maxMessageSizeBytes \\(${shown} bytes\\) must be an integer from 1,024 to 1,048,576 bytes; .*store larger payloads in S3`),
    );
  });

  test('leaves the message size to SQS by default', () => {
    const stack = testStack();
    buildJobQueue({}, stack);
    Template.fromStack(stack).allResourcesProperties('AWS::SQS::Queue', { MaximumMessageSize: Match.absent() });
  });
});

describe('delivery delay (0 to 15 min)', () => {
  test.each([0, 900])('accepts %i s and sets it on the queue', (seconds) => {
    const stack = testStack();
    buildJobQueue({ deliveryDelay: Duration.seconds(seconds) }, stack);
    Template.fromStack(stack).hasResourceProperties('AWS::SQS::Queue', { DelaySeconds: seconds });
  });

  test('rejects 901 s', () => {
    expect(building({ deliveryDelay: Duration.seconds(901) })).toThrow(
      /deliveryDelay \(901 seconds\) must be from 0 seconds to 900 seconds \(15 minutes\)/,
    );
  });

  test('has no delay by default', () => {
    const stack = testStack();
    buildJobQueue({}, stack);
    Template.fromStack(stack).allResourcesProperties('AWS::SQS::Queue', { DelaySeconds: Match.absent() });
  });
});

describe('job types and workers per stack', () => {
  test('rejects a second JobQueue with the same job type in one stack', () => {
    const stack = testStack();
    buildJobQueue({}, stack);
    expect(() => buildJobQueue({}, stack, 'MoreJobs')).toThrow(
      /jobType \('test-job'\) is already used by another JobQueue in this stack/,
    );
  });

  test('allows the same job type in two stacks', () => {
    const first = testStack('First');
    buildJobQueue({}, first);
    expect(() => buildJobQueue({}, testStack('Second'))).not.toThrow();
  });

  test('rejects both a worker entry and a worker', () => {
    const stack = testStack();
    expect(() => buildJobQueue({ workerEntry: FIXTURE_WORKER, worker: importedWorker(stack) }, stack)).toThrow(
      /workerEntry \('.*'\) and worker are both set; set only one/,
    );
  });
});
