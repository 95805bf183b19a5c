/**
 * FIFO rules: the DLQ's type must match the source's, names carry `.fifo` exactly when the queue is FIFO,
 * and FIFO-only options are rejected on standard queues.
 *
 * @see https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-configure-dead-letter-queue.html
 * @see https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/FIFO-queues.html
 */
import { Token } from 'aws-cdk-lib';
import type { JobQueueProps } from '../job-queue-props.js';
import { FIFO_SUFFIX, stripFifo } from '../names.js';
import type { Rule } from './rule.js';

/** Options SQS only accepts on FIFO queues. */
const FIFO_ONLY_OPTIONS: readonly (keyof JobQueueProps)[] = ['contentBasedDeduplication'];

export const FIFO_RULES: readonly Rule[] = [
  {
    id: 'fifo-queue-name-suffix',
    check: ({ props, settings }) => {
      const name = props.queueName;
      if (name === undefined || Token.isUnresolved(name)) return undefined;
      if (settings.fifo && !name.endsWith(FIFO_SUFFIX)) {
        return `queueName ('${name}') must end in '${FIFO_SUFFIX}' because the queue is FIFO (SQS naming rule for FIFO queues); use '${name}${FIFO_SUFFIX}' or leave queueName unset`;
      }
      if (!settings.fifo && name.endsWith(FIFO_SUFFIX)) {
        return `queueName ('${name}') ends in '${FIFO_SUFFIX}' but fifo is not set, and only FIFO queue names may end in '${FIFO_SUFFIX}'; set fifo: true for a FIFO queue, or use '${stripFifo(name)}'`;
      }
      return undefined;
    },
  },
  {
    // SQS: a FIFO queue's DLQ must be FIFO and a standard queue's DLQ standard (C02).
    id: 'dead-letter-queue-type',
    check: ({ props, settings }) => {
      const name = props.deadLetterQueueName;
      if (name === undefined || Token.isUnresolved(name)) return undefined;
      const dlqFifo = name.endsWith(FIFO_SUFFIX);
      if (dlqFifo === settings.fifo) return undefined;
      const [source, dlq] = settings.fifo ? ['FIFO', 'standard'] : ['standard', 'FIFO'];
      const fixed = settings.fifo ? `${name}${FIFO_SUFFIX}` : stripFifo(name);
      return `deadLetterQueueName ('${name}') names a ${dlq} queue but the source queue is ${source}: SQS requires the DLQ to be the same type as its source (a FIFO name ends in '${FIFO_SUFFIX}'); use '${fixed}' or leave deadLetterQueueName unset`;
    },
  },
  {
    id: 'fifo-only-options',
    check: ({ props, settings }) => {
      if (settings.fifo) return undefined;
      const given = FIFO_ONLY_OPTIONS.filter((option) => props[option] !== undefined);
      if (given.length === 0) return undefined;
      const list = given.map((option) => `${option} (${String(props[option])})`).join(', ');
      return `${list} only ${given.length === 1 ? 'applies' : 'apply'} to FIFO queues; remove ${given.length === 1 ? 'it' : 'them'}, or set fifo: true`;
    },
  },
];
