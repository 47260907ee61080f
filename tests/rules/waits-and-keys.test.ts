import { RuleTester } from '@typescript-eslint/rule-tester';

import cacheRule from '../../rules/src/rules/no-unbounded-cache.js';
import collectionRule from '../../rules/src/rules/no-unbounded-collection.js';
import listenerRule from '../../rules/src/rules/no-leaked-listener.js';
import { suggest } from './suggest.js';

// Bounded code that the fifteenth fresh review (session 15) found reported:
// - the `waitForOpen()` of the Fern-generated websocket clients (deepgram's and Hume's SDKs) and Hume's
//   `tillSocketOpen()`: an `open` listener and its `error` companion added in a `new Promise`, after an
//   early return when the socket's `readyState` is already open.
// Near-misses that stay reported: a `message` listener added per call in the same shape (Hume's
// `StreamSocket.send()`, a real leak), a wait without the readiness test, a test of another socket's
// `readyState`, and a readiness test that does not return.

const WAIT_FOR_OPEN = `import { ReconnectingWebSocket } from './rws';

export class ListenSocket {
  constructor(readonly socket: ReconnectingWebSocket) {}

  public async waitForOpen(): Promise<ReconnectingWebSocket> {
    if (this.socket.readyState === ReconnectingWebSocket.OPEN) {
      return this.socket;
    }

    return new Promise((resolve, reject) => {
      this.socket.addEventListener('open', () => {
        resolve(this.socket);
      });

      this.socket.addEventListener('error', (event: unknown) => {
        reject(event);
      });
    });
  }
}
`;

const TILL_OPEN = `export class StreamSocket {
  constructor(private readonly websocket: WebSocket) {}

  private async tillSocketOpen(): Promise<WebSocket> {
    if (this.websocket.readyState === WebSocket.OPEN) return this.websocket;
    return new Promise((resolve, reject) => {
      this.websocket.addEventListener('open', () => resolve(this.websocket));
      this.websocket.addEventListener('error', (event) => reject(event));
    });
  }
}
`;

const WAIT_FOR_MESSAGE = `export class StreamSocket {
  constructor(private readonly websocket: WebSocket) {}

  async send(payload: string): Promise<unknown> {
    if (this.websocket.readyState !== WebSocket.OPEN) return undefined;
    this.websocket.send(payload);
    return new Promise((resolve) => {
      this.websocket.addEventListener('message', (event) => resolve(JSON.parse(String(event.data))));
    });
  }
}
`;

const WITHOUT_TEST = WAIT_FOR_OPEN.replace(
  '    if (this.socket.readyState === ReconnectingWebSocket.OPEN) {\n      return this.socket;\n    }\n\n',
  '',
);

const OTHER_SOCKET = WAIT_FOR_OPEN.replace('constructor(readonly socket: ReconnectingWebSocket) {}', 'constructor(readonly socket: ReconnectingWebSocket, readonly other: ReconnectingWebSocket) {}').replace(
  'if (this.socket.readyState',
  'if (this.other.readyState',
);

const NO_RETURN = WAIT_FOR_OPEN.replace('      return this.socket;\n', '      console.log(this.socket);\n');

const listeners = new RuleTester();
listeners.run('no-leaked-listener (waits for a connection to open)', listenerRule, {
  valid: [WAIT_FOR_OPEN, TILL_OPEN],
  invalid: [
    { code: WAIT_FOR_MESSAGE, errors: [{ messageId: 'unremovable', line: 8 }] },
    {
      code: WITHOUT_TEST,
      errors: [
        { messageId: 'unremovable', line: 8 },
        { messageId: 'unremovable', line: 12 },
      ],
    },
    {
      code: OTHER_SOCKET,
      errors: [
        { messageId: 'unremovable', line: 12 },
        { messageId: 'unremovable', line: 16 },
      ],
    },
    {
      code: NO_RETURN,
      errors: [
        { messageId: 'unremovable', line: 12 },
        { messageId: 'unremovable', line: 16 },
      ],
    },
  ],
});

// Keys named after a category (`eventType`) or a part of a schema (`tableName`): convex's local store
// keeps one map of pages and documents per table of its sync schema. Near-misses that stay reported:
// the same store keyed by `userName` or `sessionId`.

const TABLES = `type TableName = string;

export class LocalStore {
  private documents = new Map<TableName, Map<string, unknown>>();

  getTableDocuments(tableName: TableName): Map<string, unknown> {
    if (!this.documents.has(tableName)) {
      this.documents.set(tableName, new Map());
    }
    return this.documents.get(tableName)!;
  }
}
`;

const EVENT_TYPES = `export class Stats {
  private counts: Record<string, number> = {};

  record(event: { eventType: string }): void {
    this.counts[event.eventType] = (this.counts[event.eventType] ?? 0) + 1;
  }
}
`;

const BY_USER = TABLES.replace(/tableName/g, 'userName');
const BY_SESSION = EVENT_TYPES.replace(/eventType/g, 'sessionId');

const lruDocuments = (code: string): string =>
  "import { TtlMap } from 'bounded';\n" +
  code
    .replace('export class LocalStore {', 'const DOCUMENTS_MAX = 10_000;\nexport class LocalStore {')
    .replace('new Map<TableName, Map<string, unknown>>()', 'new TtlMap<TableName, Map<string, unknown>>({ max: DOCUMENTS_MAX })');
const lruCounts = (code: string): string =>
  "import { TtlMap } from 'bounded';\nconst COUNTS_MAX = 10_000;\n" +
  code
    .replace('private counts: Record<string, number> = {};', 'private counts: TtlMap<string, number> = new TtlMap<string, number>({ max: COUNTS_MAX });')
    .replace('this.counts[event.sessionId] = (this.counts[event.sessionId] ?? 0) + 1;', 'this.counts.set(event.sessionId, (this.counts.get(event.sessionId) ?? 0) + 1);');

const tables = new RuleTester();
tables.run('no-unbounded-collection (keys named after a category or a schema part)', collectionRule, {
  valid: [TABLES, EVENT_TYPES],
  invalid: [
    { code: BY_USER, errors: [{ messageId: 'unbounded', line: 4, suggestions: suggest(lruDocuments(BY_USER)) }] },
    { code: BY_SESSION, errors: [{ messageId: 'unbounded', line: 2, suggestions: suggest(lruCounts(BY_SESSION)) }] },
  ],
});
tables.run('no-unbounded-cache (keys named after a category or a schema part)', cacheRule, { valid: [TABLES, EVENT_TYPES], invalid: [] });

// A fluent method that captures a name as a literal type: convex's `defineTable(...).index(name, fields)`
// records each index in the table definition's type, so every name is written at a call in the schema.
// Near-misses that stay reported: the same method with a `string` name, and with an unconstrained type
// parameter.

const SCHEMA_BUILDER = `export class TableDefinition<Indexes extends Record<string, string[]> = {}> {
  private indexes: { name: string; fields: string[] }[] = [];

  index<IndexName extends string>(name: IndexName, fields: string[]): this {
    this.indexes.push({ name, fields });
    return this;
  }
}

export function defineTable(): TableDefinition {
  return new TableDefinition();
}
`;

const STRING_NAME = SCHEMA_BUILDER.replace('index<IndexName extends string>(name: IndexName,', 'index(name: string,');
const UNCONSTRAINED = SCHEMA_BUILDER.replace('index<IndexName extends string>', 'index<IndexName>');

const ringIndexes = (code: string): string =>
  "import { RingBuffer } from 'bounded';\n" +
  code
    .replace('export class TableDefinition', 'const INDEXES_CAPACITY = 1000;\nexport class TableDefinition')
    .replace('private indexes: { name: string; fields: string[] }[] = [];', 'private indexes: RingBuffer<{ name: string; fields: string[] }> = new RingBuffer<{ name: string; fields: string[] }>(INDEXES_CAPACITY);');

const builders = new RuleTester();
builders.run('no-unbounded-collection (a fluent method that captures a name as a literal type)', collectionRule, {
  valid: [SCHEMA_BUILDER],
  invalid: [
    { code: STRING_NAME, errors: [{ messageId: 'unbounded', line: 2, suggestions: suggest(ringIndexes(STRING_NAME)) }] },
    { code: UNCONSTRAINED, errors: [{ messageId: 'unbounded', line: 2, suggestions: suggest(ringIndexes(UNCONSTRAINED)) }] },
  ],
});
