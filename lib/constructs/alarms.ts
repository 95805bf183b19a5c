/**
 * The alarms every `JobQueue` gets unless it opts out (`alarms: false`), all acting on one SNS topic.
 *
 * Missing data is never breaching: an idle queue or a worker that was not invoked emits no data points,
 * and that is not a problem.
 */
import type { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as actions from 'aws-cdk-lib/aws-cloudwatch-actions';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import type * as sns from 'aws-cdk-lib/aws-sns';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { ALARM_PERIOD } from './defaults.js';
import { MAX_ALARM_DESCRIPTION_LENGTH } from './limits.js';
import { clipText } from './names.js';

export interface JobQueueAlarmsProps {
  readonly jobType: string;
  readonly queue: sqs.IQueue;
  readonly deadLetterQueue: sqs.IQueue;
  readonly worker: lambda.IFunction;
  /** Where every alarm (and its return to OK) is sent. */
  readonly topic: sns.ITopic;
  /**
   * Age of the oldest job on the source queue at which the backlog alarm fires.
   *
   * @default - no backlog alarm (only when the threshold cannot be derived at synth time)
   */
  readonly oldestMessageAgeThreshold?: Duration;
}

/** One job type's alarms: DLQ not empty, backlog too old, worker errors, worker throttles. */
export class JobQueueAlarms extends Construct {
  /** Fires as soon as one job is visible in the DLQ. */
  public readonly deadLetterQueueNotEmpty: cloudwatch.Alarm;
  /** Fires when the oldest job on the source queue is older than the threshold (absent without one). */
  public readonly oldestMessageAge?: cloudwatch.Alarm;
  /** Fires when a worker invocation fails (a crash or a timeout, not a reported record failure). */
  public readonly workerErrors: cloudwatch.Alarm;
  /** Fires when Lambda throttles the worker (reserved or account concurrency exhausted). */
  public readonly workerThrottles: cloudwatch.Alarm;
  /** Every alarm above. */
  public readonly all: readonly cloudwatch.Alarm[];

  constructor(scope: Construct, id: string, props: JobQueueAlarmsProps) {
    super(scope, id);
    const { jobType } = props;
    const period = ALARM_PERIOD;

    this.deadLetterQueueNotEmpty = this.alarm('DeadLetterQueueNotEmpty', {
      metric: props.deadLetterQueue.metricApproximateNumberOfMessagesVisible({ period, statistic: 'Maximum' }),
      threshold: 1,
      description: `Job type '${jobType}': jobs are waiting in the DLQ. Read them with \`jobq failed ${jobType}\`, fix the cause, then \`jobq redrive ${jobType}\`.`,
    });
    if (props.oldestMessageAgeThreshold) {
      const thresholdSeconds = props.oldestMessageAgeThreshold.toSeconds();
      this.oldestMessageAge = this.alarm('OldestMessageAge', {
        metric: props.queue.metricApproximateAgeOfOldestMessage({ period, statistic: 'Maximum' }),
        threshold: thresholdSeconds,
        description: `Job type '${jobType}': the oldest job has waited at least ${thresholdSeconds} s; workers are not keeping up, are paused (\`jobq resume ${jobType}\`) or are failing.`,
      });
    }
    this.workerErrors = this.alarm('WorkerErrors', {
      metric: props.worker.metricErrors({ period, statistic: 'Sum' }),
      threshold: 1,
      description: `Job type '${jobType}': the worker crashed or timed out; its jobs are retried and may reach the DLQ. Check the worker's logs.`,
    });
    this.workerThrottles = this.alarm('WorkerThrottles', {
      metric: props.worker.metricThrottles({ period, statistic: 'Sum' }),
      threshold: 1,
      description: `Job type '${jobType}': Lambda throttled the worker; raise its reserved concurrency or lower maxConcurrency.`,
    });
    this.all = [this.deadLetterQueueNotEmpty, this.oldestMessageAge, this.workerErrors, this.workerThrottles].filter(
      (alarm): alarm is cloudwatch.Alarm => alarm !== undefined,
    );

    const action = new actions.SnsAction(props.topic);
    for (const alarm of this.all) {
      alarm.addAlarmAction(action);
      alarm.addOkAction(action);
    }
  }

  private alarm(id: string, options: { metric: cloudwatch.IMetric; threshold: number; description: string }): cloudwatch.Alarm {
    return new cloudwatch.Alarm(this, id, {
      metric: options.metric,
      threshold: options.threshold,
      evaluationPeriods: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      // Descriptions name the job type, which may be long: CloudFormation allows 1024 characters.
      alarmDescription: clipText(options.description, MAX_ALARM_DESCRIPTION_LENGTH),
    });
  }
}
