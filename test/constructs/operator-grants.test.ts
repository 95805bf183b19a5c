/** CASES C16: DLQ redrive wiring — the redrive allow policy and the operator's move-task permissions. */
import { Duration, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as iam from 'aws-cdk-lib/aws-iam';
import { describe, expect, test } from 'vitest';
import { JobQueue, JobQueueEncryption } from '../../lib/index.js';
import { FIXTURE_WORKER, testStack } from '../helpers/app.js';

function invoiceSync(stack: Stack, fifo: boolean): JobQueue {
  return new JobQueue(stack, 'InvoiceSync', { jobType: 'invoice-sync', workerEntry: FIXTURE_WORKER, workerTimeout: Duration.seconds(10), fifo });
}

/** Every statement of the operator's policies, actions sorted. */
function operatorStatements(stack: Stack, role: iam.Role): { Action: string[]; Resource: unknown }[] {
  const roleId = stack.getLogicalId(role.node.defaultChild as never);
  const policies = Template.fromStack(stack).findResources('AWS::IAM::Policy', { Properties: { Roles: [{ Ref: roleId }] } });
  return Object.values(policies).flatMap((p) =>
    (p.Properties.PolicyDocument.Statement as { Action: string | string[]; Resource: unknown }[]).map((s) => ({
      Action: [s.Action].flat().sort(),
      Resource: s.Resource,
    })),
  );
}

describe.each([
  ['standard', false],
  ['FIFO', true],
])('C16: redrive wiring on a %s job type', (_kind, fifo) => {
  test('the DLQ admits redrives from this job type\'s source queue only', () => {
    const stack = testStack();
    const jq = invoiceSync(stack, fifo);
    const suffix = fifo ? '.fifo' : '';
    Template.fromStack(stack).hasResourceProperties('AWS::SQS::Queue', {
      QueueName: `TestStack-invoice-sync-dlq${suffix}`,
      RedriveAllowPolicy: {
        redrivePermission: 'byQueue',
        sourceQueueArns: [{ 'Fn::Join': ['', Match.arrayWith([`:TestStack-invoice-sync${suffix}`])] }],
      },
    });
    expect(jq.names.queueName).toBe(`TestStack-invoice-sync${suffix}`);
  });

  test('grantRedrive gives the operator the move task on the DLQ and send on the source queue, nothing more', () => {
    const stack = testStack();
    const jq = invoiceSync(stack, fifo);
    const operator = new iam.Role(stack, 'Operator', { assumedBy: new iam.AccountRootPrincipal() });
    jq.grantRedrive(operator);
    const dlqArn = { 'Fn::GetAtt': [stack.getLogicalId(jq.deadLetterQueue.node.defaultChild as never), 'Arn'] };
    const queueArn = { 'Fn::GetAtt': [stack.getLogicalId(jq.queue.node.defaultChild as never), 'Arn'] };
    expect(operatorStatements(stack, operator)).toEqual([
      {
        Action: [
          'sqs:CancelMessageMoveTask',
          'sqs:DeleteMessage',
          'sqs:GetQueueAttributes',
          'sqs:ListMessageMoveTasks',
          'sqs:ReceiveMessage',
          'sqs:StartMessageMoveTask',
        ],
        Resource: dlqArn,
      },
      { Action: ['sqs:GetQueueAttributes', 'sqs:SendMessage'], Resource: queueArn },
    ]);
  });
});

describe('C16: redrive wiring with a customer-managed key', () => {
  test.each([
    ['standard', false],
    ['FIFO', true],
  ])('grantRedrive on a %s job type also grants exactly the key actions the move needs', (_kind, fifo) => {
    const stack = testStack();
    const jq = new JobQueue(stack, 'InvoiceSync', {
      jobType: 'invoice-sync',
      workerEntry: FIXTURE_WORKER,
      workerTimeout: Duration.seconds(10),
      fifo,
      encryption: JobQueueEncryption.kms(),
    });
    const operator = new iam.Role(stack, 'Operator', { assumedBy: new iam.AccountRootPrincipal() });
    jq.grantRedrive(operator);
    const keyArn = { 'Fn::GetAtt': [stack.getLogicalId(jq.encryptionKey!.node.defaultChild as never), 'Arn'] };
    const keyStatements = operatorStatements(stack, operator).filter((s) => s.Action.some((a) => a.startsWith('kms:')));
    // One key serves both queues: Decrypt to read from the DLQ, GenerateDataKey (+ Decrypt) to write to the source.
    expect(keyStatements).toEqual([{ Action: ['kms:Decrypt', 'kms:GenerateDataKey'], Resource: keyArn }]);
  });
});

describe('grantOperate', () => {
  test('adds peek, purge, pause/resume on this mapping and stack lookup to the redrive grant', () => {
    const stack = testStack();
    const jq = invoiceSync(stack, false);
    const operator = new iam.Role(stack, 'Operator', { assumedBy: new iam.AccountRootPrincipal() });
    jq.grantOperate(operator);
    const actions = operatorStatements(stack, operator).flatMap((s) => s.Action);
    expect(new Set(actions)).toEqual(
      new Set([
        'sqs:StartMessageMoveTask',
        'sqs:ListMessageMoveTasks',
        'sqs:CancelMessageMoveTask',
        'sqs:ReceiveMessage',
        'sqs:DeleteMessage',
        'sqs:GetQueueAttributes',
        'sqs:SendMessage',
        'sqs:ChangeMessageVisibility',
        'sqs:PurgeQueue',
        'sqs:GetQueueUrl',
        'lambda:GetEventSourceMapping',
        'lambda:UpdateEventSourceMapping',
        'lambda:ListEventSourceMappings',
        'cloudwatch:GetMetricData',
        'cloudformation:DescribeStacks',
      ]),
    );
    const mappingStatement = operatorStatements(stack, operator).find((s) => s.Action.includes('lambda:UpdateEventSourceMapping'));
    expect(JSON.stringify(mappingStatement?.Resource)).toContain(stack.getLogicalId(jq.eventSourceMapping.node.defaultChild as never));
  });
});
