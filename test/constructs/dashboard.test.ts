import { Duration, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { describe, expect, test } from 'vitest';
import { JobQueue, JobQueuesDashboard } from '../../lib/index.js';
import { FIXTURE_WORKER, testStack } from '../helpers/app.js';

interface Widget {
  type: string;
  properties: { title?: string; markdown?: string; metrics?: unknown[][] };
}

/** The dashboard body as JSON, with CloudFormation's Fn::Join flattened and tokens replaced by their logical id. */
function dashboardWidgets(stack: Stack): Widget[] {
  const dashboards = Template.fromStack(stack).findResources('AWS::CloudWatch::Dashboard');
  const [dashboard] = Object.values(dashboards);
  const parts = dashboard?.Properties.DashboardBody['Fn::Join'][1] as unknown[];
  const body = parts
    .map((p) => (typeof p === 'string' ? p : 'Ref' in (p as object) ? (p as { Ref: string }).Ref : (p as { 'Fn::GetAtt': string[] })['Fn::GetAtt'][0]))
    .join('');
  return (JSON.parse(body) as { widgets: Widget[] }).widgets;
}

function jobQueue(stack: Stack, jobType: string): JobQueue {
  return new JobQueue(stack, jobType, { jobType, workerEntry: FIXTURE_WORKER, workerTimeout: Duration.seconds(10) });
}

describe('JobQueuesDashboard', () => {
  test('creates one dashboard with a header and six graphs per job type', () => {
    const stack = testStack();
    const jobQueues = [jobQueue(stack, 'email-sending'), jobQueue(stack, 'photo-resize')];
    new JobQueuesDashboard(stack, 'Ops', { jobQueues });
    Template.fromStack(stack).resourceCountIs('AWS::CloudWatch::Dashboard', 1);
    const widgets = dashboardWidgets(stack);
    expect(widgets.filter((w) => w.type === 'text').map((w) => w.properties.markdown)).toEqual(['## email-sending', '## photo-resize']);
    expect(widgets.filter((w) => w.type === 'metric')).toHaveLength(12);
  });

  test('shows depth, in flight, age of oldest, DLQ depth, worker duration, errors, throttles and concurrency', () => {
    const stack = testStack();
    const jq = jobQueue(stack, 'email-sending');
    new JobQueuesDashboard(stack, 'Ops', { jobQueues: [jq] });
    const queueId = stack.getLogicalId(jq.queue.node.defaultChild as never);
    const dlqId = stack.getLogicalId(jq.deadLetterQueue.node.defaultChild as never);
    const fnId = stack.getLogicalId(jq.worker.node.defaultChild as never);
    const graphs = Object.fromEntries(
      dashboardWidgets(stack)
        .filter((w) => w.type === 'metric')
        .map((w) => [w.properties.title, (w.properties.metrics ?? []).map((m) => m.slice(0, 4).join(' '))]),
    );
    expect(graphs).toEqual({
      'email-sending: queue depth and in flight': [
        `AWS/SQS ApproximateNumberOfMessagesVisible QueueName ${queueId}`,
        `AWS/SQS ApproximateNumberOfMessagesNotVisible QueueName ${queueId}`,
      ],
      'email-sending: age of oldest job (s)': [`AWS/SQS ApproximateAgeOfOldestMessage QueueName ${queueId}`],
      'email-sending: DLQ depth': [`AWS/SQS ApproximateNumberOfMessagesVisible QueueName ${dlqId}`],
      'email-sending: worker duration (ms)': [
        `AWS/Lambda Duration FunctionName ${fnId}`,
        `AWS/Lambda Duration FunctionName ${fnId}`,
        `AWS/Lambda Duration FunctionName ${fnId}`,
      ],
      'email-sending: worker errors and throttles': [`AWS/Lambda Errors FunctionName ${fnId}`, `AWS/Lambda Throttles FunctionName ${fnId}`],
      'email-sending: worker concurrency': [`AWS/Lambda ConcurrentExecutions FunctionName ${fnId}`],
    });
  });

  test.each([
    ['leaves the name to CloudFormation by default', undefined],
    ['uses the dashboardName given', 'jobs-ops'],
  ])('%s', (_title, dashboardName) => {
    const stack = testStack();
    new JobQueuesDashboard(stack, 'Ops', { jobQueues: [jobQueue(stack, 'email-sending')], dashboardName });
    Template.fromStack(stack).hasResourceProperties('AWS::CloudWatch::Dashboard', { DashboardName: dashboardName ?? Match.absent() });
  });
});
