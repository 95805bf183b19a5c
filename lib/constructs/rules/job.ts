/**
 * Job-definition rules: a `JobQueue` names its job type by `job` (a registry definition) or `jobType`,
 * and a given `job` is the truth its name and FIFO flag must agree with.
 */
import type { Rule } from './rule.js';

export const JOB_RULES: readonly Rule[] = [
  {
    id: 'job-or-job-type',
    check: ({ props }) => {
      if (props.job === undefined && props.jobType === undefined) {
        return `job and jobType are both unset; set job to the job type's definition from the registry (defineJob), or jobType to its kebab-case name`;
      }
      if (props.job !== undefined && props.jobType !== undefined && props.jobType !== props.job.name) {
        return `jobType ('${props.jobType}') disagrees with job.name ('${props.job.name}'); leave jobType unset: job already names the job type`;
      }
      return undefined;
    },
  },
  {
    id: 'fifo-matches-job',
    check: ({ props }) =>
      props.job !== undefined && props.fifo !== undefined && props.fifo !== props.job.fifo
        ? `fifo (${props.fifo}) disagrees with job.fifo (${props.job.fifo}) of job '${props.job.name}'; leave fifo unset: job already says whether its queue is FIFO`
        : undefined,
  },
];
