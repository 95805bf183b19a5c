import { Duration } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { describe, expect, test } from 'vitest';
import { JobQueue, JobQueueValidationError } from '../../lib/index.js';
import { FIXTURE_WORKER, testStack } from '../helpers/app.js';

const base = { workerEntry: FIXTURE_WORKER, workerTimeout: Duration.seconds(10) };

describe('bad input fails synth with a clear error', () => {
  test('a duplicate jobType in one stack names the job type and the fix', () => {
    const stack = testStack();
    new JobQueue(stack, 'First', { jobType: 'email-sending', ...base });
    expect(() => new JobQueue(stack, 'Second', { jobType: 'email-sending', ...base })).toThrow(
      /JobQueue 'email-sending' has 1 invalid prop:\n- jobType \('email-sending'\) is already used by another JobQueue in this stack; .*give this one its own job type/,
    );
  });

  test('the same jobType in two stacks is fine', () => {
    const first = testStack('One');
    const second = testStack('Two');
    new JobQueue(first, 'Jobs', { jobType: 'email-sending', ...base });
    expect(new JobQueue(second, 'Jobs', { jobType: 'email-sending', ...base }).jobType).toBe('email-sending');
  });

  test.each([
    ['EmailSending', 'email-sending'],
    ['email_sending', 'email-sending'],
    ['email--sending', 'email-sending'],
    ['-email', 'email'],
    ['2fa-codes', 'fa-codes'],
    ['email sending', 'email-sending'],
  ])('a jobType that is not kebab-case (%s) is rejected with a suggestion', (jobType, suggestion) => {
    expect(() => new JobQueue(testStack(), 'Jobs', { jobType, ...base })).toThrow(
      new RegExp(`jobType \\('${jobType}'\\) must be kebab-case: .*; use '${suggestion}'`),
    );
  });

  test('neither workerEntry nor worker says how to set one', () => {
    expect(() => new JobQueue(testStack(), 'Jobs', { jobType: 'email-sending', workerTimeout: Duration.seconds(10) })).toThrow(
      /workerEntry and worker are both unset; set workerEntry to the worker's handler file .* or worker to an existing lambda\.IFunction/,
    );
  });

  test('both workerEntry and worker asks for only one', () => {
    const stack = testStack();
    const worker = lambda.Function.fromFunctionArn(stack, 'W', 'arn:aws:lambda:us-east-1:111111111111:function:w');
    expect(() => new JobQueue(stack, 'Jobs', { jobType: 'email-sending', ...base, worker })).toThrow(
      /workerEntry \('.*noop-worker\.ts'\) and worker are both set; set only one/,
    );
  });

  test('several problems are listed in one error', () => {
    const stack = testStack();
    new JobQueue(stack, 'First', { jobType: 'email-sending', ...base });
    const error = captureError(() => new JobQueue(stack, 'Second', { jobType: 'Email', workerTimeout: Duration.seconds(10) }));
    expect(error).toBeInstanceOf(JobQueueValidationError);
    expect((error as JobQueueValidationError).problems).toHaveLength(2);
    expect((error as Error).message).toMatch(
      /JobQueue 'Email' has 2 invalid props:\n- jobType \('Email'\) must be kebab-case.*\n- workerEntry and worker are both unset/,
    );
  });

  test('a failed JobQueue creates no resources', () => {
    const stack = testStack();
    expect(() => new JobQueue(stack, 'Jobs', { jobType: 'Bad_Type', ...base })).toThrow(/kebab-case/);
    expect(stack.node.findAll().filter((c) => c.node.id === 'Queue' || c.node.id === 'DeadLetterQueue')).toHaveLength(0);
  });
});

function captureError(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error('expected the call to throw');
}
