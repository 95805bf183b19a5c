/**
 * Timeout rules: the worker timeout's range, the visibility timeout's range, and how the two relate.
 *
 * @see https://docs.aws.amazon.com/lambda/latest/dg/services-sqs-configure.html
 */
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { recommendedVisibilitySeconds } from '../defaults.js';
import { MAX_VISIBILITY_TIMEOUT_SECONDS, MAX_WORKER_TIMEOUT_SECONDS, MIN_WORKER_TIMEOUT_SECONDS } from '../limits.js';
import { durationInRange, formatSeconds, secondsOf, type Rule, jobTypeOf } from './rule.js';

export const TIMEOUT_RULES: readonly Rule[] = [
  {
    // Required in TypeScript; plain JavaScript callers can still leave it out.
    id: 'worker-timeout-required',
    check: ({ props }) =>
      props.workerTimeout === undefined
        ? `workerTimeout is unset; set it to the worker function's timeout (1 second to 15 minutes): the visibility timeout is derived from it`
        : undefined,
  },
  durationInRange({
    id: 'worker-timeout-range',
    prop: 'workerTimeout',
    minSeconds: MIN_WORKER_TIMEOUT_SECONDS,
    maxSeconds: MAX_WORKER_TIMEOUT_SECONDS,
    fix: 'Lambda allows no more; split longer work into several jobs',
  }),
  durationInRange({
    id: 'visibility-timeout-range',
    prop: 'visibilityTimeout',
    minSeconds: 0,
    maxSeconds: MAX_VISIBILITY_TIMEOUT_SECONDS,
    fix: 'SQS allows no more; lower it, or leave it unset to get 6 × workerTimeout + maxBatchingWindow',
  }),
  {
    // The visibility timeout is derived from workerTimeout, so it must be the function's real timeout
    // (Lift derived it from the wrong timeout and the deploy failed: C01).
    id: 'worker-timeout-matches-function',
    check: ({ props }) => {
      if (!(props.worker instanceof lambda.Function)) return undefined;
      const actual = secondsOf(props.worker.timeout);
      const declared = secondsOf(props.workerTimeout);
      if (actual === undefined || declared === undefined || actual === declared) return undefined;
      return `workerTimeout (${formatSeconds(declared)}) must equal the timeout of the given worker function (${formatSeconds(actual)}): the visibility timeout is derived from workerTimeout; pass workerTimeout: worker.timeout`;
    },
  },
  {
    // The derived default needs both inputs as numbers at synth time.
    id: 'visibility-timeout-derivable',
    check: ({ props }) => {
      if (props.visibilityTimeout !== undefined) return undefined;
      const unresolved = [
        props.workerTimeout?.isUnresolved() ? 'workerTimeout' : undefined,
        props.maxBatchingWindow?.isUnresolved() ? 'maxBatchingWindow' : undefined,
      ].filter(Boolean);
      if (unresolved.length === 0) return undefined;
      return `visibilityTimeout is unset and ${unresolved.join(' and ')} ${unresolved.length === 1 ? 'is a deploy-time token' : 'are deploy-time tokens'}, so it cannot be derived (6 × workerTimeout + maxBatchingWindow); set visibilityTimeout explicitly`;
    },
  },
  {
    // Lambda refuses to create the mapping when the function timeout exceeds the visibility timeout (C01).
    id: 'visibility-timeout-below-worker-timeout',
    check: ({ props, settings }) => {
      if (props.visibilityTimeout === undefined) return undefined;
      const visibility = secondsOf(props.visibilityTimeout);
      const worker = secondsOf(props.workerTimeout);
      if (visibility === undefined || worker === undefined || visibility >= worker) return undefined;
      const recommended = recommendedVisibilitySeconds(props.workerTimeout, settings.maxBatchingWindow);
      return `visibilityTimeout (${formatSeconds(visibility)}) must be at least workerTimeout (${formatSeconds(worker)}): Lambda refuses to create the event source mapping otherwise, and a job would come back while its worker still runs; raise it to 6 × workerTimeout + maxBatchingWindow = ${formatSeconds(recommended)}, or leave it unset to get that derived`;
    },
  },
  {
    // AWS: at least 6 × the function timeout (+ window), so retries after throttling finish before the job reappears (C09).
    id: 'visibility-timeout',
    severity: 'warning',
    check: ({ props, settings }) => {
      if (props.visibilityTimeout === undefined) return undefined;
      const visibility = secondsOf(props.visibilityTimeout);
      const worker = secondsOf(props.workerTimeout);
      const window = settings.maxBatchingWindow === undefined ? 0 : secondsOf(settings.maxBatchingWindow);
      if (visibility === undefined || worker === undefined || window === undefined || visibility < worker) return undefined;
      const recommended = recommendedVisibilitySeconds(props.workerTimeout, settings.maxBatchingWindow);
      if (visibility >= recommended) return undefined;
      return `JobQueue '${jobTypeOf(props)}': visibilityTimeout (${formatSeconds(visibility)}) is below the recommended 6 × workerTimeout (${formatSeconds(worker)}) + maxBatchingWindow (${formatSeconds(window)}) = ${formatSeconds(recommended)}. Lambda retries a throttled batch only until the visibility timeout runs out, so the job may be delivered again while it still runs (duplicate work, used-up receives). Raise it to at least ${recommended} seconds, or leave it unset to get that derived.`;
    },
  },
];
