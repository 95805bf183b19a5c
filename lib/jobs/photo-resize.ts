import * as z from 'zod/mini';
import { defineJob } from './define-job.js';

const pixels = z.int().check(z.positive(), z.lte(20000));

export const photoResize = defineJob({
  name: 'photo-resize',
  description: 'Resize an uploaded photo to thumbnail and display widths.',
  schema: z.object({
    photoId: z.string().check(z.minLength(1)),
    sourceKey: z.string().check(z.minLength(1)),
    width: pixels,
    height: pixels,
    targetWidths: z.array(pixels).check(z.minLength(1), z.maxLength(10)),
  }),
});
