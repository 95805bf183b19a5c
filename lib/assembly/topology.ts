/**
 * Reads the job topology back out of a synthesized cloud assembly (`cdk.out`): per job type its queue,
 * DLQ, worker, mapping settings and producers, exactly as CloudFormation will get them. Used by
 * `npm start`'s summary and by anything that must act on what was synthesized rather than on props.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

type Json = Record<string, unknown>;

interface CfnResource {
  readonly Type: string;
  readonly Properties?: Json;
  readonly Metadata?: Json;
}

interface Template {
  readonly Resources: Record<string, CfnResource>;
  readonly Outputs?: Record<string, Json>;
}

export interface QueueInfo {
  readonly logicalId: string;
  readonly name: string;
  readonly fifo: boolean;
  readonly visibilityTimeoutSeconds: number;
  readonly retentionSeconds: number;
  /** FIFO only: whether the body's hash stands in for a missing deduplication id. */
  readonly contentBasedDeduplication: boolean;
  /** Delivery delay of every new job (`DelaySeconds`). */
  readonly delaySeconds: number;
  /** `MaximumMessageSize`, when set (SQS's default otherwise). */
  readonly maxMessageSizeBytes: number | undefined;
}

/**
 * One worker environment variable as synthesized: a literal, or a reference to a resource in the same
 * template (`{ "Ref": id }`, which for a queue is its URL) that only a deployment (or the local
 * runtime) can turn into a value.
 */
export type EnvValue = string | { readonly ref: string } | { readonly unresolved: unknown };

export interface JobTopology {
  readonly stackName: string;
  readonly jobType: string;
  readonly queue: QueueInfo;
  readonly deadLetterQueue: QueueInfo;
  readonly maxReceiveCount: number;
  readonly worker: {
    readonly logicalId: string;
    readonly functionName: string | undefined;
    readonly timeoutSeconds: number;
    readonly memorySize: number;
    readonly handler: string | undefined;
    /** Folder of the bundled code inside the assembly, when the function's code is an asset. */
    readonly assetPath: string | undefined;
    /** Environment variables, with references to other resources left for the caller to resolve. */
    readonly environment: Readonly<Record<string, EnvValue>>;
  };
  readonly batchSize: number;
  readonly maxBatchingWindowSeconds: number;
  readonly maxConcurrency: number | undefined;
  readonly reportBatchItemFailures: boolean;
  /** Construct ids of the roles allowed to `sqs:SendMessage` to the source queue (workers excluded). */
  readonly producers: readonly string[];
}

interface Manifest {
  readonly artifacts: Record<string, { type: string; properties?: { templateFile?: string }; displayName?: string }>;
}

/** Every job topology of every stack in the assembly at `outdir`. */
export function readTopology(outdir: string): JobTopology[] {
  const manifest = JSON.parse(readFileSync(join(outdir, 'manifest.json'), 'utf8')) as Manifest;
  const result: JobTopology[] = [];
  for (const [artifactId, artifact] of Object.entries(manifest.artifacts)) {
    if (artifact.type !== 'aws:cloudformation:stack' || !artifact.properties?.templateFile) continue;
    const template = JSON.parse(readFileSync(join(outdir, artifact.properties.templateFile), 'utf8')) as Template;
    result.push(...topologyOfTemplate(artifact.displayName ?? artifactId, template, outdir));
  }
  return result;
}

/** The job topologies of one stack template: one per SQS → Lambda event source mapping. */
export function topologyOfTemplate(stackName: string, template: Template, outdir?: string): JobTopology[] {
  const resources = template.Resources;
  const ofType = (type: string) => Object.entries(resources).filter(([, r]) => r.Type === type);

  return ofType('AWS::Lambda::EventSourceMapping').flatMap(([, mapping]) => {
    const props = mapping.Properties ?? {};
    const queueId = getAttTarget(props.EventSourceArn);
    const queue = queueId ? resources[queueId] : undefined;
    if (!queueId || queue?.Type !== 'AWS::SQS::Queue') return [];
    const queueProps = queue.Properties ?? {};
    const redrive = (queueProps.RedrivePolicy ?? {}) as Json;
    const dlqId = getAttTarget(redrive.deadLetterTargetArn);
    const dlq = dlqId ? resources[dlqId] : undefined;
    if (!dlqId || !dlq) return [];
    const functionId = refTarget(props.FunctionName);
    const fn = functionId ? resources[functionId] : undefined;
    const fnProps = fn?.Properties ?? {};
    const env = ((fnProps.Environment as Json | undefined)?.Variables ?? {}) as Json;
    const assetPath = fn?.Metadata?.['aws:asset:path'];
    const scaling = props.ScalingConfig as Json | undefined;

    return [
      {
        stackName,
        jobType: typeof env.JOBQ_JOB_TYPE === 'string' ? env.JOBQ_JOB_TYPE : parentId(queue),
        queue: queueInfo(queueId, queue),
        deadLetterQueue: queueInfo(dlqId, dlq),
        maxReceiveCount: Number(redrive.maxReceiveCount),
        worker: {
          logicalId: functionId ?? '',
          functionName: typeof fnProps.FunctionName === 'string' ? fnProps.FunctionName : undefined,
          timeoutSeconds: Number(fnProps.Timeout ?? 3),
          memorySize: Number(fnProps.MemorySize ?? 128),
          handler: typeof fnProps.Handler === 'string' ? fnProps.Handler : undefined,
          assetPath: typeof assetPath === 'string' && outdir ? join(outdir, assetPath) : undefined,
          environment: Object.fromEntries(Object.entries(env).map(([name, value]) => [name, envValue(value)])),
        },
        batchSize: Number(props.BatchSize ?? 10),
        maxBatchingWindowSeconds: Number(props.MaximumBatchingWindowInSeconds ?? 0),
        maxConcurrency: scaling?.MaximumConcurrency === undefined ? undefined : Number(scaling.MaximumConcurrency),
        reportBatchItemFailures: ((props.FunctionResponseTypes ?? []) as string[]).includes('ReportBatchItemFailures'),
        producers: producersOf(resources, queueId),
      },
    ];
  });
}

function queueInfo(logicalId: string, resource: CfnResource): QueueInfo {
  const p = resource.Properties ?? {};
  return {
    logicalId,
    name: typeof p.QueueName === 'string' ? p.QueueName : logicalId,
    fifo: p.FifoQueue === true,
    visibilityTimeoutSeconds: Number(p.VisibilityTimeout ?? 30),
    retentionSeconds: Number(p.MessageRetentionPeriod ?? 345600),
    contentBasedDeduplication: p.ContentBasedDeduplication === true,
    delaySeconds: Number(p.DelaySeconds ?? 0),
    maxMessageSizeBytes: p.MaximumMessageSize === undefined ? undefined : Number(p.MaximumMessageSize),
  };
}

function envValue(value: unknown): EnvValue {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  const ref = refTarget(value);
  return ref ? { ref } : { unresolved: value };
}

/** Roles whose policies allow `sqs:SendMessage` on the queue. */
function producersOf(resources: Record<string, CfnResource>, queueId: string): string[] {
  const producers = new Set<string>();
  for (const policy of Object.values(resources)) {
    if (policy.Type !== 'AWS::IAM::Policy') continue;
    const document = (policy.Properties?.PolicyDocument ?? {}) as { Statement?: Json[] };
    const sends = (document.Statement ?? []).some(
      (s) => s.Effect === 'Allow' && asArray(s.Action).includes('sqs:SendMessage') && asArray(s.Resource).some((r) => getAttTarget(r) === queueId),
    );
    if (!sends) continue;
    for (const role of asArray(policy.Properties?.Roles)) {
      const roleId = refTarget(role);
      const roleResource = roleId ? resources[roleId] : undefined;
      if (roleId && roleResource) producers.add(parentId(roleResource, 1) ?? roleId);
    }
  }
  return [...producers].sort();
}

function getAttTarget(value: unknown): string | undefined {
  const getAtt = (value as Json | undefined)?.['Fn::GetAtt'];
  return Array.isArray(getAtt) && typeof getAtt[0] === 'string' ? getAtt[0] : undefined;
}

function refTarget(value: unknown): string | undefined {
  const ref = (value as Json | undefined)?.Ref;
  return typeof ref === 'string' ? ref : undefined;
}

function asArray(value: unknown): unknown[] {
  return value === undefined ? [] : Array.isArray(value) ? value : [value];
}

/** The construct id `levels` above the resource's `Resource` node, from its `aws:cdk:path`. */
function parentId(resource: CfnResource, levels = 2): string {
  const path = String(resource.Metadata?.['aws:cdk:path'] ?? '');
  const parts = path.split('/');
  return parts[parts.length - 1 - levels] ?? path;
}
