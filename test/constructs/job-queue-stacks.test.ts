import { Duration, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { describe, expect, test } from 'vitest';
import {
  CFN_MAX_OUTPUTS_PER_STACK,
  CFN_MAX_RESOURCES_PER_STACK,
  DEFAULT_JOB_TYPES_PER_STACK,
  JobQueue,
  JobQueueStacks,
  MAX_ENTRIES_PER_BUILD,
  jobTypeFootprint,
  maxJobTypesPerStack,
  stackOverhead,
  stackSlots,
  WorkerBundler,
  type JobQueueStacksEntry,
} from '../../lib/index.js';
import { FIXTURE_WORKER, testApp } from '../helpers/app.js';
import { generatedEntries, generatedJobType, generateWorkers } from '../helpers/generated-workers.js';

type Templates = Map<string, Record<string, any>>;

/** Synthesizes a JobQueueStacks app; returns each job type's stack name and each stack's template. */
function synthJobs(jobs: JobQueueStacksProps['jobs'], jobTypesPerStack?: number, { synth = true } = {}) {
  const app = testApp();
  const jobStacks = new JobQueueStacks(app, 'Jobs', { jobs, jobTypesPerStack });
  const assembly = synth ? app.synth() : undefined;
  const templates: Templates = new Map(jobStacks.stacks.map((s) => [s.stackName, assembly?.getStackArtifact(s.artifactId).template ?? {}]));
  const stackByJobType = new Map([...jobStacks.jobQueues.keys()].map((jobType) => [jobType, jobStacks.stackOf(jobType).stackName]));
  return { app, jobStacks, templates, stackByJobType };
}

type JobQueueStacksProps = ConstructorParameters<typeof JobQueueStacks>[2];

describe('what one job type costs against the stack limits', () => {
  test('jobTypeFootprint() matches the resources and outputs a JobQueue synthesizes', () => {
    // As the CDK CLI does: version reporting on, so the stack carries CDK's own CDKMetadata resource.
    const stack = new Stack(testApp({ 'aws:cdk:version-reporting': true }), 'Footprint');
    new JobQueue(stack, 'One', { jobType: 'email-sending', workerEntry: FIXTURE_WORKER, workerTimeout: Duration.seconds(10) });
    const template = Template.fromStack(stack).toJSON();
    const resources = Object.keys(template.Resources).length;
    const outputs = Object.keys(template.Outputs ?? {}).length;
    expect(resources).toBe(jobTypeFootprint().resources + stackOverhead().resources);
    expect(outputs).toBe(jobTypeFootprint().outputs + stackOverhead().outputs);
  });

  test('the capacity is whichever limit binds first: 500 resources at 13 per job type (alarms included)', () => {
    // (500 - 4 per-stack resources) / 13 = 38; 200 outputs / 4 would allow 50.
    expect(maxJobTypesPerStack()).toBe(38);
    expect(maxJobTypesPerStack({ resources: 20, outputs: 4 }, { resources: 1, outputs: 0 })).toBe(24);
  });

  test('jobTypesPerStack defaults to 30, below the capacity with room for later per-job-type resources', () => {
    expect(DEFAULT_JOB_TYPES_PER_STACK).toBe(30);
    expect(DEFAULT_JOB_TYPES_PER_STACK).toBeLessThan(maxJobTypesPerStack());
    const { entries } = generateWorkers(31);
    const { jobStacks, templates } = synthJobs(generatedEntries(entries));
    expect(jobStacks.jobTypesPerStack).toBe(30);
    expect(jobStacks.stacks.map((s) => s.stackName)).toEqual(['Jobs-1', 'Jobs-2']);
    expect(Object.keys(templates.get('Jobs-2')!.Outputs)).toHaveLength(4);
  });
});

describe('200 job types', () => {
  const { entries } = generateWorkers(201, 'many-');
  const jobs = generatedEntries(entries);
  const first = synthJobs(jobs.slice(0, 200));

  test('synthesize into 7 stacks, each within CloudFormation limits, bundled in one pass of 16-worker esbuild builds', () => {
    expect(first.jobStacks.stacks).toHaveLength(7);
    expect(first.jobStacks.jobQueues.size).toBe(200);
    for (const template of first.templates.values()) {
      expect(Object.keys(template.Resources).length).toBeLessThanOrEqual(CFN_MAX_RESOURCES_PER_STACK);
      expect(Object.keys(template.Outputs ?? {}).length).toBeLessThanOrEqual(CFN_MAX_OUTPUTS_PER_STACK);
    }
    expect(WorkerBundler.of(first.app).passes).toBe(1);
    expect(WorkerBundler.of(first.app).builds).toBe(Math.ceil(200 / MAX_ENTRIES_PER_BUILD));
  });

  test('land in stacks by list position: 30 to a stack', () => {
    expect(first.stackByJobType.get(generatedJobType(0))).toBe('Jobs-1');
    expect(first.stackByJobType.get(generatedJobType(29))).toBe('Jobs-1');
    expect(first.stackByJobType.get(generatedJobType(30))).toBe('Jobs-2');
    expect(first.stackByJobType.get(generatedJobType(199))).toBe('Jobs-7');
  });

  test('adding one moves no existing job type and leaves every existing stack template unchanged', () => {
    const second = synthJobs(jobs);
    expect(second.jobStacks.jobQueues.size).toBe(201);
    for (const [jobType, stackName] of first.stackByJobType) expect(second.stackByJobType.get(jobType)).toBe(stackName);
    expect(second.stackByJobType.get(generatedJobType(200))).toBe('Jobs-7');
    for (const name of ['Jobs-1', 'Jobs-2', 'Jobs-3', 'Jobs-4', 'Jobs-5', 'Jobs-6']) {
      expect(second.templates.get(name)).toEqual(first.templates.get(name));
    }
  });

  test('retiring one keeps its slot, so no later job type moves', () => {
    const retiredAt = 10;
    const withRetired: JobQueueStacksProps['jobs'][number][] = [...jobs.slice(0, 200)];
    withRetired[retiredAt] = JobQueueStacks.retired(generatedJobType(retiredAt));
    const third = synthJobs(withRetired, undefined, { synth: false });
    expect(third.jobStacks.jobQueues.has(generatedJobType(retiredAt))).toBe(false);
    for (const [jobType, stackName] of first.stackByJobType) {
      if (jobType !== generatedJobType(retiredAt)) expect(third.stackByJobType.get(jobType)).toBe(stackName);
    }
  });
});

describe('stack assignment is append-stable', () => {
  test.each([1, 7, 30, 38])('with %i job types per stack, appending never changes an earlier slot', (perStack) => {
    const before = stackSlots(Array.from({ length: 120 }, (_, i) => i), perStack);
    const after = stackSlots(Array.from({ length: 121 }, (_, i) => i), perStack);
    expect(after.slice(0, 120)).toEqual(before);
    expect(Math.max(...after.map(([slot]) => slot))).toBe(Math.ceil(121 / perStack) - 1);
  });
});

describe('bad JobQueueStacks props', () => {
  const { entries } = generateWorkers(2, 'bad-');
  const jobs = generatedEntries(entries);

  test.each([
    [0, 'below 1'],
    [39, 'above the capacity'],
    [2.5, 'not an integer'],
  ])('jobTypesPerStack %s (%s) is rejected with the counts behind the limit', (jobTypesPerStack) => {
    expect(() => new JobQueueStacks(testApp(), 'Jobs', { jobs, jobTypesPerStack })).toThrow(
      new RegExp(
        `jobTypesPerStack \\(${jobTypesPerStack}\\) must be an integer from 1 to 38: each job type adds 13 resources and 4 outputs, and a stack holds at most 500 resources \\(4 taken by CDK metadata and the shared alarm topic\\) and 200 outputs; lower it or leave it unset \\(30\\)`,
      ),
    );
  });

  test.each([1, 38])('jobTypesPerStack %i is accepted', (jobTypesPerStack) => {
    expect(new JobQueueStacks(testApp(), 'Jobs', { jobs, jobTypesPerStack }).jobQueues.size).toBe(2);
  });

  test('a job type listed twice (retired or not) and a bad jobTypesPerStack are reported in one error', () => {
    const twice: JobQueueStacksEntry = jobs[0]!;
    expect(
      () =>
        new JobQueueStacks(testApp(), 'Jobs', {
          jobs: [twice, jobs[1]!, twice, JobQueueStacks.retired(generatedJobType(1))],
          jobTypesPerStack: 0,
        }),
    ).toThrow(
      /JobQueueStacks has 3 problems:\n- jobTypesPerStack \(0\)[^\n]*\n- jobs\[2\] \('job-000'\) repeats jobs\[0\][^\n]*remove the repeat\n- jobs\[3\] \('job-001'\) repeats jobs\[1\]/,
    );
  });

  test('stackOf names the known job types when asked for an unknown one', () => {
    const jobStacks = new JobQueueStacks(testApp(), 'Jobs', { jobs });
    expect(() => jobStacks.stackOf('nope')).toThrow(/JobQueueStacks has no job type 'nope'; known: job-000, job-001/);
  });
});
