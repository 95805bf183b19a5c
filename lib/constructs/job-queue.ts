import { Annotations, ArnFormat, CfnOutput, Duration, Names, Stack, Token, Validations } from 'aws-cdk-lib';
import type * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { queueUrlEnvVar, WORKER_DLQ_URL_ENV, WORKER_JOB_TYPE_ENV, WORKER_QUEUE_URL_ENV } from '../jobs/env.js';
import { JobQueuesAlarmTopic } from './alarm-topic.js';
import { JobQueueAlarms } from './alarms.js';
import { WORKER_HANDLER, WorkerBundler } from './bundling.js';
import { DEFAULT_ALARMS_ENABLED, DEFAULT_ENCRYPTION, deriveOldestMessageAgeThreshold } from './defaults.js';
import { resolveEncryption } from './encryption.js';
import { grantConsumeMessages, grantSendMessages } from './grants.js';
import { grantOperate, grantRedrive } from './operator-grants.js';
import type { JobQueueProps } from './job-queue-props.js';
import { MAX_FUNCTION_DESCRIPTION_LENGTH, MAX_OUTPUT_DESCRIPTION_LENGTH } from './limits.js';
import { clipText, jobQueueNames, outputIdPrefix, type JobQueueNames } from './names.js';
import { guardStackLimits } from './rules/limits.js';
import type { JobQueueSettings } from './rules/settings.js';
import { jobTypeOf, validateJobQueueProps } from './validate.js';
import type { JobDefinition } from '../jobs/define-job.js';

/** Job types already declared per stack, for the uniqueness rule. */
const jobTypesByStack = new WeakMap<Stack, Set<string>>();

/**
 * One job type's background-job topology: a source queue, its dead-letter queue, a Lambda worker and
 * the event source mapping between them.
 *
 * Always on, with no prop to turn them off: partial batch responses (`ReportBatchItemFailures`),
 * SSE-SQS encryption and SSL-only access on both queues, and a DLQ redrive allow policy that admits
 * only this job type's source queue.
 */
export class JobQueue extends Construct {
  /** The job type this queue carries. */
  public readonly jobType: string;
  /** The job type's definition, when the queue was declared with `job`. */
  public readonly job?: JobDefinition;
  /** The source queue producers send jobs to. */
  public readonly queue: sqs.Queue;
  /** Where jobs land after `maxReceiveCount` receives (or straight away when retrying cannot help). */
  public readonly deadLetterQueue: sqs.Queue;
  /** The worker function draining the queue. */
  public readonly worker: lambda.IFunction;
  /** The event source mapping from the queue to the worker. */
  public readonly eventSourceMapping: lambda.EventSourceMapping;
  /** The visibility timeout the source queue got (given or derived). */
  public readonly visibilityTimeout: Duration;
  /** Physical names of the queue, DLQ and (bundled) worker function. */
  public readonly names: JobQueueNames;
  /** The effective settings: each prop given, or its default or derived value. */
  public readonly settings: JobQueueSettings;
  /** This job type's alarms, unless `alarms: false`. */
  public readonly alarms?: JobQueueAlarms;
  /** The customer-managed key of the queue and DLQ (given or created), when `encryption` is KMS. */
  public readonly encryptionKey?: kms.IKey;

  constructor(scope: Construct, id: string, props: JobQueueProps) {
    super(scope, id);
    const stack = Stack.of(this);
    const declared = jobTypesByStack.get(stack) ?? new Set<string>();
    const { settings, warnings } = validateJobQueueProps({ props, jobTypesInStack: declared });
    for (const warning of warnings) Annotations.of(this).addWarningV2(warning.id, warning.message);
    // Validation guarantees one of `job` and `jobType`; `job` wins, so name and FIFO flag match the code.
    this.jobType = jobTypeOf(props)!;
    this.job = props.job;
    declared.add(this.jobType);
    jobTypesByStack.set(stack, declared);
    guardStackLimits(stack);

    this.settings = settings;
    const fifo = settings.fifo;
    this.names = jobQueueNames(stackNameFor(this), this.jobType, fifo, props);
    this.visibilityTimeout = settings.visibilityTimeout;

    const encryption = resolveEncryption(this, this.jobType, props.encryption ?? DEFAULT_ENCRYPTION);
    this.encryptionKey = encryption.key;

    // The DLQ's redrive allow policy names the source queue by an ARN formatted from its physical name:
    // a GetAtt would make a cycle with the source's redrive policy, which CloudFormation rejects.
    const sourceQueueArn = stack.formatArn({
      service: 'sqs',
      resource: this.names.queueName,
      arnFormat: ArnFormat.NO_RESOURCE_NAME,
    });

    this.deadLetterQueue = new sqs.Queue(this, 'DeadLetterQueue', {
      queueName: this.names.deadLetterQueueName,
      fifo: fifo || undefined,
      retentionPeriod: settings.deadLetterRetentionPeriod,
      ...encryption.queueProps,
      enforceSSL: true,
      redriveAllowPolicy: {
        redrivePermission: sqs.RedrivePermission.BY_QUEUE,
        sourceQueues: [sqs.Queue.fromQueueArn(this, 'SourceQueueRef', sourceQueueArn)],
      },
    });

    this.queue = new sqs.Queue(this, 'Queue', {
      queueName: this.names.queueName,
      fifo: fifo || undefined,
      // FIFO producers may omit a deduplication id; the DLQ keeps explicit ids only.
      contentBasedDeduplication: settings.contentBasedDeduplication,
      visibilityTimeout: this.visibilityTimeout,
      retentionPeriod: settings.retentionPeriod,
      maxMessageSizeBytes: props.maxMessageSizeBytes,
      deliveryDelay: props.deliveryDelay,
      ...encryption.queueProps,
      enforceSSL: true,
      deadLetterQueue: {
        queue: this.deadLetterQueue,
        maxReceiveCount: settings.maxReceiveCount,
      },
    });

    this.worker = props.worker ?? this.bundleWorker(props);
    if (this.worker instanceof lambda.Function) {
      this.worker.addEnvironment(WORKER_JOB_TYPE_ENV, this.jobType);
      this.worker.addEnvironment(WORKER_QUEUE_URL_ENV, this.queue.queueUrl);
      this.worker.addEnvironment(WORKER_DLQ_URL_ENV, this.deadLetterQueue.queueUrl);
    }

    // The worker may consume its own queue and send to its own DLQ (poison jobs), nothing else.
    if (this.worker.role) {
      grantConsumeMessages(this.queue, this.worker);
      grantSendMessages(this.deadLetterQueue, this.worker);
    } else {
      Annotations.of(this).addWarningV2(
        'cdk-job-queues:worker-grants',
        `JobQueue '${this.jobType}': the worker was imported without its role, so it cannot be granted access here; grant its role consume on the queue and send on the DLQ where the role is defined, or import the function with fromFunctionAttributes({ functionArn, role }).`,
      );
    }

    this.eventSourceMapping = new lambda.EventSourceMapping(this, 'EventSourceMapping', {
      target: this.worker,
      eventSourceArn: this.queue.queueArn,
      batchSize: settings.batchSize,
      maxBatchingWindow: settings.maxBatchingWindow,
      maxConcurrency: settings.maxConcurrency,
      // Always on: without it one failed record makes the whole batch come back (C10).
      reportBatchItemFailures: true,
    });
    // The mapping must not be created before the role can read the queue.
    if (this.worker.role) this.eventSourceMapping.node.addDependency(this.worker.role);

    this.addOutputs();
    if (props.alarms ?? DEFAULT_ALARMS_ENABLED) this.alarms = this.addAlarms(props);
  }

  /**
   * Lets an operator move this job type's failed jobs back: on the DLQ `sqs:StartMessageMoveTask`,
   * `sqs:ListMessageMoveTasks`, `sqs:CancelMessageMoveTask`, `sqs:ReceiveMessage`, `sqs:DeleteMessage`,
   * `sqs:GetQueueAttributes`; on the source queue `sqs:SendMessage`, `sqs:GetQueueAttributes`.
   */
  public grantRedrive(grantee: iam.IGrantable): iam.Grant {
    return grantRedrive(this, grantee);
  }

  /**
   * Lets an operator run every `jobq` verb on this job type: `grantRedrive`, plus
   * `sqs:ChangeMessageVisibility`, `sqs:PurgeQueue`, `sqs:GetQueueUrl` on both queues,
   * `sqs:ReceiveMessage` on the source queue, `lambda:GetEventSourceMapping` and
   * `lambda:UpdateEventSourceMapping` on the worker's mapping, `lambda:ListEventSourceMappings` and
   * `cloudwatch:GetMetricData` (unscopable: `*`), and `cloudformation:DescribeStacks` on this stack.
   */
  public grantOperate(grantee: iam.IGrantable): iam.Grant {
    return grantOperate(this, grantee);
  }

  private addAlarms(props: JobQueueProps): JobQueueAlarms {
    const threshold =
      props.oldestMessageAgeAlarmThreshold ??
      deriveOldestMessageAgeThreshold(this.visibilityTimeout, this.settings.maxReceiveCount, this.settings.retentionPeriod);
    if (!threshold) {
      Annotations.of(this).addWarningV2(
        'cdk-job-queues:alarms',
        `JobQueue '${this.jobType}': the backlog alarm's threshold derives from visibilityTimeout × maxReceiveCount, which are only known at deploy time here, so that alarm is left out; set oldestMessageAgeAlarmThreshold to have it.`,
      );
    }
    return new JobQueueAlarms(this, 'Alarms', {
      jobType: this.jobType,
      queue: this.queue,
      deadLetterQueue: this.deadLetterQueue,
      worker: this.worker,
      topic: props.alarmTopic ?? JobQueuesAlarmTopic.of(this).topic,
      oldestMessageAgeThreshold: threshold,
    });
  }

  /**
   * Lets one producer send jobs to this job type's queue, and nothing else: `sqs:SendMessage`,
   * `sqs:GetQueueAttributes` and `sqs:GetQueueUrl` on this queue, plus `kms:GenerateDataKey` and
   * `kms:Decrypt` on its key when the queue is SSE-KMS. When the grantee is a `lambda.Function`, also
   * sets `JOBQ_QUEUE_URL_<JOB_TYPE>` on it so the producer client finds the queue.
   */
  public grantSend(grantee: iam.IGrantable): iam.Grant {
    const grant = grantSendMessages(this.queue, grantee);
    if (grantee instanceof lambda.Function) grantee.addEnvironment(queueUrlEnvVar(this.jobType), this.queue.queueUrl);
    return grant;
  }

  private bundleWorker(props: JobQueueProps): lambda.Function {
    // Bundled with every other worker of the app in one esbuild pass (see bundling.ts).
    const fn = new lambda.Function(this, 'Worker', {
      functionName: this.names.functionName,
      description: clipText(`cdk-job-queues worker for '${this.jobType}' jobs`, MAX_FUNCTION_DESCRIPTION_LENGTH),
      code: WorkerBundler.of(this).code({ entry: props.workerEntry!, sourceMap: true }),
      handler: WORKER_HANDLER,
      runtime: lambda.Runtime.NODEJS_24_X,
      architecture: lambda.Architecture.ARM_64,
      timeout: props.workerTimeout,
      memorySize: this.settings.workerMemorySize,
      reservedConcurrentExecutions: props.reservedConcurrency,
    });
    Validations.of(fn).acknowledge({
      id: 'AwsSolutions::AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
      reason:
        'AWSLambdaBasicExecutionRole only lets the worker write its own CloudWatch Logs; queue access is granted inline on this job type\'s queues only.',
    });
    return fn;
  }

  private addOutputs(): void {
    const prefix = outputIdPrefix(this.jobType);
    const outputs: Record<string, [string, string]> = {
      QueueUrl: [this.queue.queueUrl, 'queue URL'],
      QueueArn: [this.queue.queueArn, 'queue ARN'],
      DeadLetterQueueUrl: [this.deadLetterQueue.queueUrl, 'dead-letter queue URL'],
      DeadLetterQueueArn: [this.deadLetterQueue.queueArn, 'dead-letter queue ARN'],
    };
    for (const [suffix, [value, what]] of Object.entries(outputs)) {
      const description = clipText(`Job type '${this.jobType}': ${what}`, MAX_OUTPUT_DESCRIPTION_LENGTH);
      const output = new CfnOutput(this, suffix, { value, description });
      // Stable ids: the CLI looks job types up by these.
      output.overrideLogicalId(`${prefix}${suffix}`);
    }
  }
}

/** The stack name, or a unique construct-path name when the stack name is only known at deploy time. */
function stackNameFor(scope: Construct): string {
  const name = Stack.of(scope).stackName;
  return Token.isUnresolved(name) ? Names.uniqueResourceName(scope, { maxLength: 40 }) : name;
}

