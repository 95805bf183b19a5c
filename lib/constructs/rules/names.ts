/**
 * Name rules: the job type's form, and user-given physical names against SQS's queue-name rule. Derived
 * names always fit (see `../names.ts`), so only given names can fail.
 *
 * @see https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_CreateQueue.html
 */
import { Token } from 'aws-cdk-lib';
import { JOB_TYPE_PATTERN } from '../../jobs/define-job.js';
import { queueNameProblem } from '../names.js';
import type { Rule } from './rule.js';

const QUEUE_NAME_RULE = "SQS's queue-name rule: 1 to 80 characters of letters, digits, '-' and '_', plus '.fifo' at the end of a FIFO queue's name (counted)";

function queueNameRule(id: string, prop: 'queueName' | 'deadLetterQueueName'): Rule {
  return {
    id,
    check: ({ props }) => {
      const name = props[prop];
      if (name === undefined || Token.isUnresolved(name)) return undefined;
      const problem = queueNameProblem(name);
      return problem ? `${prop} ('${name}') breaks ${QUEUE_NAME_RULE}: ${problem}; fix the name or leave ${prop} unset to get a derived one` : undefined;
    },
  };
}

export const NAME_RULES: readonly Rule[] = [
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
  queueNameRule('queue-name-format', 'queueName'),
  queueNameRule('dead-letter-queue-name-format', 'deadLetterQueueName'),
  {
    // C02: a DLQ that inherits the source's explicit name collides with it.
    id: 'dead-letter-queue-name-distinct',
    check: ({ props }) => {
      const { queueName, deadLetterQueueName } = props;
      if (queueName === undefined || deadLetterQueueName === undefined || queueName !== deadLetterQueueName) return undefined;
      return `deadLetterQueueName ('${deadLetterQueueName}') must differ from queueName: two queues cannot share a name; leave deadLetterQueueName unset to get '<queueName>-dlq'`;
    },
  },
];

function suggestKebab(value: string): string {
  const kebab = value
    .replace(/([a-z0-9])([A-Z])/g, '$1-$2')
    .replace(/[^A-Za-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .toLowerCase()
    .replace(/^[^a-z]+/, '');
  return kebab.length > 0 ? kebab : 'my-job-type';
}
