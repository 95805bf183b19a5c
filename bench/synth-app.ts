/**
 * One benchmark run: builds and synthesizes the same topology for N job types one of four ways, then
 * prints what the process used as one JSON line. Spawned by `bench/synth.ts` (one fresh process per run).
 *
 *   node --import tsx bench/synth-app.ts <variant> <workersDir> <n> <outdir>
 *
 * Variants: `library` (JobQueueStacks), `cdk` (hand-written aws-cdk-lib, one NodejsFunction per job
 * type), `cdk-shared` (the same with every job type pointing at one worker file: the bundling floor),
 * `solutions` (AWS Solutions Constructs aws-sqs-lambda with a NodejsFunction per job type).
 * Built-in template validation follows `CDK_VALIDATION` (set to `false` to turn it off).
 */
import { App, CfnOutput, Duration, Stack } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import * as nodejs from 'aws-cdk-lib/aws-lambda-nodejs';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { SqsToLambda } from '@aws-solutions-constructs/aws-sqs-lambda';
import * as esbuild from 'esbuild';
import { join } from 'node:path';
import * as z from 'zod/mini';
import { CLI_CONTEXT, cdkJsonContext } from '../lib/app/seed-app.js';
import { WORKER_BUNDLE_BANNER } from '../lib/constructs/bundling.js';
import { DEFAULT_JOB_TYPES_PER_STACK, WORKER_BUNDLE_TARGET } from '../lib/constructs/defaults.js';
import { JobQueueStacks, type JobQueueStacksEntry } from '../lib/constructs/job-queue-stacks.js';
import { pascalCase } from '../lib/constructs/names.js';
import { defineJob } from '../lib/jobs/define-job.js';
import { childProcessUsage } from './usage.js';

type Variant = 'library' | 'cdk' | 'cdk-shared' | 'solutions';

const [variant, workersDir, nText, outdir] = process.argv.slice(2) as [Variant, string, string, string];
const n = Number(nText);
const jobTypes = Array.from({ length: n }, (_, i) => `bench-job-${String(i).padStart(3, '0')}`);
const entryOf = (i: number) => join(workersDir, variant === 'cdk-shared' ? 'shared-worker.ts' : `${jobTypes[i]}.ts`);

const app = new App({ outdir, context: { ...CLI_CONTEXT, ...cdkJsonContext() } });

/** The same bundling options JobQueue used to pass to NodejsFunction. */
const bundling: nodejs.BundlingOptions = {
  format: nodejs.OutputFormat.ESM,
  target: WORKER_BUNDLE_TARGET,
  minify: true,
  sourceMap: true,
  sourcesContent: false,
  mainFields: ['module', 'main'],
  externalModules: ['@aws-sdk/*'],
  forceDockerBundling: false,
  banner: WORKER_BUNDLE_BANNER,
};

/** The same spread over stacks as JobQueueStacks, so every variant synthesizes the same topology. */
function stackFor(i: number): Stack {
  const id = `Jobs-${Math.floor(i / DEFAULT_JOB_TYPES_PER_STACK) + 1}`;
  return (app.node.tryFindChild(id) as Stack | undefined) ?? new Stack(app, id);
}

function outputs(stack: Stack, jobType: string, queue: sqs.IQueue, dlq: sqs.IQueue): void {
  const prefix = pascalCase(jobType);
  new CfnOutput(stack, `${prefix}QueueUrl`, { value: queue.queueUrl });
  new CfnOutput(stack, `${prefix}QueueArn`, { value: queue.queueArn });
  new CfnOutput(stack, `${prefix}DeadLetterQueueUrl`, { value: dlq.queueUrl });
  new CfnOutput(stack, `${prefix}DeadLetterQueueArn`, { value: dlq.queueArn });
}

function worker(stack: Stack, i: number): nodejs.NodejsFunction {
  return new nodejs.NodejsFunction(stack, `${jobTypes[i]}Worker`, {
    functionName: `${stack.stackName}-${jobTypes[i]}-worker`,
    entry: entryOf(i),
    handler: 'handler',
    runtime: lambda.Runtime.NODEJS_24_X,
    architecture: lambda.Architecture.ARM_64,
    timeout: Duration.seconds(10),
    memorySize: 128,
    bundling,
  });
}

/** Hand-written aws-cdk-lib: the resources JobQueue makes, written out. */
function handWritten(i: number): void {
  const stack = stackFor(i);
  const jobType = jobTypes[i]!;
  const dlq = new sqs.Queue(stack, `${jobType}Dlq`, {
    queueName: `${stack.stackName}-${jobType}-dlq`,
    retentionPeriod: Duration.days(14),
    encryption: sqs.QueueEncryption.SQS_MANAGED,
    enforceSSL: true,
  });
  const queue = new sqs.Queue(stack, `${jobType}Queue`, {
    queueName: `${stack.stackName}-${jobType}`,
    visibilityTimeout: Duration.seconds(60),
    retentionPeriod: Duration.days(4),
    encryption: sqs.QueueEncryption.SQS_MANAGED,
    enforceSSL: true,
    deadLetterQueue: { queue: dlq, maxReceiveCount: 5 },
  });
  const fn = worker(stack, i);
  fn.addEnvironment('JOBQ_JOB_TYPE', jobType);
  fn.addEnvironment('JOBQ_QUEUE_URL', queue.queueUrl);
  fn.addEnvironment('JOBQ_DLQ_URL', dlq.queueUrl);
  dlq.grantSendMessages(fn);
  fn.addEventSource(new SqsEventSource(queue, { batchSize: 10, maxConcurrency: 10, reportBatchItemFailures: true }));
  outputs(stack, jobType, queue, dlq);
}

/** AWS Solutions Constructs: SqsToLambda with the same worker function. */
function solutions(i: number): void {
  const stack = stackFor(i);
  const jobType = jobTypes[i]!;
  const construct = new SqsToLambda(stack, jobType, {
    existingLambdaObj: worker(stack, i),
    queueProps: { queueName: `${stack.stackName}-${jobType}`, visibilityTimeout: Duration.seconds(60), retentionPeriod: Duration.days(4) },
    deadLetterQueueProps: { queueName: `${stack.stackName}-${jobType}-dlq`, retentionPeriod: Duration.days(14) },
    maxReceiveCount: 5,
    sqsEventSourceProps: { batchSize: 10, maxConcurrency: 10, reportBatchItemFailures: true },
  });
  outputs(stack, jobType, construct.sqsQueue, construct.deadLetterQueue!.queue);
}

function library(): void {
  const schema = z.object({ id: z.string() });
  const jobs: JobQueueStacksEntry[] = jobTypes.map((name, i) => ({
    job: defineJob({ name, schema, description: `benchmark job ${i}` }),
    workerEntry: entryOf(i),
    workerTimeout: Duration.seconds(10),
    // The baselines have no alarms: leave ours out too, so every variant synthesizes the same topology.
    alarms: false,
  }));
  new JobQueueStacks(app, 'Jobs', { jobs });
}

if (variant === 'library') library();
else for (let i = 0; i < n; i++) (variant === 'solutions' ? solutions : handWritten)(i);

const assembly = app.synth();
// A live esbuild service (library variant) is a child process Node never waits for: read its CPU
// before stopping it, or /usr/bin/time would not see it.
const children = childProcessUsage();
await esbuild.stop();
const stacks = assembly.stacks.map((s) => ({
  resources: Object.keys(s.template.Resources ?? {}).length,
  outputs: Object.keys(s.template.Outputs ?? {}).length,
}));
const self = process.resourceUsage();
console.log(
  JSON.stringify({
    variant,
    n,
    stacks,
    functions: stacks.length,
    selfMaxRssKb: self.maxRSS,
    liveChildrenCpuSeconds: children.cpuSeconds,
  }),
);
