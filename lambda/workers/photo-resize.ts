/** Worker for `photo-resize` jobs: computes the resized variants of an uploaded photo. */
import type { PayloadOf } from '../../lib/jobs/define-job.js';
import { photoResize } from '../../lib/jobs/photo-resize.js';
import { defineWorker } from '../runtime/index.js';

export interface ResizedVariant {
  readonly outputKey: string;
  readonly width: number;
  readonly height: number;
}

export interface ResizePlan {
  readonly photoId: string;
  readonly variants: readonly ResizedVariant[];
  /** Requested widths larger than the original: never upscaled. */
  readonly skippedWidths: readonly number[];
}

/** Aspect-preserving variants for every requested width up to the original's, widest first. */
export function planResize(job: PayloadOf<typeof photoResize>): ResizePlan {
  const widths = [...new Set(job.targetWidths)].sort((a, b) => b - a);
  const variants = widths
    .filter((w) => w <= job.width)
    .map((width) => ({
      outputKey: `resized/${job.photoId}/${width}w.jpg`,
      width,
      height: Math.max(1, Math.round((job.height * width) / job.width)),
    }));
  return { photoId: job.photoId, variants, skippedWidths: widths.filter((w) => w > job.width) };
}

export const handler = defineWorker(photoResize, (payload) => planResize(payload));
