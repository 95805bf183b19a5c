import { Duration, Token, Stack } from 'aws-cdk-lib';
import { Capture, Match, Template } from 'aws-cdk-lib/assertions';
import * as sns from 'aws-cdk-lib/aws-sns';
import { describe, expect, test } from 'vitest';
import { deriveOldestMessageAgeThreshold, JobQueue, type JobQueueProps } from '../../lib/index.js';
import { FIXTURE_WORKER, testStack } from '../helpers/app.js';

function jobQueue(stack: Stack, jobType: string, props: Partial<JobQueueProps> = {}): JobQueue {
  return new JobQueue(stack, jobType, { jobType, workerEntry: FIXTURE_WORKER, workerTimeout: Duration.seconds(10), ...props });
}

function alarmFor(template: Template, stack: Stack, jq: JobQueue, id: 'DeadLetterQueueNotEmpty' | 'OldestMessageAge' | 'WorkerErrors' | 'WorkerThrottles') {
  const alarm = jq.alarms?.all.find((a) => a.node.id === id);
  if (!alarm) throw new Error(`no ${id} alarm on '${jq.jobType}'`);
  const logicalId = stack.getLogicalId(alarm.node.defaultChild as never);
  return template.toJSON().Resources[logicalId] as { Properties: Record<string, unknown> };
}

describe('default alarms', () => {
  test('every job type gets four alarms by default, all acting on one shared topic', () => {
    const stack = testStack();
    jobQueue(stack, 'email-sending');
    jobQueue(stack, 'photo-resize');
    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::CloudWatch::Alarm', 8);
    template.resourceCountIs('AWS::SNS::Topic', 1);
    const topic = new Capture();
    template.hasResourceProperties('AWS::CloudWatch::Alarm', { AlarmActions: [topic] });
    const alarms = Object.values(template.findResources('AWS::CloudWatch::Alarm'));
    for (const alarm of alarms) {
      expect(alarm.Properties.AlarmActions).toEqual([topic.asObject()]);
      expect(alarm.Properties.OKActions).toEqual([topic.asObject()]);
      expect(alarm.Properties.TreatMissingData).toBe('notBreaching');
    }
  });

  test('the DLQ alarm fires on one visible job in the DLQ and treats missing data as not breaching', () => {
    const stack = testStack();
    const jq = jobQueue(stack, 'email-sending');
    const template = Template.fromStack(stack);
    const alarm = alarmFor(template, stack, jq, 'DeadLetterQueueNotEmpty');
    expect(alarm.Properties).toMatchObject({
      Namespace: 'AWS/SQS',
      MetricName: 'ApproximateNumberOfMessagesVisible',
      Dimensions: [{ Name: 'QueueName', Value: { 'Fn::GetAtt': [stack.getLogicalId(jq.deadLetterQueue.node.defaultChild as never), 'QueueName'] } }],
      Statistic: 'Maximum',
      Threshold: 1,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      EvaluationPeriods: 1,
      Period: 300,
      TreatMissingData: 'notBreaching',
    });
  });

  test('the backlog alarm watches the age of the oldest job on the source queue at the derived threshold', () => {
    const stack = testStack();
    // visibility 6 × 10 s = 60 s; 5 receives → 300 s
    const jq = jobQueue(stack, 'email-sending');
    const alarm = alarmFor(Template.fromStack(stack), stack, jq, 'OldestMessageAge');
    expect(alarm.Properties).toMatchObject({
      MetricName: 'ApproximateAgeOfOldestMessage',
      Dimensions: [{ Name: 'QueueName', Value: { 'Fn::GetAtt': [stack.getLogicalId(jq.queue.node.defaultChild as never), 'QueueName'] } }],
      Threshold: 300,
      TreatMissingData: 'notBreaching',
    });
  });

  test('the backlog threshold can be overridden', () => {
    const stack = testStack();
    const jq = jobQueue(stack, 'email-sending', { oldestMessageAgeAlarmThreshold: Duration.minutes(2) });
    expect(alarmFor(Template.fromStack(stack), stack, jq, 'OldestMessageAge').Properties.Threshold).toBe(120);
  });

  test.each([
    ['worker errors', 'WorkerErrors', 'Errors'],
    ['worker throttles', 'WorkerThrottles', 'Throttles'],
  ] as const)('the %s alarm fires on the first one in five minutes', (_what, id, metricName) => {
    const stack = testStack();
    const jq = jobQueue(stack, 'email-sending');
    const alarm = alarmFor(Template.fromStack(stack), stack, jq, id);
    expect(alarm.Properties).toMatchObject({
      Namespace: 'AWS/Lambda',
      MetricName: metricName,
      Dimensions: [{ Name: 'FunctionName', Value: { Ref: stack.getLogicalId(jq.worker.node.defaultChild as never) } }],
      Statistic: 'Sum',
      Threshold: 1,
      Period: 300,
      TreatMissingData: 'notBreaching',
    });
  });

  test('alarms: false opts a job type out, and no topic is created for it', () => {
    const stack = testStack();
    const jq = jobQueue(stack, 'email-sending', { alarms: false });
    const template = Template.fromStack(stack);
    expect(jq.alarms).toBeUndefined();
    template.resourceCountIs('AWS::CloudWatch::Alarm', 0);
    template.resourceCountIs('AWS::SNS::Topic', 0);
  });

  test('a topic passed in is used and no topic is created', () => {
    const stack = testStack();
    const topic = sns.Topic.fromTopicArn(stack, 'OnCall', 'arn:aws:sns:us-east-1:123456789012:on-call');
    jobQueue(stack, 'email-sending', { alarmTopic: topic });
    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::SNS::Topic', 0);
    template.resourceCountIs('AWS::KMS::Key', 0);
    template.allResourcesProperties('AWS::CloudWatch::Alarm', { AlarmActions: ['arn:aws:sns:us-east-1:123456789012:on-call'] });
  });
});

describe('the library-created alarm topic', () => {
  test('is encrypted with a rotating customer-managed key whose policy lets CloudWatch use it', () => {
    const stack = testStack();
    jobQueue(stack, 'email-sending');
    const template = Template.fromStack(stack);
    const key = new Capture();
    template.hasResourceProperties('AWS::SNS::Topic', { KmsMasterKeyId: { 'Fn::GetAtt': [key, 'Arn'] } });
    const keys = template.findResources('AWS::KMS::Key');
    const keyResource = keys[key.asString()];
    expect(keyResource?.Properties.EnableKeyRotation).toBe(true);
    expect(keyResource?.Properties.KeyPolicy.Statement).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          Effect: 'Allow',
          Principal: { Service: 'cloudwatch.amazonaws.com' },
          Action: ['kms:Decrypt', 'kms:GenerateDataKey*'],
        }),
      ]),
    );
  });

  test('lets CloudWatch publish and denies publishing without TLS', () => {
    const stack = testStack();
    jobQueue(stack, 'email-sending');
    Template.fromStack(stack).hasResourceProperties('AWS::SNS::TopicPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
          Match.objectLike({ Effect: 'Allow', Principal: { Service: 'cloudwatch.amazonaws.com' }, Action: 'sns:Publish' }),
        ]),
      },
    });
  });
});

describe('deriveOldestMessageAgeThreshold', () => {
  test.each([
    // visibility, receives, retention, expected seconds
    [60, 5, 4 * 86400, 300],
    [3600, 3, 4 * 86400, 10800],
    // 12 h × 10 = 5 days, capped at half of 4 days retention
    [43200, 10, 4 * 86400, 2 * 86400],
    [100, 1, 120, 60],
  ])('visibility %i s × %i receives with %i s retention gives %i s', (visibility, receives, retention, expected) => {
    expect(deriveOldestMessageAgeThreshold(Duration.seconds(visibility), receives, Duration.seconds(retention))?.toSeconds()).toBe(expected);
  });
});

describe('backlog alarm with deploy-time settings', () => {
  test('cannot derive a threshold from tokens, so it returns none', () => {
    const token = Duration.seconds(Token.asNumber({ Ref: 'VisibilityParam' }));
    expect(deriveOldestMessageAgeThreshold(token, 5, Duration.days(4))).toBeUndefined();
  });
});
