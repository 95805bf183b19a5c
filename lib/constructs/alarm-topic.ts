/**
 * The SNS topic every `JobQueue` alarm acts on when the user passes none: one per stack, created on
 * first use, encrypted with a customer-managed KMS key.
 *
 * CloudWatch alarms cannot publish to a topic encrypted with the AWS-managed SNS key (`alias/aws/sns`):
 * its key policy cannot be changed to let the CloudWatch service use it, so the alarm's publish fails
 * silently. A customer-managed key whose policy admits `cloudwatch.amazonaws.com` fixes that.
 *
 * @see https://repost.aws/knowledge-center/cloudwatch-receive-sns-for-alarm-trigger
 */
import { Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as sns from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';

/** Construct id of the per-stack topic holder; a contract (renaming it replaces the topic). */
export const ALARM_TOPIC_ID = 'JobQueuesAlarmTopic';

/** An encrypted SNS topic CloudWatch alarms can publish to. */
export class JobQueuesAlarmTopic extends Construct {
  /** The stack's shared alarm topic, created the first time a `JobQueue` asks for it. */
  public static of(scope: Construct): JobQueuesAlarmTopic {
    const stack = Stack.of(scope);
    const existing = stack.node.tryFindChild(ALARM_TOPIC_ID);
    return existing instanceof JobQueuesAlarmTopic ? existing : new JobQueuesAlarmTopic(stack, ALARM_TOPIC_ID);
  }

  /** The topic; subscribe on-call e-mail, chat or paging to it. */
  public readonly topic: sns.Topic;
  /** The customer-managed key encrypting the topic. */
  public readonly key: kms.Key;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    const stack = Stack.of(this);
    this.key = new kms.Key(this, 'Key', {
      description: 'cdk-job-queues: encrypts the alarm topic; CloudWatch may use it to publish alarms',
      enableKeyRotation: true,
    });
    // CloudWatch encrypts the alarm notification with this key when it publishes to the topic.
    this.key.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'AllowCloudWatchAlarmsToPublish',
        principals: [new iam.ServicePrincipal('cloudwatch.amazonaws.com')],
        actions: ['kms:Decrypt', 'kms:GenerateDataKey*'],
        resources: ['*'],
        conditions: { StringEquals: { 'aws:SourceAccount': stack.account } },
      }),
    );
    this.topic = new sns.Topic(this, 'Topic', {
      displayName: 'cdk-job-queues alarms',
      masterKey: this.key,
      enforceSSL: true,
    });
    // enforceSSL gives the topic an explicit policy, which replaces SNS's default one: allow the alarms back in.
    this.topic.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'AllowCloudWatchAlarmsToPublish',
        principals: [new iam.ServicePrincipal('cloudwatch.amazonaws.com')],
        actions: ['sns:Publish'],
        resources: [this.topic.topicArn],
        conditions: { StringEquals: { 'aws:SourceAccount': stack.account } },
      }),
    );
  }
}
