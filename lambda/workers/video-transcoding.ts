/** Worker for `video-transcoding` jobs: plans the renditions of an uploaded video. */
import type { PayloadOf } from '../../lib/jobs/define-job.js';
import { RENDITIONS, videoTranscoding } from '../../lib/jobs/video-transcoding.js';
import { defineWorker } from '../runtime/index.js';

/** Audio track bitrate added to every rendition. */
const AUDIO_KBPS = 128;

export interface RenditionPlan {
  readonly rendition: string;
  readonly outputKey: string;
  readonly width: number;
  readonly height: number;
  readonly bitrateKbps: number;
  readonly estimatedBytes: number;
}

export interface TranscodePlan {
  readonly videoId: string;
  readonly outputs: readonly RenditionPlan[];
  readonly totalEstimatedBytes: number;
}

/** One output per distinct requested rendition (16:9 frames, even widths), with its estimated size. */
export function planTranscode(job: PayloadOf<typeof videoTranscoding>): TranscodePlan {
  const outputs = [...new Set(job.renditions)].map((rendition) => {
    const { height, videoKbps } = RENDITIONS[rendition];
    const width = 2 * Math.round((height * 16) / 9 / 2);
    const bitrateKbps = videoKbps + AUDIO_KBPS;
    return {
      rendition,
      outputKey: `transcoded/${job.videoId}/${rendition}.mp4`,
      width,
      height,
      bitrateKbps,
      estimatedBytes: Math.round((bitrateKbps * 1000 * job.durationSeconds) / 8),
    };
  });
  return {
    videoId: job.videoId,
    outputs,
    totalEstimatedBytes: outputs.reduce((sum, o) => sum + o.estimatedBytes, 0),
  };
}

export const handler = defineWorker(videoTranscoding, (payload) => planTranscode(payload));
