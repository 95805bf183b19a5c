import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { describe, expect, test } from 'vitest';
import { jobQueueNames, outputIdPrefix } from '../../../lib/constructs/names.js';
import { cdkJsonContext } from '../../../lib/app/seed-app.js';
import { FIXTURE_WORKER, scratchDir } from '../../helpers/app.js';
import { building, buildJobQueue } from '../../helpers/job-queue.js';

const QUEUE_NAME = /^[A-Za-z0-9_-]{1,80}$/;
const FIFO_QUEUE_NAME = /^[A-Za-z0-9_-]{1,75}\.fifo$/;
const FUNCTION_NAME = /^[A-Za-z0-9_-]{1,64}$/;
const kebab = (words: number) => Array.from({ length: words }, (_, i) => `w${i}`).join('-');

/** CloudFormation stack names: up to 128 characters, starting with a letter. */
const STACK_NAMES = ['S', 'CdkJobQueues', 'A'.repeat(128), `feature-${'x'.repeat(119)}`];
const JOB_TYPES = ['a', 'email-sending', kebab(30), kebab(120)];

describe('derived physical names fit AWS rules for any stack name and job type', () => {
  const cases = STACK_NAMES.flatMap((stackName) => JOB_TYPES.flatMap((jobType) => [false, true].map((fifo) => [stackName, jobType, fifo] as const)));

  test.each(cases)('stack %s, job type %s, FIFO %s', (stackName, jobType, fifo) => {
    const names = jobQueueNames(stackName, jobType, fifo);
    const queue = fifo ? FIFO_QUEUE_NAME : QUEUE_NAME;
    expect(names.queueName).toMatch(queue);
    expect(names.deadLetterQueueName).toMatch(queue);
    expect(names.functionName).toMatch(FUNCTION_NAME);
    expect(names.deadLetterQueueName).not.toBe(names.queueName);
    // Stable: the same inputs always give the same names.
    expect(jobQueueNames(stackName, jobType, fifo)).toEqual(names);
  });

  test('keeps short names readable: <stack>-<jobType>, -dlq and -worker', () => {
    expect(jobQueueNames('CdkJobQueues', 'email-sending', false)).toEqual({
      queueName: 'CdkJobQueues-email-sending',
      deadLetterQueueName: 'CdkJobQueues-email-sending-dlq',
      functionName: 'CdkJobQueues-email-sending-worker',
    });
  });

  test('keeps two long job types that differ only at the end apart', () => {
    const a = jobQueueNames('A'.repeat(128), `${kebab(60)}-a`, false);
    const b = jobQueueNames('A'.repeat(128), `${kebab(60)}-b`, false);
    expect(a.queueName).not.toBe(b.queueName);
    expect(a.functionName).not.toBe(b.functionName);
  });

  test.each([
    ['email-sending', 'EmailSending'],
    [kebab(120), undefined],
  ])('output id prefix of %s fits 255 alphanumeric characters with the longest suffix', (jobType, expected) => {
    const prefix = outputIdPrefix(jobType);
    expect(`${prefix}DeadLetterQueueArn`).toMatch(/^[A-Za-z0-9]{1,255}$/);
    if (expected) expect(prefix).toBe(expected);
  });

  test('a whole stack with a 128-character name and a 500-character job type synthesizes within every limit', () => {
    const app = new App({ context: cdkJsonContext(), outdir: scratchDir('cdk-out-') });
    const stack = new Stack(app, 'A'.repeat(128));
    const jobType = kebab(150);
    expect(jobType.length).toBeGreaterThan(500);
    buildJobQueue({ jobType, workerEntry: FIXTURE_WORKER, fifo: true }, stack);
    const template = Template.fromStack(stack).toJSON();
    const queues = Object.values(template.Resources).filter((r: any) => r.Type === 'AWS::SQS::Queue') as any[];
    for (const q of queues) expect(q.Properties.QueueName).toMatch(FIFO_QUEUE_NAME);
    const fn = Object.values(template.Resources).find((r: any) => r.Type === 'AWS::Lambda::Function') as any;
    expect(fn.Properties.FunctionName).toMatch(FUNCTION_NAME);
    expect(fn.Properties.Description.length).toBeLessThanOrEqual(256);
    for (const [id, output] of Object.entries(template.Outputs) as [string, any][]) {
      expect(id).toMatch(/^[A-Za-z0-9]{1,255}$/);
      expect(output.Description.length).toBeLessThanOrEqual(1024);
    }
  });
});

describe('given queue names follow the SQS queue-name rule', () => {
  test.each([
    ['q', false],
    ['Q'.repeat(80), false],
    [`${'Q'.repeat(75)}.fifo`, true],
    ['under_score-and-dash', false],
  ])('accepts %s (FIFO %s)', (queueName, fifo) => {
    expect(building({ queueName, fifo })).not.toThrow();
  });

  test.each([
    ['Q'.repeat(81), false, /it has 81 characters/],
    [`${'Q'.repeat(76)}.fifo`, true, /it has 81 characters/],
    ['has space', false, /it contains ' '/],
    ['dots.are.bad', false, /it contains '\.'/],
    ['.fifo', true, /it is empty/],
  ])('rejects %s (FIFO %s), naming the rule', (queueName, fifo, problem) => {
    expect(building({ queueName, fifo })).toThrow(
      new RegExp(`queueName \\(.*\\) breaks SQS's queue-name rule: 1 to 80 characters of letters, digits, '-' and '_'.*: ${problem.source}`),
    );
  });

  test('checks a given DLQ name the same way', () => {
    expect(building({ deadLetterQueueName: 'bad name!' })).toThrow(
      /deadLetterQueueName \('bad name!'\) breaks SQS's queue-name rule.*it contains ' ', '!'/,
    );
  });

  test('rejects a DLQ name equal to the queue name', () => {
    expect(building({ queueName: 'jobs', deadLetterQueueName: 'jobs' })).toThrow(
      /deadLetterQueueName \('jobs'\) must differ from queueName: two queues cannot share a name/,
    );
  });

  test('derives the DLQ name from a given queue name', () => {
    expect(buildJobQueue({ queueName: 'jobs' }).names.deadLetterQueueName).toBe('jobs-dlq');
  });

  test('derives a DLQ name that still fits from an 80-character queue name', () => {
    const name = buildJobQueue({ queueName: 'Q'.repeat(80) }).names.deadLetterQueueName;
    expect(name).toMatch(QUEUE_NAME);
    expect(name.endsWith('-dlq')).toBe(true);
  });

  test('uses a given DLQ name as it is', () => {
    expect(buildJobQueue({ deadLetterQueueName: 'failed-jobs' }).names.deadLetterQueueName).toBe('failed-jobs');
  });
});

describe('job type form', () => {
  test.each(['EmailSending', 'email_sending', '1-email', 'email-'])('rejects %s, suggesting a kebab-case name', (jobType) => {
    expect(building({ jobType })).toThrow(/jobType \('.*'\) must be kebab-case: .*; use '[a-z][a-z0-9-]*'/);
  });
});
