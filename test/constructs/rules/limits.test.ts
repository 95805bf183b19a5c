import { CfnOutput, CfnResource, type Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { describe, expect, test } from 'vitest';
import { testStack } from '../../helpers/app.js';
import { buildJobQueue } from '../../helpers/job-queue.js';

/** A stack with one JobQueue plus `extra` filler resources (or outputs). */
function stackWith(extra: number, kind: 'resources' | 'outputs'): Stack {
  const stack = testStack('Big');
  buildJobQueue({}, stack);
  for (let i = 0; i < extra; i++) {
    if (kind === 'resources') new CfnResource(stack, `Filler${i}`, { type: 'AWS::SNS::Topic' });
    else new CfnOutput(stack, `Filler${i}`, { value: 'x' });
  }
  return stack;
}

/** How many resources and outputs one JobQueue alone puts in a template, read from the template. */
function baseline(): { resources: number; outputs: number } {
  const template = Template.fromStack(stackWith(0, 'resources')).toJSON();
  return { resources: Object.keys(template.Resources).length, outputs: Object.keys(template.Outputs).length };
}

describe('CloudFormation per-stack limits', () => {
  const base = baseline();

  test.each([
    [499, false],
    [500, false],
    [501, true],
  ])('a stack with %i resources fails: %s', (total, fails) => {
    const synth = () => Template.fromStack(stackWith(total - base.resources, 'resources'));
    if (fails) {
      expect(synth).toThrow(new RegExp(`Stack 'Big' would have ${total} resources, more than CloudFormation's limit of 500 per stack; move some job types to another stack`));
    } else {
      expect(synth).not.toThrow();
    }
  });

  test.each([
    [199, false],
    [200, false],
    [201, true],
  ])('a stack with %i outputs fails: %s', (total, fails) => {
    const synth = () => Template.fromStack(stackWith(total - base.outputs, 'outputs'));
    if (fails) {
      expect(synth).toThrow(new RegExp(`Stack 'Big' would have ${total} outputs, more than CloudFormation's limit of 200 per stack; move some job types to another stack \\(each JobQueue adds 4 outputs\\)`));
    } else {
      expect(synth).not.toThrow();
    }
  });

  test('registers the check once per stack, however many JobQueues it holds', () => {
    const stack = testStack('Big');
    buildJobQueue({ jobType: 'first-job' }, stack, 'First');
    buildJobQueue({ jobType: 'second-job' }, stack, 'Second');
    for (let i = 0; i < 500; i++) new CfnResource(stack, `Filler${i}`, { type: 'AWS::SNS::Topic' });
    let message = '';
    try {
      Template.fromStack(stack);
    } catch (error) {
      message = String(error);
    }
    expect(message.match(/would have \d+ resources/g)).toHaveLength(1);
  });
});
