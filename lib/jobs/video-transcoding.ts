import * as z from 'zod/mini';
import { defineJob } from './define-job.js';

/** Renditions a video can be transcoded to, with their frame height and target video bitrate. */
export const RENDITIONS = {
  '2160p': { height: 2160, videoKbps: 16000 },
  '1080p': { height: 1080, videoKbps: 5000 },
  '720p': { height: 720, videoKbps: 2800 },
  '480p': { height: 480, videoKbps: 1200 },
  '360p': { height: 360, videoKbps: 700 },
} as const;

export type Rendition = keyof typeof RENDITIONS;

const renditionNames = Object.keys(RENDITIONS) as [Rendition, ...Rendition[]];

export const videoTranscoding = defineJob({
  name: 'video-transcoding',
  description: 'Transcode an uploaded video into streaming renditions.',
  schema: z.object({
    videoId: z.string().check(z.minLength(1)),
    sourceKey: z.string().check(z.minLength(1)),
    /** Length of the source video; at most 6 hours. */
    durationSeconds: z.number().check(z.positive(), z.lte(6 * 3600)),
    renditions: z.array(z.enum(renditionNames)).check(z.minLength(1)),
  }),
});
