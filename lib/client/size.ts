/**
 * Message size as SQS counts it against `MaximumMessageSize` and the SendMessageBatch payload limit:
 * the body's UTF-8 bytes plus, for every message attribute, the bytes of its name, its data type and
 * its value.
 *
 * @see https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-message-metadata.html
 */
import type { MessageAttributeValue } from '@aws-sdk/client-sqs';

export function messageSizeBytes(body: string, attributes: Record<string, MessageAttributeValue> = {}): number {
  let size = Buffer.byteLength(body, 'utf8');
  for (const [name, attribute] of Object.entries(attributes)) {
    size += Buffer.byteLength(name, 'utf8') + Buffer.byteLength(attribute.DataType ?? '', 'utf8');
    if (attribute.StringValue !== undefined) size += Buffer.byteLength(attribute.StringValue, 'utf8');
    if (attribute.BinaryValue !== undefined) size += attribute.BinaryValue.byteLength;
  }
  return size;
}
