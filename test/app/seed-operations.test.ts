import { Template } from 'aws-cdk-lib/assertions';
import { describe, expect, test } from 'vitest';
import { buildSeedApp } from '../../lib/app/seed-app.js';
import { scratchDir } from '../helpers/app.js';

describe('the seed app\'s operations', () => {
  test('shares one encrypted alarm topic and one dashboard across its three job types', () => {
    const { stack } = buildSeedApp({ outdir: scratchDir('seed-') });
    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::SNS::Topic', 1);
    template.resourceCountIs('AWS::KMS::Key', 1);
    template.resourceCountIs('AWS::CloudWatch::Dashboard', 1);
    template.resourceCountIs('AWS::CloudWatch::Alarm', 12);
    const resources = template.toJSON().Resources as Record<string, { Properties: { Threshold: number } }>;
    const thresholds = Object.fromEntries(
      [...stack.jobQueues].map(([jobType, jq]) => {
        const alarm = jq.alarms?.oldestMessageAge?.node.defaultChild;
        return [jobType, alarm ? resources[stack.getLogicalId(alarm as never)]?.Properties.Threshold : undefined];
      }),
    );
    // maxReceiveCount × derived visibility timeout
    expect(thresholds).toEqual({ 'video-transcoding': 3 * 3600, 'photo-resize': 5 * 180, 'email-sending': 5 * 65 });
  });
});
