import { Duration } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { describe, expect, test } from 'vitest';
import { JobQueue } from '../../lib/index.js';
import { FIXTURE_WORKER, testStack } from '../helpers/app.js';

describe('JobQueue resources', () => {
  test('creates exactly one queue, one DLQ, one worker and one mapping per job type', () => {
    const stack = testStack();
    new JobQueue(stack, 'Jobs', { jobType: 'email-sending', workerEntry: FIXTURE_WORKER, workerTimeout: Duration.seconds(10) });
    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::SQS::Queue', 2);
    template.resourceCountIs('AWS::Lambda::Function', 1);
    template.resourceCountIs('AWS::Lambda::EventSourceMapping', 1);
    expect(Object.keys(template.findResources('AWS::SQS::Queue'))).toHaveLength(2);
  });
});
