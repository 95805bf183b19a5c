import { Annotations, ArnFormat, CfnOutput, Duration, Names, Stack, Token, Validations } from 'aws-cdk-lib';
import type * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { queueUrlEnvVar, WORKER_DLQ_URL_ENV, WORKER_JOB_TYPE_ENV, WORKER_QUEUE_URL_ENV } from '../jobs/env.js';
import {
  DEFAULT_BATCH_SIZE,
  DEFAULT_DEAD_LETTER_RETENTION_PERIOD,
  DEFAULT_MAX_CONCURRENCY,
  DEFAULT_MAX_RECEIVE_COUNT,
  DEFAULT_RETENTION_PERIOD,
  DEFAULT_WORKER_MEMORY_SIZE,
  deriveVisibilityTimeout,
} from './defaults.js';
import { WORKER_HANDLER, WorkerBundler } from './bundling.js';
import type { JobQueueProps } from './job-queue-props.js';
import { jobQueueNames, pascalCase, type JobQueueNames } from './names.js';
import { validateJobQueueProps } from './validate.js';

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

  constructor(scope: Construct, id: string, props: JobQueueProps) {
    super(scope, id);
    const stack = Stack.of(this);
    const declared = jobTypesByStack.get(stack) ?? new Set<string>();
    validateJobQueueProps({ props, jobTypesInStack: declared });
    declared.add(props.jobType);
    jobTypesByStack.set(stack, declared);

    this.jobType = props.jobType;
    const fifo = props.fifo ?? false;
    this.names = jobQueueNames(stackNameFor(this), props.jobType, fifo);
    this.visibilityTimeout = props.visibilityTimeout ?? deriveVisibilityTimeout(props.workerTimeout, props.maxBatchingWindow);

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
      retentionPeriod: props.deadLetterRetentionPeriod ?? DEFAULT_DEAD_LETTER_RETENTION_PERIOD,
      encryption: sqs.QueueEncryption.SQS_MANAGED,
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
      contentBasedDeduplication: fifo || undefined,
      visibilityTimeout: this.visibilityTimeout,
      retentionPeriod: props.retentionPeriod ?? DEFAULT_RETENTION_PERIOD,
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      deadLetterQueue: {
        queue: this.deadLetterQueue,
        maxReceiveCount: props.maxReceiveCount ?? DEFAULT_MAX_RECEIVE_COUNT,
      },
    });

    this.worker = props.worker ?? this.bundleWorker(props);
    if (this.worker instanceof lambda.Function) {
      this.worker.addEnvironment(WORKER_JOB_TYPE_ENV, props.jobType);
      this.worker.addEnvironment(WORKER_QUEUE_URL_ENV, this.queue.queueUrl);
      this.worker.addEnvironment(WORKER_DLQ_URL_ENV, this.deadLetterQueue.queueUrl);
    }

    // The worker may consume its own queue and send to its own DLQ (poison jobs), nothing else.
    if (this.worker.role) {
      this.queue.grantConsumeMessages(this.worker);
      this.deadLetterQueue.grantSendMessages(this.worker);
    } else {
      Annotations.of(this).addWarningV2(
        'cdk-job-queues:worker-grants',
        `JobQueue '${props.jobType}': the worker was imported without its role, so it cannot be granted access here; grant its role consume on the queue and send on the DLQ where the role is defined, or import the function with fromFunctionAttributes({ functionArn, role }).`,
      );
    }

    this.eventSourceMapping = new lambda.EventSourceMapping(this, 'EventSourceMapping', {
      target: this.worker,
      eventSourceArn: this.queue.queueArn,
      batchSize: props.batchSize ?? DEFAULT_BATCH_SIZE,
      maxBatchingWindow: props.maxBatchingWindow,
      maxConcurrency: props.maxConcurrency ?? DEFAULT_MAX_CONCURRENCY,
      // Always on: without it one failed record makes the whole batch come back (C10).
      reportBatchItemFailures: true,
    });
    // The mapping must not be created before the role can read the queue.
    if (this.worker.role) this.eventSourceMapping.node.addDependency(this.worker.role);

    this.addOutputs();
  }

  /**
   * Lets one producer send jobs to this job type's queue, and nothing else: `sqs:SendMessage`,
   * `sqs:GetQueueAttributes` and `sqs:GetQueueUrl` on this queue. When the grantee is a bundled
   * Lambda function, also sets `JOBQ_QUEUE_URL_<JOB_TYPE>` on it so the producer client finds the queue.
   */
  public grantSend(grantee: iam.IGrantable): iam.Grant {
    const grant = this.queue.grantSendMessages(grantee);
    if (grantee instanceof lambda.Function) grantee.addEnvironment(queueUrlEnvVar(this.jobType), this.queue.queueUrl);
    return grant;
  }

  private bundleWorker(props: JobQueueProps): lambda.Function {
    // Bundled with every other worker of the app in one esbuild pass (see bundling.ts).
    const fn = new lambda.Function(this, 'Worker', {
      functionName: this.names.functionName,
      description: `cdk-job-queues worker for '${props.jobType}' jobs`,
      code: WorkerBundler.of(this).code({ entry: props.workerEntry!, sourceMap: true }),
      handler: WORKER_HANDLER,
      runtime: lambda.Runtime.NODEJS_24_X,
      architecture: lambda.Architecture.ARM_64,
      timeout: props.workerTimeout,
      memorySize: props.workerMemorySize ?? DEFAULT_WORKER_MEMORY_SIZE,
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
    const prefix = pascalCase(this.jobType);
    const outputs: Record<string, [string, string]> = {
      QueueUrl: [this.queue.queueUrl, 'queue URL'],
      QueueArn: [this.queue.queueArn, 'queue ARN'],
      DeadLetterQueueUrl: [this.deadLetterQueue.queueUrl, 'dead-letter queue URL'],
      DeadLetterQueueArn: [this.deadLetterQueue.queueArn, 'dead-letter queue ARN'],
    };
    for (const [suffix, [value, what]] of Object.entries(outputs)) {
      const output = new CfnOutput(this, suffix, { value, description: `Job type '${this.jobType}': ${what}` });
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

