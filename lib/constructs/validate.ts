/**
 * The rule table for `JobQueue` props. Every rule runs before any child construct is created, every
 * failure is collected, and all of them are thrown together in one `JobQueueValidationError`.
 * A rule whose input is an unresolved token is skipped (its value is only known at deploy time).
 */
import { Token } from 'aws-cdk-lib';
import { JOB_TYPE_PATTERN } from '../jobs/define-job.js';
import type { JobQueueProps } from './job-queue-props.js';

/** What a rule sees: the user's props plus facts about the stack they land in. */
export interface RuleInput {
  readonly props: JobQueueProps;
  /** Job types already declared by other `JobQueue`s in the same stack. */
  readonly jobTypesInStack: ReadonlySet<string>;
}

/** One rule: returns a problem line (`prop (value) must …; fix`) or undefined when the props pass. */
export interface Rule {
  readonly id: string;
  readonly check: (input: RuleInput) => string | undefined;
}

export const RULES: readonly Rule[] = [
  {
    id: 'job-or-job-type',
    check: ({ props }) => {
      if (props.job === undefined && props.jobType === undefined) {
        return `job and jobType are both unset; set job to the job type's definition from the registry (defineJob), or jobType to its kebab-case name`;
      }
      if (props.job !== undefined && props.jobType !== undefined && props.jobType !== props.job.name) {
        return `jobType ('${props.jobType}') disagrees with job.name ('${props.job.name}'); leave jobType unset: job already names the job type`;
      }
      return undefined;
    },
  },
  {
    id: 'fifo-matches-job',
    check: ({ props }) =>
      props.job !== undefined && props.fifo !== undefined && props.fifo !== props.job.fifo
        ? `fifo (${props.fifo}) disagrees with job.fifo (${props.job.fifo}) of job '${props.job.name}'; leave fifo unset: job already says whether its queue is FIFO`
        : undefined,
  },
  {
    id: 'job-type-kebab-case',
    check: ({ props }) => {
      // job.name when given (a hand-built definition skips defineJob's check), else jobType.
      const [prop, value] = props.job !== undefined ? ['job.name', props.job.name] : ['jobType', props.jobType];
      return typeof value !== 'string' || Token.isUnresolved(value) || JOB_TYPE_PATTERN.test(value)
        ? undefined
        : `${prop} ('${value}') must be kebab-case: lowercase letters and digits in hyphen-separated words, starting with a letter; use '${suggestKebab(value)}'`;
    },
  },
  {
    id: 'job-type-unique-in-stack',
    check: ({ props, jobTypesInStack }) =>
      jobTypesInStack.has(jobTypeOf(props) ?? '')
        ? `jobType ('${jobTypeOf(props)}') is already used by another JobQueue in this stack; each job type gets exactly one queue, DLQ and worker, so give this one its own job type or reuse the existing JobQueue`
        : undefined,
  },
  {
    id: 'worker-source-exactly-one',
    check: ({ props }) => {
      const given = [props.workerEntry !== undefined, props.worker !== undefined].filter(Boolean).length;
      if (given === 1) return undefined;
      return given === 0
        ? `workerEntry and worker are both unset; set workerEntry to the worker's handler file (bundled for you) or worker to an existing lambda.IFunction`
        : `workerEntry ('${props.workerEntry}') and worker are both set; set only one: workerEntry to have the worker bundled for you, or worker to use an existing function`;
    },
  },
];

/** Thrown when `JobQueue` props break one or more rules; lists every problem. */
export class JobQueueValidationError extends Error {
  public readonly jobType: string;
  public readonly problems: readonly string[];

  constructor(jobType: string, problems: readonly string[]) {
    const noun = problems.length === 1 ? 'invalid prop' : 'invalid props';
    super(`JobQueue '${jobType}' has ${problems.length} ${noun}:\n${problems.map((p) => `- ${p}`).join('\n')}`);
    this.name = 'JobQueueValidationError';
    this.jobType = jobType;
    this.problems = problems;
  }
}

/** Runs every rule; throws one error listing all failures. */
export function validateJobQueueProps(input: RuleInput, rules: readonly Rule[] = RULES): void {
  const problems = rules.map((rule) => rule.check(input)).filter((p): p is string => p !== undefined);
  if (problems.length > 0) throw new JobQueueValidationError(jobTypeOf(input.props) ?? '(no job type)', problems);
}

/** The job type a `JobQueue` carries: `job.name`, else `jobType` (undefined when neither is set). */
export function jobTypeOf(props: Pick<JobQueueProps, 'job' | 'jobType'>): string | undefined {
  return props.job?.name ?? props.jobType;
}

function suggestKebab(value: string): string {
  const kebab = value
    .replace(/([a-z0-9])([A-Z])/g, '$1-$2')
    .replace(/[^A-Za-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .toLowerCase()
    .replace(/^[^a-z]+/, '');
  return kebab.length > 0 ? kebab : 'my-job-type';
}
