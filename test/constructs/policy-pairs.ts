/**
 * Reads a principal's permissions back from a synthesized template as `action → resource` pairs,
 * from every inline IAM policy attached to its role, so tests can assert a role holds exactly what
 * it should: nothing more, whatever way CDK merged the statements.
 */
import type { Template } from 'aws-cdk-lib/assertions';

export function permissionPairs(template: Template, roleLogicalId: string): Set<string> {
  const pairs = new Set<string>();
  const policies = template.findResources('AWS::IAM::Policy');
  for (const policy of Object.values(policies)) {
    const roles = (policy['Properties']?.['Roles'] ?? []) as unknown[];
    if (!roles.some((role) => JSON.stringify(role) === JSON.stringify({ Ref: roleLogicalId }))) continue;
    for (const statement of policy['Properties']['PolicyDocument']['Statement'] as Record<string, unknown>[]) {
      if (statement['Effect'] !== 'Allow') continue;
      for (const action of [statement['Action']].flat() as string[]) {
        for (const resource of [statement['Resource']].flat()) pairs.add(`${action} → ${describe(resource)}`);
      }
    }
  }
  return pairs;
}

/** The expected pairs: every action on every resource. */
export function pairsOf(actions: readonly string[], resources: readonly unknown[]): string[] {
  return actions.flatMap((action) => resources.map((resource) => `${action} → ${describe(resource)}`));
}

/** `{ "Fn::GetAtt": ["Queue1234", "Arn"] }` → `Queue1234.Arn`; plain strings stay as they are. */
function describe(resource: unknown): string {
  if (typeof resource === 'string') return resource;
  const getAtt = (resource as { 'Fn::GetAtt'?: [string, string] })['Fn::GetAtt'];
  if (getAtt) return `${getAtt[0]}.${getAtt[1]}`;
  return JSON.stringify(resource);
}
