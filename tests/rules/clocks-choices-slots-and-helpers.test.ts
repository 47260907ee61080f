import { RuleTester } from '@typescript-eslint/rule-tester';

import cacheRule from '../../rules/src/rules/no-unbounded-cache.js';
import collectionRule from '../../rules/src/rules/no-unbounded-collection.js';
import listenerRule from '../../rules/src/rules/no-leaked-listener.js';
import { suggest } from './suggest.js';

// Bounded code that the twenty-first fresh review (session 20) found reported, one principle per block,
// each with near-misses that stay reported.

// 1. A stream wrapper that forwards every chunk and keeps one clock reading per chunk, read once the
//    stream ends (time to the first token, time between tokens: openlit's LLM instrumentation). The
//    local holds a number per item of the one stream the call reads, not a copy of the items.
//    Near-misses: a value computed from the item (`Date.now() - chunk.created`) and the result of any
//    other call per turn (`await measure()`) are kept data, as in seed 000's events array.
const TIMESTAMPS = `export async function* wrapStream(response: AsyncIterable<{ created: number }>, span: { end(x: object): void }) {
  const timestamps: number[] = [];
  const startTime = Date.now();
  for await (const chunk of response) {
    timestamps.push(Date.now());
    yield chunk;
  }
  const ttft = timestamps.length > 0 ? (timestamps[0]! - startTime) / 1000 : 0;
  span.end({ ttft, count: timestamps.length });
}
`;
const PERFORMANCE = TIMESTAMPS.replace('timestamps.push(Date.now());', 'timestamps.push(performance.now());');
const FROM_ITEM = TIMESTAMPS.replace('timestamps.push(Date.now());', 'timestamps.push(Date.now() - chunk.created);');
const MEASURED = TIMESTAMPS.replace('timestamps.push(Date.now());', 'timestamps.push(await measure());') + 'declare function measure(): Promise<number>;\n';

const ringTimestamps = (code: string) =>
  `import { RingBuffer } from 'bounded';\nconst TIMESTAMPS_CAPACITY = 1000;\n${code
    .replace('const timestamps: number[] = [];', 'const timestamps: RingBuffer<number> = new RingBuffer<number>(TIMESTAMPS_CAPACITY);')
    .replace('timestamps[0]!', 'timestamps.at(0)!')}`;

const clocks = new RuleTester();
clocks.run('no-unbounded-collection (clock readings kept per chunk of one stream)', collectionRule, {
  valid: [TIMESTAMPS, PERFORMANCE],
  invalid: [FROM_ITEM, MEASURED].map((code) => ({
    code,
    errors: [{ messageId: 'unboundedLocal' as const, line: 2, data: { name: 'timestamps', how: 'push()', line: 5, context: 'for await loop' }, suggestions: suggest(ringTimestamps(code)) }],
  })),
});

// 2. A memo keyed by a choice between literal keys (`isCompat ? 'compat' : 'default'`, passed to the
//    function that fills it: wllama's source-map cache, at most two entries). Near-misses: a choice
//    with one side from the caller's input, and a default behind a caller's value (`name ?? 'default'`).
const SOURCE_MAPS = `const cache = new Map<string, number[]>();

async function loadMap(buildKey: string): Promise<number[]> {
  if (cache.has(buildKey)) return cache.get(buildKey)!;
  const entry = await decode(buildKey);
  cache.set(buildKey, entry);
  return entry;
}

export async function functionNames(isCompatBuild: boolean, build: string) {
  const buildKey = isCompatBuild ? 'compat' : 'default';
  return loadMap(buildKey);
}

declare function decode(key: string): Promise<number[]>;
`;
const DEFAULTED = SOURCE_MAPS.replace("const buildKey = isCompatBuild ? 'compat' : 'default';", "const buildKey = isCompatBuild ? 'compat' : 'default';\n  const other = build ?? 'default';\n  await loadMap(other);");
const ONE_SIDE_INPUT = SOURCE_MAPS.replace("isCompatBuild ? 'compat' : 'default'", "isCompatBuild ? 'compat' : build");

const ttlCache = (code: string) =>
  `import { TtlMap } from 'bounded';\nconst CACHE_MAX = 10_000;\nconst CACHE_TTL_MS = 10 * 60_000;\n${code.replace(
    'const cache = new Map<string, number[]>();',
    'const cache = new TtlMap<string, number[]>({ max: CACHE_MAX, ttl: CACHE_TTL_MS });',
  )}`;

const choices = new RuleTester();
choices.run('no-unbounded-cache (a memo keyed by a choice between literals)', cacheRule, {
  valid: [SOURCE_MAPS],
  invalid: [DEFAULTED, ONE_SIDE_INPUT].map((code) => ({
    code,
    errors: [{ messageId: 'unboundedCache' as const, line: 1, suggestions: suggest(ttlCache(code)) }],
  })),
});

// 3. A handler stored in a slot as it is added (`addEventListener('online', (callback = () => cb()))`)
//    and removed through that slot before the next one is added (urql's graphcache storage). The
//    handler is the slot's function, not an unremovable inline one. Near-misses: no removal, and a
//    removal through another slot.
const ONLINE = `let callback: (() => void) | undefined;
let previous: (() => void) | undefined;

export const storage = {
  onOnline(cb: () => void) {
    if (callback) {
      window.removeEventListener('online', callback);
      callback = undefined;
    }
    window.addEventListener(
      'online',
      (callback = () => {
        cb();
      }),
    );
  },
};
`;
const NEVER_REMOVED = ONLINE.replace("      window.removeEventListener('online', callback);\n", '');
const OTHER_SLOT = ONLINE.replace("window.removeEventListener('online', callback);", "window.removeEventListener('online', previous!);");

const slots = new RuleTester();
slots.run('no-leaked-listener (a handler stored in a slot as it is added)', listenerRule, {
  valid: [ONLINE],
  // leakedPerCall names the slot's handler; an inline handler would be 'unremovable'
  invalid: [
    { code: NEVER_REMOVED, errors: [{ messageId: 'leakedPerCall', line: 9 }] },
    { code: OTHER_SLOT, errors: [{ messageId: 'leakedPerCall', line: 10 }] },
  ],
});

// 4. A class made per call in this file whose instance is handed to helpers of the same file that only
//    call its methods (openlit's `SubagentSpanTracker`, one per agent query). Near-misses: a helper
//    that stores the instance, and a helper imported from another module.
const TRACKER = `class SubagentSpanTracker {
  private toolUseToTask = new Map<string, string>();

  start(toolUseId: string, taskId: string): void {
    this.toolUseToTask.set(toolUseId, taskId);
  }

  taskOf(toolUseId: string): string | undefined {
    return this.toolUseToTask.get(toolUseId);
  }
}

function processMessage(message: { toolUseId: string; taskId: string }, tracker: SubagentSpanTracker): void {
  tracker.start(message.toolUseId, message.taskId);
  flush(message, tracker);
}

function flush(message: { toolUseId: string }, tracker: SubagentSpanTracker): void {
  console.log(tracker.taskOf(message.toolUseId));
}

export async function* wrappedQuery(messages: AsyncIterable<{ toolUseId: string; taskId: string }>) {
  const tracker = new SubagentSpanTracker();
  for await (const message of messages) {
    processMessage(message, tracker);
    yield message;
  }
}
`;
const STORED = TRACKER.replace('  console.log(tracker.taskOf(message.toolUseId));', '  console.log(tracker.taskOf(message.toolUseId));\n  latest.tracker = tracker;').replace(
  'class SubagentSpanTracker {',
  'export const latest: { tracker?: SubagentSpanTracker } = {};\nclass SubagentSpanTracker {',
);
const IMPORTED = `import { processMessage } from './process';\n${TRACKER.replace(/function processMessage[\s\S]*?\n}\n\n/, '')}`;

// The collection rule's rewrite: a capped TtlMap (no TTL), its constant right above the class.
const cappedTasks = (code: string) => {
  const [, imports = '', rest = code] = /^((?:import .*\n)*)([\s\S]*)$/.exec(code) ?? [];
  return `${imports}import { TtlMap } from 'bounded';\n${rest
    .replace('class SubagentSpanTracker {', 'const TOOL_USE_TO_TASK_MAX = 10_000;\nclass SubagentSpanTracker {')
    .replace('private toolUseToTask = new Map<string, string>();', 'private toolUseToTask = new TtlMap<string, string>({ max: TOOL_USE_TO_TASK_MAX });')}`;
};

const helpers = new RuleTester();
helpers.run('no-unbounded-collection (an instance per call, handed to helpers that call its methods)', collectionRule, {
  valid: [TRACKER],
  invalid: [
    { code: STORED, errors: [{ messageId: 'unbounded', line: 3, suggestions: suggest(cappedTasks(STORED)) }] },
    { code: IMPORTED, errors: [{ messageId: 'unbounded', line: 3, suggestions: suggest(cappedTasks(IMPORTED)) }] },
  ],
});
