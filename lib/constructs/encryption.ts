/**
 * Encryption at rest of a job type's queue and DLQ: SSE-SQS, or SSE-KMS with one customer-managed key
 * shared by both queues. Grants that touch an SSE-KMS queue carry the key actions they need
 * (lib/constructs/grants.ts); this module picks the key and warns when its policy is out of reach.
 *
 * @see https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-key-management.html
 */
import { Annotations, Stack, Token, TokenComparison } from 'aws-cdk-lib';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';

/** How a `JobQueue` encrypts its queue and DLQ at rest. */
export class JobQueueEncryption {
  /** SSE-SQS: keys owned by SQS; no key policy to manage and no KMS request costs. */
  public static readonly SQS_MANAGED = new JobQueueEncryption('sqs-managed');

  /**
   * SSE-KMS with a customer-managed key, the same for the queue and its DLQ: `key`, or a key the
   * `JobQueue` creates with yearly rotation on. A key imported from another account only works when
   * that account's key policy also allows the producers and the worker (a warning says so).
   */
  public static kms(key?: kms.IKey): JobQueueEncryption {
    return new JobQueueEncryption('kms', key);
  }

  private constructor(
    /** `sqs-managed` or `kms`. */
    public readonly kind: 'sqs-managed' | 'kms',
    /** The customer-managed key given, if any. */
    public readonly key?: kms.IKey,
  ) {}
}

/** The encryption props of both queues, and the key when there is one. */
export interface ResolvedEncryption {
  readonly queueProps: { readonly encryption: sqs.QueueEncryption; readonly encryptionMasterKey?: kms.IKey };
  readonly key?: kms.IKey;
}

/** Warning id for keys whose policy this app cannot change. */
export const ENCRYPTION_WARNING_ID = 'cdk-job-queues:encryption';

/** Resolves the encryption: creates the key (id `Key`, rotation on) when KMS is asked for without one. */
export function resolveEncryption(scope: Construct, jobType: string, encryption: JobQueueEncryption): ResolvedEncryption {
  if (encryption.kind === 'sqs-managed') return { queueProps: { encryption: sqs.QueueEncryption.SQS_MANAGED } };
  const key =
    encryption.key ??
    new kms.Key(scope, 'Key', {
      description: `cdk-job-queues: encrypts the '${jobType}' job queue and its DLQ`,
      // AWS Security Hub KMS.4 / cdk-nag KMS5: customer-managed keys rotate.
      enableKeyRotation: true,
    });
  if (encryption.key) warnIfKeyInAnotherAccount(scope, jobType, encryption.key);
  return { queueProps: { encryption: sqs.QueueEncryption.KMS, encryptionMasterKey: key }, key };
}

/**
 * Grants add the key actions to the principals' own policies; a key in another account also needs its
 * key policy there to allow them, which this app cannot write.
 */
function warnIfKeyInAnotherAccount(scope: Construct, jobType: string, key: kms.IKey): void {
  const stackAccount = Stack.of(scope).account;
  if (Token.compareStrings(key.env.account, stackAccount) !== TokenComparison.DIFFERENT) return;
  Annotations.of(scope).addWarningV2(
    ENCRYPTION_WARNING_ID,
    `JobQueue '${jobType}': encryption key ${Token.isUnresolved(key.keyArn) ? '(imported)' : key.keyArn} is in account ${key.env.account}, not this stack's account ${stackAccount}. The grants add kms:GenerateDataKey and kms:Decrypt (producers, and the worker for its DLQ) and kms:Decrypt (the worker) to the principals' policies here, but the key policy in account ${key.env.account} must also allow these principals, or every send and receive fails with KMS access denied. Add them to that key policy, or use a key in this account.`,
  );
}
