/**
 * The grants `JobQueue` gives: exactly the SQS actions each role needs on one queue, plus, when the
 * queue is SSE-KMS, exactly the key actions that those SQS calls make on its behalf (never `kms:*`,
 * never a wildcard key). aws-cdk-lib's `grantSendMessages` also grants kms:Encrypt, kms:ReEncrypt*
 * and kms:GenerateDataKey*, which no SQS producer needs.
 *
 * @see https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-key-management.html
 */
import type * as iam from 'aws-cdk-lib/aws-iam';
import type * as sqs from 'aws-cdk-lib/aws-sqs';

/** Send a job; GetQueueAttributes/GetQueueUrl let the client resolve and check its queue. */
export const SEND_ACTIONS = ['sqs:SendMessage', 'sqs:GetQueueAttributes', 'sqs:GetQueueUrl'] as const;

/** Receive, delete, change visibility (retry later, heartbeats: C15) and read the queue. */
export const CONSUME_ACTIONS = [
  'sqs:ReceiveMessage',
  'sqs:ChangeMessageVisibility',
  'sqs:GetQueueUrl',
  'sqs:DeleteMessage',
  'sqs:GetQueueAttributes',
] as const;

/** SSE-KMS send: SQS asks KMS for a data key, and decrypts the cached one it reuses (C13). */
export const KMS_SEND_ACTIONS = ['kms:GenerateDataKey', 'kms:Decrypt'] as const;

/** SSE-KMS receive: SQS decrypts the message's data key. */
export const KMS_CONSUME_ACTIONS = ['kms:Decrypt'] as const;

/** Lets `grantee` send to `queue` (and use its key, if any). */
export function grantSendMessages(queue: sqs.IQueue, grantee: iam.IGrantable): iam.Grant {
  const grant = queue.grant(grantee, ...SEND_ACTIONS);
  return queue.encryptionMasterKey ? grant.combine(queue.encryptionMasterKey.grant(grantee, ...KMS_SEND_ACTIONS)) : grant;
}

/** Lets `grantee` consume `queue` (and decrypt with its key, if any). */
export function grantConsumeMessages(queue: sqs.IQueue, grantee: iam.IGrantable): iam.Grant {
  const grant = queue.grant(grantee, ...CONSUME_ACTIONS);
  return queue.encryptionMasterKey ? grant.combine(queue.encryptionMasterKey.grant(grantee, ...KMS_CONSUME_ACTIONS)) : grant;
}
