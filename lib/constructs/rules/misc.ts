/**
 * The remaining rules: one worker source, unique job types per stack, and the plain ranges of
 * maxReceiveCount, memory, message size and delivery delay.
 */
import {
  MAX_DELIVERY_DELAY_SECONDS,
  MAX_MAX_RECEIVE_COUNT,
  MAX_MESSAGE_SIZE_BYTES,
  MAX_WORKER_MEMORY_SIZE,
  MIN_MAX_RECEIVE_COUNT,
  MIN_MESSAGE_SIZE_BYTES,
  MIN_WORKER_MEMORY_SIZE,
} from '../limits.js';
import { durationInRange, integerInRange, jobTypeOf, type Rule } from './rule.js';

export const MISC_RULES: readonly Rule[] = [
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
  integerInRange({
    id: 'max-receive-count-range',
    prop: 'maxReceiveCount',
    min: MIN_MAX_RECEIVE_COUNT,
    max: MAX_MAX_RECEIVE_COUNT,
    fix: 'SQS allows nothing outside this range (5 or more is AWS\'s recommendation for Lambda workers)',
  }),
  integerInRange({
    id: 'worker-memory-range',
    prop: 'workerMemorySize',
    unit: 'MB',
    min: MIN_WORKER_MEMORY_SIZE,
    max: MAX_WORKER_MEMORY_SIZE,
    fix: 'Lambda allows nothing outside this range',
  }),
  integerInRange({
    id: 'max-message-size-range',
    prop: 'maxMessageSizeBytes',
    unit: 'bytes',
    min: MIN_MESSAGE_SIZE_BYTES,
    max: MAX_MESSAGE_SIZE_BYTES,
    fix: 'SQS allows nothing outside this range; store larger payloads in S3 and send a reference',
  }),
  durationInRange({
    id: 'delivery-delay-range',
    prop: 'deliveryDelay',
    minSeconds: 0,
    maxSeconds: MAX_DELIVERY_DELAY_SECONDS,
    fix: 'SQS allows no longer delay; schedule later jobs with EventBridge Scheduler instead',
  }),
  {
    id: 'ignored-prop',
    severity: 'warning',
    check: ({ props }) =>
      props.worker !== undefined && props.workerMemorySize !== undefined
        ? `JobQueue '${jobTypeOf(props)}': workerMemorySize (${props.workerMemorySize} MB) is ignored because worker is an existing function; set the memory on that function and remove workerMemorySize.`
        : undefined,
  },
];
