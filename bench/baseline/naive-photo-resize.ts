/**
 * The benchmark's baseline: the `photo-resize` worker written the "naive" way, with Powertools batch,
 * the Powertools parser's SQS record schema and classic zod (`import { z } from 'zod'`). Not shipped.
 */
import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import { JSONStringified } from '@aws-lambda-powertools/parser/helpers';
import { SqsRecordSchema } from '@aws-lambda-powertools/parser/schemas/sqs';
import type { Context, SQSEvent, SQSRecord } from 'aws-lambda';
import { z } from 'zod';

const pixels = z.number().int().positive().lte(20000);
const PhotoResize = z.object({
  photoId: z.string().min(1),
  sourceKey: z.string().min(1),
  width: pixels,
  height: pixels,
  targetWidths: z.array(pixels).min(1).max(10),
});
const PhotoRecord = SqsRecordSchema.extend({ body: JSONStringified(PhotoResize) });

const processor = new BatchProcessor(EventType.SQS);

export const handler = async (event: SQSEvent, context: Context) =>
  processPartialResponse(
    event,
    async (record: SQSRecord) => {
      const { body } = PhotoRecord.parse(record);
      return body.targetWidths.filter((w) => w <= body.width).length;
    },
    processor,
    { context },
  );
