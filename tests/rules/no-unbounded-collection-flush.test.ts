// The flush-hook suggestion of no-unbounded-collection (seed 000): a local array that a streaming loop
// grows and the code uploads after the loop gets a RingBuffer whose onEvict hands evicted batches to
// the same upload; the suggestion applies exactly the edits the ring-buffer transform applies (the
// parity test checks that on the flush-* fixture pairs). When the upload cannot be repeated from
// onEvict, the report carries no suggestion (a plain RingBuffer would drop what the code uploads).
import { RuleTester } from '@typescript-eslint/rule-tester';

import rule from '../../rules/src/rules/no-unbounded-collection.js';

const ruleTester = new RuleTester();

ruleTester.run('no-unbounded-collection (flush hook)', rule, {
  valid: [],
  invalid: [
    {
      // Awaited upload of an object literal: uploads are chained so they run in eviction order.
      code: `import type { Span } from './trace.js';

export async function* runAgentStreaming(stream: AsyncIterable<string>, span: Span) {
  const events: string[] = [];
  for await (const event of stream) {
    events.push(event);
    yield event;
  }
  await span.log({ events, total: events.length });
}
`,
      errors: [
        {
          messageId: 'unboundedLocal',
          line: 4,
          data: { name: 'events', how: 'push()', line: 6, context: 'for await loop' },
          suggestions: [
            {
              messageId: 'suggestBounded',
              data: { description: 'Replace events with a RingBuffer of capacity EVENTS_CAPACITY that hands evicted items to span.log in batches of EVENTS_FLUSH_SIZE' },
              output: `import type { Span } from './trace.js';
import { RingBuffer } from 'bounded';

const EVENTS_CAPACITY = 1000;
const EVENTS_FLUSH_SIZE = Math.ceil(EVENTS_CAPACITY / 2);
export async function* runAgentStreaming(stream: AsyncIterable<string>, span: Span) {
  let eventsUploads: Promise<unknown> = Promise.resolve();
  const events: RingBuffer<string> = new RingBuffer<string>(EVENTS_CAPACITY, {
    flushSize: EVENTS_FLUSH_SIZE,
    onEvict: (batch) => {
      eventsUploads = eventsUploads.then(() => span.log({ events: batch, total: batch.length }));
      void eventsUploads.catch(() => undefined); // no unhandled rejection: \`await eventsUploads\` rethrows it
    },
  });
  for await (const event of stream) {
    events.push(event);
    yield event;
  }
  events.flush();
  await eventsUploads;
  await span.log({ events: events.toArray(), total: events.length });
}
`,
            },
          ],
        },
      ],
    },
    {
      // Not awaited, file without semicolons, tab indentation: onEvict calls the logger directly.
      code: `import { logger } from "./log"

export function* lines(next: () => string | undefined) {
\tconst seen: string[] = []
\twhile (true) {
\t\tconst line = next()
\t\tif (line === undefined) break
\t\tseen.push(line)
\t\tyield line
\t}
\tlogger.info({ seen })
}
`,
      errors: [
        {
          messageId: 'unboundedLocal',
          line: 4,
          suggestions: [
            {
              messageId: 'suggestBounded',
              data: { description: 'Replace seen with a RingBuffer of capacity SEEN_CAPACITY that hands evicted items to logger.info in batches of SEEN_FLUSH_SIZE' },
              output: `import { logger } from "./log"
import { RingBuffer } from "bounded"

const SEEN_CAPACITY = 1000
const SEEN_FLUSH_SIZE = Math.ceil(SEEN_CAPACITY / 2)
export function* lines(next: () => string | undefined) {
\tconst seen: RingBuffer<string> = new RingBuffer<string>(SEEN_CAPACITY, {
\t\tflushSize: SEEN_FLUSH_SIZE,
\t\tonEvict: (batch) => {
\t\t\tlogger.info({ seen: batch })
\t\t},
\t})
\twhile (true) {
\t\tconst line = next()
\t\tif (line === undefined) break
\t\tseen.push(line)
\t\tyield line
\t}
\tseen.flush()
\tlogger.info({ seen: seen.toArray() })
}
`,
            },
          ],
        },
      ],
    },
    {
      // The upload reads a binding declared after the array: reported, no suggestion.
      code: `export async function* run(stream: AsyncIterable<string>, open: () => { log(x: object): Promise<void> }) {
  const events: string[] = [];
  const span = open();
  for await (const event of stream) {
    events.push(event);
    yield event;
  }
  await span.log({ events });
}
`,
      errors: [{ messageId: 'unboundedLocal', line: 2, suggestions: [] }],
    },
    {
      // The upload runs from a callback registered after the loop: reported, no suggestion.
      code: `export async function* run(stream: AsyncIterable<string>, done: Promise<void>, upload: (x: string[]) => void) {
  const events: string[] = [];
  for await (const event of stream) {
    events.push(event);
    yield event;
  }
  void done.then(() => upload(events));
}
`,
      errors: [{ messageId: 'unboundedLocal', line: 2, suggestions: [] }],
    },
  ],
});
