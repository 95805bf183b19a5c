/**
 * The rule table for `JobQueue` props. Every rule runs before any child construct is created, every
 * failure is collected, and all of them are thrown together in one `JobQueueValidationError`.
 * A rule whose input is an unresolved token is skipped (its value is only known at deploy time).
 * Warning rules (risky but legal values) come back to `JobQueue`, which adds them as CDK annotations.
 *
 * The rules live in `rules/`, one file per kind.
 */
import type { JobQueueProps } from './job-queue-props.js';
import { BATCHING_RULES } from './rules/batching.js';
import { CONCURRENCY_RULES } from './rules/concurrency.js';
import { FIFO_RULES } from './rules/fifo.js';
import { JOB_RULES } from './rules/job.js';
import { MISC_RULES } from './rules/misc.js';
import { NAME_RULES } from './rules/names.js';
import { RETENTION_RULES } from './rules/retention.js';
import { TIMEOUT_RULES } from './rules/timeouts.js';
import { jobTypeOf, type Rule, type RuleInput } from './rules/rule.js';
import { resolveSettings, type JobQueueSettings } from './rules/settings.js';

export type { Rule, RuleInput } from './rules/rule.js';
export { jobTypeOf } from './rules/rule.js';
export type { JobQueueSettings } from './rules/settings.js';

/** Every rule, in the order its problems are listed. */
export const RULES: readonly Rule[] = [
  ...JOB_RULES,
  ...NAME_RULES,
  ...MISC_RULES,
  ...TIMEOUT_RULES,
  ...BATCHING_RULES,
  ...CONCURRENCY_RULES,
  ...RETENTION_RULES,
  ...FIFO_RULES,
];

/** Prefix of every warning id: `cdk-job-queues:<rule id>`. */
export const WARNING_ID_PREFIX = 'cdk-job-queues:';

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

/** A risky but legal value: `id` is the stable annotation id (`cdk-job-queues:<rule id>`). */
export interface JobQueueWarning {
  readonly id: string;
  readonly message: string;
}

export interface ValidationInput {
  readonly props: JobQueueProps;
  readonly jobTypesInStack: ReadonlySet<string>;
}

export interface ValidationResult {
  /** The values to build with: props, defaults and derived values. */
  readonly settings: JobQueueSettings;
  readonly warnings: readonly JobQueueWarning[];
}

/** Runs every rule; throws one error listing all failures, or returns the settings and any warnings. */
export function validateJobQueueProps(input: ValidationInput, rules: readonly Rule[] = RULES): ValidationResult {
  const ruleInput: RuleInput = { ...input, settings: resolveSettings(input.props) };
  const errors: string[] = [];
  const warnings: JobQueueWarning[] = [];
  for (const rule of rules) {
    const message = rule.check(ruleInput);
    if (message === undefined) continue;
    if (rule.severity === 'warning') warnings.push({ id: `${WARNING_ID_PREFIX}${rule.id}`, message });
    else errors.push(message);
  }
  if (errors.length > 0) throw new JobQueueValidationError(jobTypeOf(input.props) ?? '(no job type)', errors);
  return { settings: ruleInput.settings, warnings };
}
