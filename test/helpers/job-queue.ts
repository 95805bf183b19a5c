/** Builders for JobQueue tests: an imported worker (nothing to bundle), a base props set, and warning readers. */
import { Duration, type Stack } from 'aws-cdk-lib';
import { Annotations, Match } from 'aws-cdk-lib/assertions';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { JobQueue, type JobQueueProps } from '../../lib/index.js';
import { testStack } from './app.js';

/** An existing function with a known role, so grants land on a policy and no bundling happens. */
export function importedWorker(stack: Stack, id = 'ImportedWorker'): lambda.IFunction {
  return lambda.Function.fromFunctionAttributes(stack, id, {
    functionArn: `arn:aws:lambda:${stack.region}:${stack.account}:function:${id}`,
    role: iam.Role.fromRoleName(stack, `${id}Role`, `${id}-role`),
    sameEnvironment: true,
  });
}

export type TestProps = Partial<JobQueueProps>;

/** A JobQueue for job type `test-job` (30 s worker timeout, imported worker) with `props` on top. */
export function buildJobQueue(props: TestProps = {}, stack: Stack = testStack(), id = 'Jobs'): JobQueue {
  return new JobQueue(stack, id, {
    jobType: 'test-job',
    worker: props.workerEntry === undefined ? importedWorker(stack, `${id}Worker`) : undefined,
    workerTimeout: Duration.seconds(30),
    ...props,
  });
}

/** A function that builds the JobQueue: for `expect(...).toThrow(/regex/)`. */
export function building(props: TestProps): () => JobQueue {
  return () => buildJobQueue(props);
}

/** Warning annotations (message text, which ends with `[ack: <id>]`) on the stack. */
export function warningsOf(stack: Stack): string[] {
  return Annotations.fromStack(stack)
    .findWarning('*', Match.anyValue())
    .map((m) => String(m.entry.data));
}

/** Warnings of a JobQueue built from `props`, only those carrying a cdk-job-queues id. */
export function jobQueueWarnings(props: TestProps): string[] {
  const stack = testStack();
  buildJobQueue(props, stack);
  return warningsOf(stack).filter((w) => w.includes('cdk-job-queues:'));
}
