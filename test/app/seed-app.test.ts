import { Template } from 'aws-cdk-lib/assertions';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { deriveVisibilityTimeout } from '../../lib/index.js';
import { SEED_PRODUCERS, SEED_TUNING } from '../../lib/app/job-queues-stack.js';
import { buildSeedApp, type SeedApp } from '../../lib/app/seed-app.js';
import { scratchDir } from '../helpers/app.js';

type Statement = { Effect: string; Action: string | string[]; Resource: unknown };

let seed: SeedApp;
let template: Template;

beforeAll(() => {
  seed = buildSeedApp({ outdir: scratchDir('seed-') });
  template = Template.fromStack(seed.stack);
});

function logicalId(construct: { node: { defaultChild?: unknown } }): string {
  return seed.stack.getLogicalId(construct.node.defaultChild as never);
}

function statementsOfRole(roleLogicalId: string): Statement[] {
  const policies = template.findResources('AWS::IAM::Policy', { Properties: { Roles: [{ Ref: roleLogicalId }] } });
  return Object.values(policies).flatMap((p) => p.Properties.PolicyDocument.Statement as Statement[]);
}

describe('the seed stack', () => {
  test('holds exactly one queue, one DLQ, one worker and one mapping per job type', () => {
    const jobTypes = Object.keys(SEED_TUNING);
    expect(jobTypes).toEqual(['video-transcoding', 'photo-resize', 'email-sending']);
    template.resourceCountIs('AWS::SQS::Queue', 2 * jobTypes.length);
    template.resourceCountIs('AWS::Lambda::Function', jobTypes.length);
    template.resourceCountIs('AWS::Lambda::EventSourceMapping', jobTypes.length);
    for (const jobType of jobTypes) {
      template.hasResourceProperties('AWS::SQS::Queue', { QueueName: `CdkJobQueues-${jobType}` });
      template.hasResourceProperties('AWS::SQS::Queue', { QueueName: `CdkJobQueues-${jobType}-dlq` });
    }
  });

  test.each(Object.entries(SEED_TUNING))('gives %s the visibility timeout derived from its worker', (jobType, tuning) => {
    const expected = deriveVisibilityTimeout(tuning.workerTimeout, tuning.maxBatchingWindow).toSeconds();
    template.hasResourceProperties('AWS::SQS::Queue', { QueueName: `CdkJobQueues-${jobType}`, VisibilityTimeout: expected });
  });

  test('tunes each job type differently: minutes for video, seconds and many workers for e-mail', () => {
    const q = seed.stack.jobQueues;
    expect(q.get('video-transcoding')!.visibilityTimeout.toSeconds()).toBe(3600);
    expect(q.get('photo-resize')!.visibilityTimeout.toSeconds()).toBe(180);
    expect(q.get('email-sending')!.visibilityTimeout.toSeconds()).toBe(65);
    template.hasResourceProperties('AWS::Lambda::Function', { FunctionName: 'CdkJobQueues-video-transcoding-worker', Timeout: 600, MemorySize: 3008 });
    template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      FunctionName: { Ref: logicalId(q.get('email-sending')!.worker) },
      ScalingConfig: { MaximumConcurrency: 50 },
      MaximumBatchingWindowInSeconds: 5,
    });
    template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      FunctionName: { Ref: logicalId(q.get('video-transcoding')!.worker) },
      ScalingConfig: { MaximumConcurrency: 2 },
      BatchSize: 1,
    });
  });
});

describe('permissions in the seed stack', () => {
  test.each(Object.entries(SEED_PRODUCERS))('%s may send to exactly its queues and nothing else', (name, producer) => {
    const role = seed.stack.producers.get(name as keyof typeof SEED_PRODUCERS)!;
    const expectedQueues = producer.jobTypes.map((t) => ({ 'Fn::GetAtt': [logicalId(seed.stack.jobQueues.get(t)!.queue), 'Arn'] }));
    const statements = statementsOfRole(logicalId(role));
    expect(statements).toHaveLength(1);
    expect(statements[0]!.Action).toEqual(['sqs:GetQueueAttributes', 'sqs:GetQueueUrl', 'sqs:SendMessage']);
    const resources = [statements[0]!.Resource].flat();
    expect(resources).toHaveLength(expectedQueues.length);
    expect(resources).toEqual(expect.arrayContaining(expectedQueues));
  });

  test.each(Object.keys(SEED_TUNING))('the %s worker touches only its own queue and DLQ', (jobType) => {
    const jobQueue = seed.stack.jobQueues.get(jobType as never)!;
    const role = jobQueue.worker.role!;
    const statements = statementsOfRole(logicalId(role));
    const resources = statements.flatMap((s) => [s.Resource].flat());
    expect(resources).toEqual([
      { 'Fn::GetAtt': [logicalId(jobQueue.queue), 'Arn'] },
      { 'Fn::GetAtt': [logicalId(jobQueue.deadLetterQueue), 'Arn'] },
    ]);
    const sendStatement = statements.find((s) => [s.Action].flat().includes('sqs:SendMessage'));
    expect(sendStatement?.Resource).toEqual({ 'Fn::GetAtt': [logicalId(jobQueue.deadLetterQueue), 'Arn'] });
  });

  test('no SQS or KMS action is allowed on a wildcard resource', () => {
    const all = Object.values(template.findResources('AWS::IAM::Policy')).flatMap(
      (p) => p.Properties.PolicyDocument.Statement as Statement[],
    );
    expect(all.length).toBeGreaterThan(0);
    for (const statement of all) {
      const actions = [statement.Action].flat();
      if (!actions.some((a) => a.startsWith('sqs:') || a.startsWith('kms:'))) continue;
      expect(actions.some((a) => a.endsWith('*'))).toBe(false);
      for (const resource of [statement.Resource].flat()) expect(resource).not.toBe('*');
    }
  });
});

describe('cdk-nag', () => {
  test('an unacknowledged finding fails the synth (the check can fail)', () => {
    const { app, stack } = buildSeedApp({ outdir: scratchDir('seed-nag-fail-') });
    new sqs.Queue(stack, 'PlainQueue'); // no SSL-only policy, no DLQ: AwsSolutions-SQS3/SQS4
    expect(() => app.synth()).toThrow(/does not require requests to use SSL[\s\S]*AwsSolutions-SQS4/);
  });

  test('AwsSolutions checks pass with every acknowledgement carrying a reason', () => {
    const outdir = scratchDir('seed-nag-');
    const { app } = buildSeedApp({ outdir });
    expect(() => app.synth()).not.toThrow();
    const report = JSON.parse(readFileSync(join(outdir, 'validation-report.json'), 'utf8')) as {
      pluginReports: { pluginName: string; conclusion: string; violations: unknown[]; suppressedViolations: { ruleName: string; reason: string }[] }[];
    };
    const nag = report.pluginReports.find((r) => r.pluginName === 'AwsSolutions');
    expect(nag?.conclusion).toBe('success');
    expect(nag?.violations).toEqual([]);
    for (const suppressed of nag?.suppressedViolations ?? []) {
      expect(suppressed.reason.length, suppressed.ruleName).toBeGreaterThan(30);
    }
  });
});
