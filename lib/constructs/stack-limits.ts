/**
 * CloudFormation's per-stack limits and what one job type costs against them: the numbers
 * `JobQueueStacks` spreads job types by. The per-stack limit *error* for a single stack lives in the
 * rule table (validate.ts) and must use these same numbers.
 *
 * @see https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/cloudformation-limits.html
 */
import { MAX_STACK_OUTPUTS, MAX_STACK_RESOURCES } from './limits.js';

/** CloudFormation: at most 500 resources in one stack (the same limit the rule table checks). */
export const CFN_MAX_RESOURCES_PER_STACK = MAX_STACK_RESOURCES;

/** CloudFormation: at most 200 outputs in one stack (the same limit the rule table checks). */
export const CFN_MAX_OUTPUTS_PER_STACK = MAX_STACK_OUTPUTS;

/** What one job type (or one stack's fixed part) adds to a stack's template. */
export interface StackFootprint {
  readonly resources: number;
  readonly outputs: number;
}

/**
 * What every stack carries besides its job types: CDK's `CDKMetadata` resource, and the alarm topic its
 * job types share (`JobQueuesAlarmTopic`: a KMS key, the topic and its policy).
 */
export function stackOverhead(): StackFootprint {
  return { resources: 1 + 3, outputs: 0 };
}

/**
 * What one `JobQueue` with a bundled worker adds to its stack. The one place to update when
 * `JobQueue` gains resources or outputs (for example its alarms); a test synthesizes a `JobQueue`
 * and checks these counts against the template.
 *
 * Resources: queue + its SSL-only policy, DLQ + its policy, worker function, its role, the role's
 * inline policy, its log group, the event source mapping, and four alarms (DLQ not empty, oldest job,
 * worker errors, worker throttles). Outputs: queue URL/ARN, DLQ URL/ARN.
 */
export function jobTypeFootprint(): StackFootprint {
  return { resources: 9 + 4, outputs: 4 };
}

/** The most job types one stack can hold, whichever of CloudFormation's limits binds first. */
export function maxJobTypesPerStack(perJobType: StackFootprint = jobTypeFootprint(), overhead: StackFootprint = stackOverhead()): number {
  const byResources = Math.floor((CFN_MAX_RESOURCES_PER_STACK - overhead.resources) / perJobType.resources);
  const byOutputs = perJobType.outputs === 0 ? Infinity : Math.floor((CFN_MAX_OUTPUTS_PER_STACK - overhead.outputs) / perJobType.outputs);
  return Math.min(byResources, byOutputs);
}
