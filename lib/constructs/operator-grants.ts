/**
 * Grants for the people and roles who operate job queues (the `jobq` CLI): redrive failed jobs, and
 * the rest of day-two operations. Each lists its actions; nothing is granted beyond one job type.
 */
import { Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { KMS_CONSUME_ACTIONS, KMS_SEND_ACTIONS } from './grants.js';

/** What an operator grant acts on: one job type's queues and mapping. */
export interface OperatedJobQueue {
  readonly queue: sqs.IQueue;
  readonly deadLetterQueue: sqs.IQueue;
  readonly eventSourceMapping: lambda.IEventSourceMapping;
}

/** Redrive on the DLQ: run and watch the native move task, and read/delete jobs for the copying move. */
export const REDRIVE_DEAD_LETTER_QUEUE_ACTIONS = [
  'sqs:StartMessageMoveTask',
  'sqs:ListMessageMoveTasks',
  'sqs:CancelMessageMoveTask',
  'sqs:ReceiveMessage',
  'sqs:DeleteMessage',
  'sqs:GetQueueAttributes',
] as const;

/** Redrive on the source queue: the destination of the move. */
export const REDRIVE_SOURCE_QUEUE_ACTIONS = ['sqs:SendMessage', 'sqs:GetQueueAttributes'] as const;

/** Everything else `jobq` does on the queues: peek without consuming (visibility back to 0), purge. */
export const OPERATE_QUEUE_ACTIONS = ['sqs:ChangeMessageVisibility', 'sqs:PurgeQueue', 'sqs:GetQueueUrl'] as const;

/** `jobq pause` / `resume`: flip the worker's event source mapping. */
export const OPERATE_MAPPING_ACTIONS = ['lambda:GetEventSourceMapping', 'lambda:UpdateEventSourceMapping'] as const;

/**
 * Lets an operator move jobs from the DLQ back to the source queue.
 *
 * On the DLQ: `sqs:StartMessageMoveTask`, `sqs:ListMessageMoveTasks`, `sqs:CancelMessageMoveTask`,
 * `sqs:ReceiveMessage`, `sqs:DeleteMessage`, `sqs:GetQueueAttributes`. On the source queue:
 * `sqs:SendMessage`, `sqs:GetQueueAttributes`. With SSE-KMS also `kms:Decrypt` on the DLQ's key and
 * `kms:GenerateDataKey` + `kms:Decrypt` on the source queue's key.
 */
export function grantRedrive(target: OperatedJobQueue, grantee: iam.IGrantable): iam.Grant {
  let grant = target.deadLetterQueue
    .grant(grantee, ...REDRIVE_DEAD_LETTER_QUEUE_ACTIONS)
    .combine(target.queue.grant(grantee, ...REDRIVE_SOURCE_QUEUE_ACTIONS));
  // SSE-KMS (C16): read jobs off the DLQ with its key, write them to the source queue with its key.
  const dlqKey = target.deadLetterQueue.encryptionMasterKey;
  const sourceKey = target.queue.encryptionMasterKey;
  if (dlqKey) grant = grant.combine(dlqKey.grant(grantee, ...KMS_CONSUME_ACTIONS));
  if (sourceKey) grant = grant.combine(sourceKey.grant(grantee, ...KMS_SEND_ACTIONS));
  return grant;
}

/**
 * Lets an operator run every `jobq` verb on one job type: `grantRedrive`, plus
 * `sqs:ChangeMessageVisibility`, `sqs:PurgeQueue` and `sqs:GetQueueUrl` on both queues,
 * `sqs:ReceiveMessage` on the source queue, `lambda:GetEventSourceMapping` and
 * `lambda:UpdateEventSourceMapping` on the worker's mapping, `lambda:ListEventSourceMappings` and
 * `cloudwatch:GetMetricData` (for `jobq list`'s age of oldest; IAM cannot scope either to a resource)
 * and `cloudformation:DescribeStacks` on this stack.
 */
export function grantOperate(target: OperatedJobQueue, grantee: iam.IGrantable): iam.Grant {
  const stack = Stack.of(target.queue);
  return grantRedrive(target, grantee)
    .combine(target.deadLetterQueue.grant(grantee, ...OPERATE_QUEUE_ACTIONS))
    .combine(target.queue.grant(grantee, ...OPERATE_QUEUE_ACTIONS, 'sqs:ReceiveMessage'))
    .combine(
      iam.Grant.addToPrincipal({
        grantee,
        actions: [...OPERATE_MAPPING_ACTIONS],
        resourceArns: [target.eventSourceMapping.eventSourceMappingArn],
      }),
    )
    // Neither action can be scoped to a resource in IAM.
    .combine(iam.Grant.addToPrincipal({ grantee, actions: ['lambda:ListEventSourceMappings', 'cloudwatch:GetMetricData'], resourceArns: ['*'] }))
    .combine(iam.Grant.addToPrincipal({ grantee, actions: ['cloudformation:DescribeStacks'], resourceArns: [stack.stackId] }));
}
