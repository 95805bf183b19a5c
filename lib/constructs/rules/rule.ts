/**
 * What a rule is and the small helpers every rule file shares: token checks, unit formatting and the
 * range rules most props need.
 */
import { Token, type Duration } from 'aws-cdk-lib';
import type { JobQueueProps } from '../job-queue-props.js';
import type { JobQueueSettings } from './settings.js';

/** What a rule sees: the user's props, the effective settings after defaults, and facts about the stack. */
export interface RuleInput {
  readonly props: JobQueueProps;
  /** Job types already declared by other `JobQueue`s in the same stack. */
  readonly jobTypesInStack: ReadonlySet<string>;
  /** Every value `JobQueue` will use: the props, or the default or derived value where a prop is unset. */
  readonly settings: JobQueueSettings;
}

/**
 * One rule: returns a problem line (`prop (value) must …; fix`) or undefined when the props pass.
 * An `error` rule's line goes into the one `JobQueueValidationError`; a `warning` rule's line becomes
 * a CDK warning annotation with the stable id `cdk-job-queues:<id>`.
 */
export interface Rule {
  readonly id: string;
  /** @default 'error' */
  readonly severity?: 'error' | 'warning';
  readonly check: (input: RuleInput) => string | undefined;
}

/** The job type a `JobQueue` carries: `job.name`, else `jobType` (undefined when neither is set). */
export function jobTypeOf(props: Pick<JobQueueProps, 'job' | 'jobType'>): string | undefined {
  return props.job?.name ?? props.jobType;
}

/** Seconds of a duration, fractional allowed; undefined when unset or an unresolved token. */
export function secondsOf(duration: Duration | undefined): number | undefined {
  if (duration === undefined || duration.isUnresolved()) return undefined;
  return duration.toSeconds({ integral: false });
}

/** The number, or undefined when unset or an unresolved token. */
export function resolved(value: number | undefined): number | undefined {
  return value === undefined || Token.isUnresolved(value) ? undefined : value;
}

const UNITS: readonly [number, string][] = [
  [86_400, 'day'],
  [3_600, 'hour'],
  [60, 'minute'],
];

/** `120 seconds (2 minutes)`, `345600 seconds (4 days)`, `90 seconds`. */
export function formatSeconds(seconds: number): string {
  const base = `${seconds} ${seconds === 1 ? 'second' : 'seconds'}`;
  for (const [size, name] of UNITS) {
    if (seconds >= size && seconds % size === 0) {
      const n = seconds / size;
      return `${base} (${n} ${name}${n === 1 ? '' : 's'})`;
    }
  }
  return base;
}

/** `1,048,576` */
export function formatNumber(value: number): string {
  return value.toLocaleString('en-US', { maximumFractionDigits: 3 });
}

export interface NumberRangeRule {
  readonly id: string;
  readonly prop: keyof JobQueueProps & string;
  /** Unit after the value, e.g. `MB`; empty for counts. */
  readonly unit?: string;
  readonly min: number;
  readonly max: number;
  /** The fix, appended after `; `. */
  readonly fix: string;
}

/** `<prop> (<value> <unit>) must be an integer from <min> to <max> <unit>; <fix>`, skipped when unset or a token. */
export function integerInRange({ id, prop, unit = '', min, max, fix }: NumberRangeRule): Rule {
  const u = unit ? ` ${unit}` : '';
  return {
    id,
    check: ({ props }) => {
      const value = resolved(props[prop] as number | undefined);
      if (value === undefined || (Number.isInteger(value) && value >= min && value <= max)) return undefined;
      return `${prop} (${formatNumber(value)}${u}) must be an integer from ${formatNumber(min)} to ${formatNumber(max)}${u}; ${fix}`;
    },
  };
}

export interface DurationRangeRule {
  readonly id: string;
  readonly prop: keyof JobQueueProps & string;
  readonly minSeconds: number;
  readonly maxSeconds: number;
  readonly fix: string;
}

/** A Duration prop that must be whole seconds within a range, skipped when unset or a token. */
export function durationInRange({ id, prop, minSeconds, maxSeconds, fix }: DurationRangeRule): Rule {
  return {
    id,
    check: ({ props }) => {
      const seconds = secondsOf(props[prop] as Duration | undefined);
      if (seconds === undefined) return undefined;
      if (!Number.isInteger(seconds)) {
        return `${prop} (${formatNumber(seconds)} seconds) must be a whole number of seconds; use Duration.seconds(${Math.ceil(seconds)})`;
      }
      if (seconds >= minSeconds && seconds <= maxSeconds) return undefined;
      return `${prop} (${formatSeconds(seconds)}) must be from ${formatSeconds(minSeconds)} to ${formatSeconds(maxSeconds)}; ${fix}`;
    },
  };
}
