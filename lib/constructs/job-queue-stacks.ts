/**
 * Many job types in one app: `JobQueueStacks` takes the job types from the registry, spreads them over
 * as many stacks as CloudFormation's per-stack limits need, and bundles every worker in one pass.
 *
 * Stable assignment without state: job types fill stacks in the order the user lists them,
 * `jobTypesPerStack` to a stack, so a job type's stack depends only on the entries listed before it.
 * Appending a job type never moves an existing one. Removing one would shift every later one, so a
 * removed job type stays in the list as `JobQueueStacks.retired(name)`, which keeps its slot and
 * creates nothing. A hash-to-shard scheme was rejected: with a fixed shard count a shard eventually
 * fills up and the only ways out (more shards, or overflow to the next) move job types anyway.
 */
import { Stack, type StackProps } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import type { JobDefinition } from '../jobs/define-job.js';
import { WorkerBundler } from './bundling.js';
import { DEFAULT_JOB_TYPES_PER_STACK } from './defaults.js';
import { JobQueue } from './job-queue.js';
import type { JobQueueProps } from './job-queue-props.js';
import { CFN_MAX_OUTPUTS_PER_STACK, CFN_MAX_RESOURCES_PER_STACK, jobTypeFootprint, maxJobTypesPerStack, stackOverhead } from './stack-limits.js';

/** One job type of a `JobQueueStacks`: its registry definition plus its `JobQueue` tuning. */
export interface JobQueueStacksEntry extends Omit<JobQueueProps, 'jobType' | 'fifo' | 'job'> {
  /** The job type's definition from the registry: gives the job type's name and FIFO flag. */
  readonly job: JobDefinition;
}

/** A removed job type that keeps its slot, so the job types listed after it stay in their stacks. */
export interface RetiredJobType {
  /** The removed job type's name. */
  readonly retired: string;
}

export interface JobQueueStacksProps {
  /**
   * Every job type of the app, in a fixed order: append new job types at the end and replace removed
   * ones with `JobQueueStacks.retired(name)`. The order decides which stack each job type lands in.
   */
  readonly jobs: readonly (JobQueueStacksEntry | RetiredJobType)[];

  /**
   * How many job types (retired ones included) go into one stack. Changing it moves job types
   * between stacks, which replaces their queues: pick it once.
   *
   * @default 30
   * @see https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/cloudformation-limits.html
   */
  readonly jobTypesPerStack?: number;

  /**
   * Stack names are `<stackNamePrefix>-<n>`, n from 1; physical names of queues and workers start
   * with the stack name.
   *
   * @default - this construct's id
   */
  readonly stackNamePrefix?: string;

  /**
   * Props for every stack (environment, tags, termination protection…). `stackName` is ignored.
   *
   * @default - none
   */
  readonly stackProps?: StackProps;
}

/** Thrown when `JobQueueStacks` props are invalid; lists every problem. */
export class JobQueueStacksValidationError extends Error {
  public readonly problems: readonly string[];

  constructor(problems: readonly string[]) {
    const noun = problems.length === 1 ? 'problem' : 'problems';
    super(`JobQueueStacks has ${problems.length} ${noun}:\n${problems.map((p) => `- ${p}`).join('\n')}`);
    this.name = 'JobQueueStacksValidationError';
    this.problems = problems;
  }
}

/** The job types of an app, spread over as many stacks as CloudFormation's limits need. */
export class JobQueueStacks extends Construct {
  /** A placeholder for a removed job type: keeps its slot so later job types do not move. */
  public static retired(jobType: string): RetiredJobType {
    return { retired: jobType };
  }

  /** The stacks, in order (`<prefix>-1` first). */
  public readonly stacks: readonly Stack[];
  /** Every (non-retired) job type's `JobQueue`, by job type. */
  public readonly jobQueues: ReadonlyMap<string, JobQueue>;
  /** How many job types one stack holds. */
  public readonly jobTypesPerStack: number;

  constructor(scope: Construct, id: string, props: JobQueueStacksProps) {
    super(scope, id);
    this.jobTypesPerStack = props.jobTypesPerStack ?? DEFAULT_JOB_TYPES_PER_STACK;
    validate(props, this.jobTypesPerStack);

    // Every worker is declared before the first JobQueue asks for its bundle: one esbuild pass for all.
    WorkerBundler.of(this).declare(
      props.jobs.flatMap((entry) => ('job' in entry && entry.workerEntry !== undefined ? [{ entry: entry.workerEntry, sourceMap: true }] : [])),
    );

    const prefix = props.stackNamePrefix ?? id;
    const stacks: Stack[] = [];
    const jobQueues = new Map<string, JobQueue>();
    for (const [slot, entry] of stackSlots(props.jobs, this.jobTypesPerStack)) {
      while (stacks.length <= slot) {
        const n = stacks.length + 1;
        stacks.push(new Stack(this, `${n}`, { ...props.stackProps, stackName: `${prefix}-${n}` }));
      }
      if (!('job' in entry)) continue;
      const { job, ...tuning } = entry;
      jobQueues.set(job.name, new JobQueue(stacks[slot]!, job.name, { ...tuning, jobType: job.name, fifo: job.fifo }));
    }
    this.stacks = stacks;
    this.jobQueues = jobQueues;
  }

  /** The stack a job type lives in. */
  public stackOf(jobType: string): Stack {
    const queue = this.jobQueues.get(jobType);
    if (!queue) throw new Error(`JobQueueStacks has no job type '${jobType}'; known: ${[...this.jobQueues.keys()].join(', ')}`);
    return Stack.of(queue);
  }
}

/**
 * Which stack (0-based) each entry lands in: the entry's position divided by `jobTypesPerStack`.
 * Pure and order-based, so appending entries never changes the result for earlier ones.
 */
export function stackSlots<T>(entries: readonly T[], jobTypesPerStack: number): [number, T][] {
  return entries.map((entry, position) => [Math.floor(position / jobTypesPerStack), entry]);
}

function nameOf(entry: JobQueueStacksEntry | RetiredJobType): string {
  return 'job' in entry ? entry.job.name : entry.retired;
}

function validate(props: JobQueueStacksProps, jobTypesPerStack: number): void {
  const problems: string[] = [];
  const capacity = maxJobTypesPerStack();
  const perJob = jobTypeFootprint();
  const overhead = stackOverhead();
  if (!Number.isInteger(jobTypesPerStack) || jobTypesPerStack < 1 || jobTypesPerStack > capacity) {
    problems.push(
      `jobTypesPerStack (${jobTypesPerStack}) must be an integer from 1 to ${capacity}: each job type adds ${perJob.resources} resources and ${perJob.outputs} outputs, ` +
        `and a stack holds at most ${CFN_MAX_RESOURCES_PER_STACK} resources (${overhead.resources} taken by CDK metadata and the shared alarm topic) and ${CFN_MAX_OUTPUTS_PER_STACK} outputs; ` +
        `lower it or leave it unset (${DEFAULT_JOB_TYPES_PER_STACK})`,
    );
  }
  const seen = new Map<string, number>();
  props.jobs.forEach((entry, position) => {
    const name = nameOf(entry);
    const first = seen.get(name);
    if (first !== undefined) {
      problems.push(`jobs[${position}] ('${name}') repeats jobs[${first}]: each job type is listed once; remove the repeat`);
    } else {
      seen.set(name, position);
    }
  });
  if (problems.length > 0) throw new JobQueueStacksValidationError(problems);
}
