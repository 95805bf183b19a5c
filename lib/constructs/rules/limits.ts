/**
 * Per-stack limits: CloudFormation refuses a template with more than 500 resources or 200 outputs. The
 * count is only known once the whole stack is built, so this is a stack validation (run at synth, after
 * every construct and aspect), registered once per stack by the first `JobQueue` in it.
 *
 * @see https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/cloudformation-limits.html
 */
import { CfnOutput, CfnResource, Stack } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';
import { MAX_STACK_OUTPUTS, MAX_STACK_RESOURCES } from '../limits.js';

const guarded = new WeakSet<Stack>();

/** Adds the per-stack limit check to `stack`, once. */
export function guardStackLimits(stack: Stack): void {
  if (guarded.has(stack)) return;
  guarded.add(stack);
  stack.node.addValidation({ validate: () => stackLimitProblems(stack) });
}

/** The per-stack limit problems of `stack`: one line per limit it passes. */
export function stackLimitProblems(stack: Stack): string[] {
  const { resources, outputs } = countTemplateElements(stack);
  const problems: string[] = [];
  if (resources > MAX_STACK_RESOURCES) {
    problems.push(
      `Stack '${stack.stackName}' would have ${resources} resources, more than CloudFormation's limit of ${MAX_STACK_RESOURCES} per stack; move some job types to another stack (each JobQueue adds about 8 resources)`,
    );
  }
  if (outputs > MAX_STACK_OUTPUTS) {
    problems.push(
      `Stack '${stack.stackName}' would have ${outputs} outputs, more than CloudFormation's limit of ${MAX_STACK_OUTPUTS} per stack; move some job types to another stack (each JobQueue adds 4 outputs)`,
    );
  }
  return problems;
}

/** Resources and outputs in `stack`'s own template (nested stacks have their own). */
export function countTemplateElements(stack: Stack): { resources: number; outputs: number } {
  let resources = 0;
  let outputs = 0;
  const visit = (construct: IConstruct): void => {
    // Another stack (a nested one, say) has its own template; its resource in this one is a sibling.
    if (construct !== stack && Stack.isStack(construct)) return;
    if (CfnResource.isCfnResource(construct)) resources += 1;
    else if (construct instanceof CfnOutput) outputs += 1;
    for (const child of construct.node.children) visit(child);
  };
  visit(stack);
  return { resources, outputs };
}
