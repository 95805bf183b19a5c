/** cdk-nag's AwsSolutions checks on the operations parts: alarm topic and key, dashboard, operator grants. */
import { Duration, Stack, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { AwsSolutionsChecks } from 'cdk-nag';
import { describe, expect, test } from 'vitest';
import { JobQueue, JobQueuesDashboard } from '../../lib/index.js';
import { FIXTURE_WORKER, testApp } from '../helpers/app.js';

function operatedApp(acknowledge: boolean) {
  const app = testApp();
  const stack = new Stack(app, 'Ops');
  const jobQueue = new JobQueue(stack, 'Invoices', { jobType: 'invoice-sync', workerEntry: FIXTURE_WORKER, workerTimeout: Duration.seconds(10), fifo: true });
  new JobQueuesDashboard(stack, 'Dashboard', { jobQueues: [jobQueue] });
  const operator = new iam.Role(stack, 'Operator', { assumedBy: new iam.AccountRootPrincipal() });
  jobQueue.grantOperate(operator);
  if (acknowledge) {
    Validations.of(operator).acknowledge({ id: 'AwsSolutions::AwsSolutions-IAM5[Resource::*]', reason: 'unscopable actions' });
  }
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  return app;
}

describe('operations under cdk-nag', () => {
  test('the alarm topic, its key, the alarms, the dashboard and an acknowledged operator pass every check', () => {
    expect(() => operatedApp(true).synth()).not.toThrow();
  });

  test('the only finding without the acknowledgement is IAM5 for the two unscopable actions', () => {
    let report = '';
    try {
      operatedApp(false).synth();
    } catch (error) {
      report = String(error);
    }
    expect(report.match(/Acknowledge with '[^']+'/g)).toEqual(["Acknowledge with 'AwsSolutions::AwsSolutions-IAM5[Resource::*]'"]);
  });
});
