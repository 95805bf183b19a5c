import { Duration, Stack, Validations, type CfnElement } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import type { IConstruct } from 'constructs';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { describe, expect, test } from 'vitest';
import { buildSeedApp } from '../../lib/app/seed-app.js';
import { SEED_PRODUCERS } from '../../lib/app/job-queues-stack.js';
import { CONSUME_ACTIONS, JobQueue, JobQueueEncryption, KMS_CONSUME_ACTIONS, KMS_SEND_ACTIONS, SEND_ACTIONS } from '../../lib/index.js';
import { FIXTURE_WORKER, scratchDir, testApp, testStack } from '../helpers/app.js';
import { pairsOf, permissionPairs } from './policy-pairs.js';

/** `Fn::GetAtt [<logical id>, Arn]` of an L2 construct's resource. */
const arnOf = (stack: Stack, construct: IConstruct) => ({ 'Fn::GetAtt': [stack.getLogicalId(construct.node.defaultChild as CfnElement), 'Arn'] });

const roleId = (stack: Stack, grantable: iam.IGrantable) => stack.getLogicalId((grantable.grantPrincipal as iam.Role).node.defaultChild as iam.CfnRole);

/** A producer function (inline code: nothing to bundle). */
function producerFunction(stack: Stack, id: string): lambda.Function {
  return new lambda.Function(stack, id, { runtime: lambda.Runtime.NODEJS_24_X, handler: 'index.handler', code: lambda.Code.fromInline('exports.handler = async () => {}') });
}

describe('the seed app’s producers', () => {
  const { stack } = buildSeedApp({ outdir: scratchDir('seed-grants-') });
  const template = Template.fromStack(stack);

  test.each(Object.entries(SEED_PRODUCERS))('%s may send to exactly its queues, nothing else', (name, producer) => {
    const role = stack.producers.get(name as keyof typeof SEED_PRODUCERS)!;
    const queueArns = producer.jobTypes.map((jobType) => arnOf(stack, stack.jobQueues.get(jobType)!.queue));
    expect([...permissionPairs(template, roleId(stack, role))].sort()).toEqual(pairsOf(SEND_ACTIONS, queueArns).sort());
  });
});

describe('grantSend', () => {
  test('gives a role send on this job type’s queue only, and no key actions under SSE-SQS', () => {
    const stack = testStack();
    const emails = new JobQueue(stack, 'Emails', { jobType: 'email-sending', workerEntry: FIXTURE_WORKER, workerTimeout: Duration.seconds(10) });
    new JobQueue(stack, 'Photos', { jobType: 'photo-resize', workerEntry: FIXTURE_WORKER, workerTimeout: Duration.seconds(10) });
    const role = new iam.Role(stack, 'Producer', { assumedBy: new iam.AccountRootPrincipal() });
    emails.grantSend(role);
    const template = Template.fromStack(stack);
    expect([...permissionPairs(template, roleId(stack, role))].sort()).toEqual(pairsOf(SEND_ACTIONS, [arnOf(stack, emails.queue)]).sort());
  });

  test('sets JOBQ_QUEUE_URL_<JOB_TYPE> to the queue URL on a Lambda producer', () => {
    const stack = testStack();
    const emails = new JobQueue(stack, 'Emails', { jobType: 'email-sending', workerEntry: FIXTURE_WORKER, workerTimeout: Duration.seconds(10) });
    const fn = producerFunction(stack, 'Producer');
    emails.grantSend(fn);
    Template.fromStack(stack).hasResourceProperties('AWS::Lambda::Function', {
      Handler: 'index.handler',
      Environment: { Variables: { JOBQ_QUEUE_URL_EMAIL_SENDING: { Ref: stack.getLogicalId(emails.queue.node.defaultChild as CfnElement) } } },
    });
  });

  test('grants an imported function’s role without touching its environment', () => {
    const stack = testStack();
    const emails = new JobQueue(stack, 'Emails', { jobType: 'email-sending', workerEntry: FIXTURE_WORKER, workerTimeout: Duration.seconds(10) });
    const role = new iam.Role(stack, 'ImportedRole', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
    const imported = lambda.Function.fromFunctionAttributes(stack, 'Imported', { functionArn: 'arn:aws:lambda:us-east-1:123456789012:function:producer', role, sameEnvironment: true });
    const grant = emails.grantSend(imported);
    expect(grant.success).toBe(true);
    const template = Template.fromStack(stack);
    expect([...permissionPairs(template, roleId(stack, role))].sort()).toEqual(pairsOf(SEND_ACTIONS, [arnOf(stack, emails.queue)]).sort());
    const variables = Object.values(template.findResources('AWS::Lambda::Function')).map((fn) => Object.keys(fn['Properties']['Environment']?.['Variables'] ?? {}));
    expect(variables.flat()).not.toContain('JOBQ_QUEUE_URL_EMAIL_SENDING');
  });
});

describe('encryption', () => {
  // The default alarm topic brings its own key; these tests count only the queues' keys.
  const NO_ALARMS = { alarms: false } as const;

  test('defaults to SSE-SQS on both queues, with no KMS key', () => {
    const stack = testStack();
    new JobQueue(stack, 'Emails', { jobType: 'email-sending', workerEntry: FIXTURE_WORKER, workerTimeout: Duration.seconds(10), ...NO_ALARMS });
    const template = Template.fromStack(stack);
    template.resourcePropertiesCountIs('AWS::SQS::Queue', { SqsManagedSseEnabled: true, KmsMasterKeyId: Match.absent() }, 2);
    template.resourceCountIs('AWS::KMS::Key', 0);
  });

  test('JobQueueEncryption.kms() creates one rotating key for the queue and its DLQ', () => {
    const stack = testStack();
    const audit = new JobQueue(stack, 'Audit', { jobType: 'audit-log', workerEntry: FIXTURE_WORKER, workerTimeout: Duration.seconds(10), ...NO_ALARMS, encryption: JobQueueEncryption.kms() });
    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::KMS::Key', 1);
    template.hasResourceProperties('AWS::KMS::Key', { EnableKeyRotation: true });
    const keyArn = arnOf(stack, audit.encryptionKey!);
    template.resourcePropertiesCountIs('AWS::SQS::Queue', { KmsMasterKeyId: keyArn }, 2);
  });

  test('JobQueueEncryption.kms(key) uses the given key for both queues and creates none', () => {
    const stack = testStack();
    const key = new kms.Key(stack, 'SharedKey', { enableKeyRotation: true });
    const audit = new JobQueue(stack, 'Audit', { jobType: 'audit-log', workerEntry: FIXTURE_WORKER, workerTimeout: Duration.seconds(10), ...NO_ALARMS, encryption: JobQueueEncryption.kms(key) });
    expect(audit.encryptionKey).toBe(key);
    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::KMS::Key', 1);
    template.resourcePropertiesCountIs('AWS::SQS::Queue', { KmsMasterKeyId: arnOf(stack, key) }, 2);
  });
});

describe('C13: grants on an SSE-KMS queue carry exactly the key actions they need', () => {
  const stack = testStack();
  const audit = new JobQueue(stack, 'Audit', { jobType: 'audit-log', workerEntry: FIXTURE_WORKER, workerTimeout: Duration.seconds(10), encryption: JobQueueEncryption.kms() });
  const producer = producerFunction(stack, 'AuditProducer');
  audit.grantSend(producer);
  const template = Template.fromStack(stack);
  const keyArn = arnOf(stack, audit.encryptionKey!);

  test('the Lambda producer may send to the queue and use the key for that: kms:GenerateDataKey and kms:Decrypt', () => {
    expect([...permissionPairs(template, roleId(stack, producer))].sort()).toEqual(
      [...pairsOf(SEND_ACTIONS, [arnOf(stack, audit.queue)]), ...pairsOf(KMS_SEND_ACTIONS, [keyArn])].sort(),
    );
  });

  test('the worker may consume its queue (kms:Decrypt) and send to its DLQ (kms:GenerateDataKey, kms:Decrypt)', () => {
    expect([...permissionPairs(template, roleId(stack, audit.worker))].sort()).toEqual(
      [
        ...pairsOf(CONSUME_ACTIONS, [arnOf(stack, audit.queue)]),
        ...pairsOf(SEND_ACTIONS, [arnOf(stack, audit.deadLetterQueue)]),
        ...new Set([...pairsOf(KMS_CONSUME_ACTIONS, [keyArn]), ...pairsOf(KMS_SEND_ACTIONS, [keyArn])]),
      ].sort(),
    );
  });

  test('no policy in the stack grants kms:* or a wildcard action or resource', () => {
    const statements = Object.values(template.findResources('AWS::IAM::Policy')).flatMap((p) => p['Properties']['PolicyDocument']['Statement'] as Record<string, unknown>[]);
    const actions = statements.flatMap((s) => [s['Action']].flat() as string[]);
    expect(actions.filter((a) => a.includes('*'))).toEqual([]);
    expect(statements.flatMap((s) => [s['Resource']].flat()).filter((r) => r === '*')).toEqual([]);
  });
});

describe('a key imported from another account', () => {
  const otherAccountKey = 'arn:aws:kms:eu-west-1:222222222222:key/11111111-2222-3333-4444-555555555555';
  const stackIn = (account: string) => new Stack(testApp(), 'Audit', { env: { account, region: 'eu-west-1' } });

  test('warns that the key policy there must allow the producers and the worker', () => {
    const stack = stackIn('111111111111');
    const key = kms.Key.fromKeyArn(stack, 'Imported', otherAccountKey);
    new JobQueue(stack, 'Audit', { jobType: 'audit-log', workerEntry: FIXTURE_WORKER, workerTimeout: Duration.seconds(10), encryption: JobQueueEncryption.kms(key) });
    Annotations.fromStack(stack).hasWarning(
      '/Audit/Audit',
      Match.stringLikeRegexp("JobQueue 'audit-log': encryption key .* is in account 222222222222, not this stack's account 111111111111\\..*key policy in account 222222222222 must also allow these principals.*\\[ack: cdk-job-queues:encryption\\]"),
    );
  });

  test('does not warn for an imported key in the stack’s own account', () => {
    const stack = stackIn('222222222222');
    const key = kms.Key.fromKeyArn(stack, 'Imported', otherAccountKey);
    new JobQueue(stack, 'Audit', { jobType: 'audit-log', workerEntry: FIXTURE_WORKER, workerTimeout: Duration.seconds(10), encryption: JobQueueEncryption.kms(key) });
    Annotations.fromStack(stack).hasNoWarning('*', Match.stringLikeRegexp('cdk-job-queues:encryption'));
  });
});

describe('cdk-nag', () => {
  test('AwsSolutions checks pass on an SSE-KMS job queue with a Lambda producer', () => {
    const app = testApp();
    const stack = new Stack(app, 'KmsNag');
    const audit = new JobQueue(stack, 'Audit', { jobType: 'audit-log', workerEntry: FIXTURE_WORKER, workerTimeout: Duration.seconds(10), encryption: JobQueueEncryption.kms() });
    const producer = new iam.Role(stack, 'Producer', { assumedBy: new iam.AccountRootPrincipal() });
    audit.grantSend(producer);
    Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
    expect(() => app.synth()).not.toThrow();
  });
});
