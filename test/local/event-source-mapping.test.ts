import type { Message } from '@aws-sdk/client-sqs';
import { describe, expect, test } from 'vitest';
import { failedMessageIds } from '../../lib/local/event-source-mapping.js';
import type { InvokeOutcome } from '../../lib/local/worker-pool.js';

const batch: Message[] = ['m-1', 'm-2', 'm-3'].map((id) => ({ MessageId: id, ReceiptHandle: `r-${id}` }));
const response = (r: unknown): InvokeOutcome => ({ kind: 'response', response: r as never });

describe('which records Lambda leaves on the queue', () => {
  test.each<[string, InvokeOutcome, boolean, string[]]>([
    ['a listed failure', response({ batchItemFailures: [{ itemIdentifier: 'm-2' }] }), true, ['m-2']],
    ['an empty failure list', response({ batchItemFailures: [] }), true, []],
    ['no response at all', response(null), true, []],
    ['capitalised keys, which Lambda does not read (C11)', response({ BatchItemFailures: [{ ItemIdentifier: 'm-2' }] }), true, []],
    ['an identifier not in the batch', response({ batchItemFailures: [{ itemIdentifier: 'm-9' }] }), true, ['m-1', 'm-2', 'm-3']],
    ['an empty identifier', response({ batchItemFailures: [{ itemIdentifier: '' }] }), true, ['m-1', 'm-2', 'm-3']],
    ['a thrown error', { kind: 'error', errorName: 'Error', errorMessage: 'boom' }, true, ['m-1', 'm-2', 'm-3']],
    ['a timeout', { kind: 'timeout', timeoutMs: 1000 }, true, ['m-1', 'm-2', 'm-3']],
    ['a listed failure without ReportBatchItemFailures on the mapping (C10)', response({ batchItemFailures: [{ itemIdentifier: 'm-2' }] }), false, []],
  ])('after %s, Lambda leaves exactly the expected records', (_what, outcome, report, expected) => {
    expect([...failedMessageIds(batch, outcome, report)].sort()).toEqual(expected);
  });
});
