import { describe, expect, test } from 'vitest';
import { deliver, MailHostUnreachableError, renderEmail } from '../../lambda/workers/email-sending.js';
import { planResize } from '../../lambda/workers/photo-resize.js';
import { planTranscode } from '../../lambda/workers/video-transcoding.js';

describe('video-transcoding', () => {
  test('plans one 16:9 output per distinct rendition with its estimated size', () => {
    const plan = planTranscode({ videoId: 'v-1', sourceKey: 'uploads/v-1.mov', durationSeconds: 60, renditions: ['1080p', '720p', '1080p'] });
    expect(plan.outputs).toEqual([
      { rendition: '1080p', outputKey: 'transcoded/v-1/1080p.mp4', width: 1920, height: 1080, bitrateKbps: 5128, estimatedBytes: 38_460_000 },
      { rendition: '720p', outputKey: 'transcoded/v-1/720p.mp4', width: 1280, height: 720, bitrateKbps: 2928, estimatedBytes: 21_960_000 },
    ]);
    expect(plan.totalEstimatedBytes).toBe(60_420_000);
  });

  test('keeps widths even for odd 16:9 frames', () => {
    const plan = planTranscode({ videoId: 'v', sourceKey: 'k', durationSeconds: 1, renditions: ['360p'] });
    expect(plan.outputs[0]!.width).toBe(640);
  });
});

describe('photo-resize', () => {
  test('keeps the aspect ratio, never upscales and lists widest first', () => {
    const plan = planResize({ photoId: 'p-1', sourceKey: 'uploads/p-1.jpg', width: 4000, height: 3000, targetWidths: [320, 1280, 6000, 320] });
    expect(plan.variants).toEqual([
      { outputKey: 'resized/p-1/1280w.jpg', width: 1280, height: 960 },
      { outputKey: 'resized/p-1/320w.jpg', width: 320, height: 240 },
    ]);
    expect(plan.skippedWidths).toEqual([6000]);
  });
});

describe('email-sending', () => {
  test('fills every placeholder and reports the rendered size and hash', () => {
    const { body, summary } = renderEmail({
      to: 'ada@example.com',
      subject: 'Welcome',
      template: 'Hello {{ name }}, your code is {{code}}.',
      variables: { name: 'Ada', code: '42' },
    });
    expect(body).toBe('Hello Ada, your code is 42.');
    expect(summary).toEqual({
      to: 'ada@example.com',
      subject: 'Welcome',
      bodyBytes: 27,
      bodySha256: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
  });

  test('refuses to send a template with a placeholder that has no variable', () => {
    expect(() =>
      renderEmail({ to: 'ada@example.com', subject: 's', template: 'Hi {{name}} {{missing}}', variables: { name: 'Ada' } }),
    ).toThrow(/template placeholders without a variable: missing/);
  });

  test.each(['ops@mail.invalid', 'ops@INVALID'])('treats an unresolvable mail host (%s) as a transient failure', (to) => {
    expect(() => deliver({ to, subject: 's', bodyBytes: 1, bodySha256: 'x' })).toThrow(MailHostUnreachableError);
    expect(() => deliver({ to, subject: 's', bodyBytes: 1, bodySha256: 'x' })).toThrow(/cannot be resolved; the job is retried with backoff/);
  });

  test('hands every other recipient to the mail service', () => {
    const email = { to: 'ada@invalid-looking.example.com', subject: 's', bodyBytes: 1, bodySha256: 'x' };
    expect(deliver(email)).toBe(email);
  });
});
