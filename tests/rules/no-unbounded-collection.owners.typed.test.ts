import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

import { RuleTester } from '@typescript-eslint/rule-tester';

import rule from '../../rules/src/rules/no-unbounded-collection.js';

// With a type-checked program, the owner's lifetime is read across files: a class that every
// non-test file constructs per call, into a local used only through its members, holds one call's
// data. The fixture project is tests/fixtures/owners/; each case lints one of its files as it is on
// disk, so the other files see the same class.
const root = fileURLToPath(new URL('../fixtures/owners/', import.meta.url));
// Relative file names make the fixture folder the linter's cwd, so its path is not read as test code.
const source = (name: string): { code: string; filename: string } => ({ code: readFileSync(`${root}src/${name}`, 'utf8'), filename: `src/${name}` });

const typed = new RuleTester({
  languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: root } },
});

typed.run('no-unbounded-collection (owners across files, typed)', rule, {
  valid: [
    // gemini-cli's Turn: `const turn = new Turn(message)` in Client.send, used only through its members
    // (a type position, `value instanceof Turn` and the import do not count).
    source('turn.ts'),
  ],
  invalid: [
    // `export const hub = new Hub()` at module load: one instance for the process.
    {
      ...source('hub.ts'),
      errors: [{ messageId: 'unbounded', data: { name: 'log', how: 'push()', line: 6 }, suggestions: [{ messageId: 'suggestBounded', output: "import { RingBuffer } from 'bounded';\nconst LOG_CAPACITY = 1000;\n// One hub for the process: constructed at module load in server.ts.\nexport class Hub {\n  private readonly log: RingBuffer<string> = new RingBuffer<string>(LOG_CAPACITY);\n\n  record(line: string): void {\n    this.log.push(line);\n  }\n}\n" }] }],
    },
    // Stored in a module map: the instance lives as long as the map's entry.
    {
      ...source('session.ts'),
      errors: [{ messageId: 'unbounded', data: { name: 'seen', how: 'push()', line: 6 }, suggestions: [{ messageId: 'suggestBounded', output: "import { RingBuffer } from 'bounded';\nconst SEEN_CAPACITY = 1000;\n// Sessions are kept in a map by server.ts: their lifetime is the map's.\nexport class Session {\n  private readonly seen: RingBuffer<string> = new RingBuffer<string>(SEEN_CAPACITY);\n\n  touch(id: string): void {\n    this.seen.push(id);\n  }\n}\n" }] }],
    },
    // Lazily created (`if (!this.vocabulary) this.vocabulary = new Vocabulary()`): the first instance is kept.
    {
      ...source('vocabulary.ts'),
      errors: [{ messageId: 'unbounded', data: { name: 'tokens', how: 'set()', line: 6 }, suggestions: [{ messageId: 'suggestBounded', output: "import { TtlMap } from 'bounded';\nconst TOKENS_MAX = 10_000;\n// Created lazily once per Service and kept.\nexport class Vocabulary {\n  private readonly tokens = new TtlMap<string, number>({ max: TOKENS_MAX });\n\n  learn(text: string): number {\n    this.tokens.set(text, text.length);\n    return this.tokens.size;\n  }\n}\n" }] }],
    },
    // Returned by a factory: the caller may keep it.
    {
      ...source('playlist.ts'),
      errors: [{ messageId: 'unbounded', data: { name: 'parts', how: 'push()', line: 6 }, suggestions: [{ messageId: 'suggestBounded', output: "import { RingBuffer } from 'bounded';\nconst PARTS_CAPACITY = 1000;\n// Returned to the caller, who may keep it.\nexport class Playlist {\n  private readonly parts: RingBuffer<string> = new RingBuffer<string>(PARTS_CAPACITY);\n\n  add(part: string): void {\n    this.parts.push(part);\n  }\n}\n" }] }],
    },
    // Constructed only in test files: its lifetime in the product is unknown.
    {
      ...source('audit.ts'),
      errors: [{ messageId: 'unbounded', data: { name: 'events', how: 'push()', line: 6 }, suggestions: [{ messageId: 'suggestBounded', output: "import { RingBuffer } from 'bounded';\nconst EVENTS_CAPACITY = 1000;\n// Constructed only by tests: its lifetime in the product is unknown.\nexport class AuditTrail {\n  private readonly events: RingBuffer<string> = new RingBuffer<string>(EVENTS_CAPACITY);\n\n  append(event: string): void {\n    this.events.push(event);\n  }\n}\n" }] }],
    },
    // Subclassed (`class Derived extends Base`): the subclass's instances are made elsewhere.
    {
      ...source('base.ts'),
      errors: [{ messageId: 'unbounded', data: { name: 'lines', how: 'push()', line: 6 }, suggestions: [{ messageId: 'suggestBounded', output: "import { RingBuffer } from 'bounded';\nconst LINES_CAPACITY = 1000;\n// Subclassed: the subclass's instances carry the field too.\nexport class Base {\n  private readonly lines: RingBuffer<string> = new RingBuffer<string>(LINES_CAPACITY);\n\n  add(line: string): void {\n    this.lines.push(line);\n  }\n}\n\nexport class Derived extends Base {}\n" }] }],
    },
    // Kept in a field (`this.waiter = new LogWaiter()`): the client holds it across its other calls until
    // the next follow(), as gemini-cli's file-search ResultCache is held between rebuilds (a real leak).
    {
      ...source('waiter.ts'),
      errors: [{ messageId: 'unbounded', data: { name: 'expected', how: 'push()', line: 6 }, suggestions: [{ messageId: 'suggestBounded', output: "import { RingBuffer } from 'bounded';\nconst EXPECTED_CAPACITY = 1000;\n// Kept in a field of the client until the next follow(): it grows across the client's other calls.\nexport class LogWaiter {\n  private readonly expected: RingBuffer<string> = new RingBuffer<string>(EXPECTED_CAPACITY);\n\n  expect(line: string): void {\n    this.expected.push(line);\n  }\n}\n" }] }],
    },
    // The class hands itself on (`registry.add(this)`): a local used only through its members may still
    // outlive the call.
    {
      ...source('channel.ts'),
      errors: [{ messageId: 'unbounded', data: { name: 'backlog', how: 'push()', line: 10 }, suggestions: [{ messageId: 'suggestBounded', output: "import { RingBuffer } from 'bounded';\nconst BACKLOG_CAPACITY = 1000;\n// Registers itself where the caller cannot see: `registry.add(this)`.\nexport class Channel {\n  private readonly backlog: RingBuffer<string> = new RingBuffer<string>(BACKLOG_CAPACITY);\n\n  open(registry: Set<Channel>): void {\n    registry.add(this);\n  }\n\n  send(message: string): void {\n    this.backlog.push(message);\n  }\n}\n" }] }],
    },
    // Handed on in an object literal (`start({ store })`): the receiver may keep it (the MCP servers'
    // InMemoryEventStore, passed to each session's transport, is a real leak).
    {
      ...source('event-log.ts'),
      errors: [{ messageId: 'unbounded', data: { name: 'entries', how: 'push()', line: 6 }, suggestions: [{ messageId: 'suggestBounded', output: "import { RingBuffer } from 'bounded';\nconst ENTRIES_CAPACITY = 1000;\n// Handed on in an object literal (`{ store }`): the receiver may keep it.\nexport class EventLog {\n  private readonly entries: RingBuffer<string> = new RingBuffer<string>(ENTRIES_CAPACITY);\n\n  append(entry: string): void {\n    this.entries.push(entry);\n  }\n}\n" }] }],
    },
  ],
});

// Without a program one file cannot see the constructions: the same Turn stays a candidate.
const untyped = new RuleTester({ languageOptions: { parserOptions: { tsconfigRootDir: root } } });
untyped.run('no-unbounded-collection (owners across files, untyped)', rule, {
  valid: [],
  invalid: [
    {
      ...source('turn.ts'),
      errors: [{ messageId: 'unbounded', data: { name: 'pendingToolCalls', how: 'push()', line: 8 }, suggestions: [{ messageId: 'suggestBounded', output: "import { RingBuffer } from 'bounded';\nconst PENDING_TOOL_CALLS_CAPACITY = 1000;\n// One agentic turn: the pending tool calls of one model response (gemini-cli's `Turn`).\nexport class Turn {\n  private readonly pendingToolCalls: RingBuffer<string> = new RingBuffer<string>(PENDING_TOOL_CALLS_CAPACITY);\n\n  constructor(readonly promptId: string) {}\n\n  record(call: string): void {\n    this.pendingToolCalls.push(call);\n  }\n\n  get calls(): readonly string[] {\n    return this.pendingToolCalls.toArray();\n  }\n}\n" }] }],
    },
  ],
});
