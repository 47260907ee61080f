import { RuleTester } from '@typescript-eslint/rule-tester';

import cacheRule from '../../rules/src/rules/no-unbounded-cache.js';
import collectionRule from '../../rules/src/rules/no-unbounded-collection.js';
import listenerRule from '../../rules/src/rules/no-leaked-listener.js';
import { suggest } from './suggest.js';

// Bounded code that the seventeenth fresh review (session 17) found reported, one principle per block,
// each with near-misses that stay reported.

// 1. The disposer of a returned subscription, read without being called and handed on (stream-chat's
//    `this.addUnsubscribeFunction(channel.on('message.new', ...).unsubscribe)`): the handler is removed
//    when the stored disposer is called. Near-misses: the disposer read and dropped, and another member
//    of the subscription handed on.
const HANDED_ON = `type Unsubscribe = () => void;

export class CooldownTimer {
  private unsubscribers: Unsubscribe[] = [];

  constructor(private readonly channel: { on(type: string, cb: (e: unknown) => void): { unsubscribe: Unsubscribe } }) {}

  registerSubscriptions = () => {
    if (this.unsubscribers.length > 0) return;
    this.addUnsubscribeFunction(
      this.channel.on('message.new', (event) => {
        this.refresh(event);
      }).unsubscribe,
    );
  };

  unregisterSubscriptions = () => {
    for (const unsubscribe of this.unsubscribers) unsubscribe();
    this.unsubscribers = [];
  };

  private addUnsubscribeFunction(unsubscribe: Unsubscribe): void {
    this.unsubscribers.push(unsubscribe);
  }

  private refresh(event: unknown): void {
    console.log(event);
  }
}
`;
const DROPPED = HANDED_ON.replace(
  "    this.addUnsubscribeFunction(\n      this.channel.on('message.new', (event) => {\n        this.refresh(event);\n      }).unsubscribe,\n    );",
  "    this.channel.on('message.new', (event) => {\n      this.refresh(event);\n    }).unsubscribe;",
);
const OTHER_MEMBER = HANDED_ON.replace('}).unsubscribe,', '}).listenerCount,');

const listeners = new RuleTester();
listeners.run('no-leaked-listener (the disposer of a subscription handed on)', listenerRule, {
  valid: [HANDED_ON],
  invalid: [
    { code: DROPPED, errors: [{ messageId: 'unremovable', line: 10 }] },
    { code: OTHER_MEMBER, errors: [{ messageId: 'unremovable', line: 11 }] },
  ],
});

// 2. Classes that extend or implement a per-operation type (composio's code-generation builders:
//    `ClassDeclaration extends TypeBuilder`, `File implements BasicBuilder`): one instance per generated
//    declaration or file, dropped after `write()`. Near-misses: a registry that extends a `*Registry`
//    and implements `Disposable`, and a builder subclass linted with `checkShortLivedClasses`.
const EXTENDS_BUILDER = `import { TypeBuilder } from './TypeBuilder';
import type { Writer } from './Writer';

export class ClassDeclaration extends TypeBuilder {
  private items: string[] = [];

  constructor(readonly name: string) {
    super();
  }

  add(item: string): this {
    this.items.push(item);
    return this;
  }

  write(writer: Writer): void {
    writer.writeLine(\`class \${this.name} {\`);
    for (const item of this.items) writer.writeLine(item);
    writer.writeLine('}');
  }
}
`;
const IMPLEMENTS_BUILDER = `import type { BasicBuilder } from './BasicBuilder';
import type { Writer } from './Writer';

export class SourceFile implements BasicBuilder {
  private imports: string[] = [];
  private declarations: string[] = [];

  addImport(line: string): this {
    this.imports.push(line);
    return this;
  }

  add(declaration: string): this {
    this.declarations.push(declaration);
    return this;
  }

  write(writer: Writer): void {
    for (const line of [...this.imports, ...this.declarations]) writer.writeLine(line);
  }
}
`;
const EXTENDS_REGISTRY = `import { BaseRegistry } from './BaseRegistry';

export class SessionRegistry extends BaseRegistry implements Disposable {
  private sessions: string[] = [];

  add(session: string): this {
    this.sessions.push(session);
    return this;
  }

  [Symbol.dispose](): void {
    console.log(this.sessions.length);
  }
}
`;

const ringBuffer = (code: string, field: string, constant: string, type: string, before: string): string =>
  code
    .replace(before, `${before}import { RingBuffer } from 'bounded';\n`)
    .replace('\nexport class', `\nconst ${constant} = 1000;\nexport class`)
    .replace(`private ${field}: ${type}[] = [];`, `private ${field}: RingBuffer<${type}> = new RingBuffer<${type}>(${constant});`);

const builders = new RuleTester();
builders.run('no-unbounded-collection (subclasses and implementations of a per-operation type)', collectionRule, {
  valid: [EXTENDS_BUILDER, IMPLEMENTS_BUILDER],
  invalid: [
    {
      code: EXTENDS_REGISTRY,
      errors: [
        {
          messageId: 'unbounded',
          line: 4,
          suggestions: suggest(ringBuffer(EXTENDS_REGISTRY, 'sessions', 'SESSIONS_CAPACITY', 'string', "import { BaseRegistry } from './BaseRegistry';\n")),
        },
      ],
    },
    {
      code: EXTENDS_BUILDER,
      options: [{ checkShortLivedClasses: true }],
      errors: [
        {
          messageId: 'unbounded',
          line: 5,
          suggestions: suggest(ringBuffer(EXTENDS_BUILDER, 'items', 'ITEMS_CAPACITY', 'string', "import type { Writer } from './Writer';\n")),
        },
      ],
    },
  ],
});

// 3. A fluent model with chained `with*` setters (Adaptive Cards' `new AreaGridLayout()
//    .withColumnSpacing('small').addColumns(50, 50)`): its chained `add*` methods run while one card is
//    built. Near-miss: the same chained `addColumns` in a class whose `with*` method is not a chained
//    setter.
const FLUENT_MODEL = `export class AreaGridLayout {
  readonly type = 'Layout.AreaGrid';
  columns: (number | string)[] = [];
  columnSpacing?: string;

  withColumnSpacing(value: string) {
    this.columnSpacing = value;
    return this;
  }

  addColumns(...value: (number | string)[]) {
    this.columns.push(...value);
    return this;
  }
}
`;
const NOT_FLUENT = `export class ColumnLog {
  columns: (number | string)[] = [];
  spacing?: string;

  withLock(run: () => void): void {
    run();
  }

  addColumns(...value: (number | string)[]) {
    this.columns.push(...value);
    return this;
  }
}
`;

const fluent = new RuleTester();
fluent.run('no-unbounded-collection (chained adds of a fluent model)', collectionRule, {
  valid: [FLUENT_MODEL],
  invalid: [{ code: NOT_FLUENT, errors: [{ messageId: 'unbounded', line: 2, suggestions: [] }] }],
});

// 4. A script whose `main()` ends the process (a2a-js' compat-client sample: it starts an in-process
//    webhook receiver, runs its demos, prints what the receiver captured and calls `process.exit(0)`):
//    the receiver's table lives for one run. Near-miss: the same script without the exit, where the
//    receiver keeps the process alive.
/** The receiver's route, shared by both forms of the program. */
const ROUTE = `app.post('/webhook', express.json(), (req, res) => {
  const bucket = captured.get(req.body.taskId) ?? [];
  bucket.push(req.body);
  captured.set(req.body.taskId, bucket);
  res.sendStatus(200);
});`;
const EXITS_AFTER_MAIN = `import express from 'express';

const captured = new Map<string, unknown[]>();

function startReceiver(): void {
  const app = express();
${ROUTE.replace(/^/gm, '  ')}
  app.listen(41241);
}

async function main(): Promise<void> {
  startReceiver();
  await runDemos();
  console.log(captured.size);
  process.exit(0);
}

async function runDemos(): Promise<void> {}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
`;
const KEEPS_SERVING = EXITS_AFTER_MAIN.replace('  console.log(captured.size);\n  process.exit(0);\n', '  console.log(captured.size);\n');

// The same program written with top-level awaits, ending with its own `process.exit(...)` (posthog-js'
// MCP harness probes, eighteenth fresh review).
const EXITS_AT_TOP_LEVEL = `import express from 'express';

const captured = new Map<string, unknown[]>();

const app = express();
${ROUTE}
const server = app.listen(0);
await runDemos();
server.close();
process.exit(captured.size > 0 ? 0 : 1);

async function runDemos(): Promise<void> {}
`;

const ttlMap = (code: string): string =>
  code
    .replace("import express from 'express';\n", "import express from 'express';\nimport { TtlMap } from 'bounded';\n")
    .replace(
      'const captured = new Map<string, unknown[]>();',
      'const CAPTURED_MAX = 10_000;\nconst CAPTURED_TTL_MS = 10 * 60_000;\nconst captured = new TtlMap<string, unknown[]>({ max: CAPTURED_MAX, ttl: CAPTURED_TTL_MS });',
    );

const scripts = new RuleTester();
scripts.run('no-unbounded-cache (a script whose main ends the process)', cacheRule, {
  valid: [EXITS_AFTER_MAIN, EXITS_AT_TOP_LEVEL],
  invalid: [{ code: KEEPS_SERVING, errors: [{ messageId: 'unboundedCache', line: 3, suggestions: suggest(ttlMap(KEEPS_SERVING)) }] }],
});

// 5. The aggregator and the spans of one traced call (openinference's Bedrock `AgentTraceAggregator`,
//    made per `InvokeAgent` response, and its `AgentChunkSpan`s): named like the other per-operation
//    objects. Near-miss: an `*Exporter`, which serves the whole process.
const TRACED_CALL = `type Chunk = { traceId: string; body: string };

export class AgentChunkSpan {
  readonly chunks: Chunk[] = [];

  addChunk(chunk: Chunk): void {
    this.chunks.push(chunk);
  }
}

export class AgentTraceAggregator {
  private readonly spansById: Record<string, AgentChunkSpan> = {};

  collect(chunk: Chunk): void {
    const span = (this.spansById[chunk.traceId] ??= new AgentChunkSpan());
    span.addChunk(chunk);
  }
}
`;
const EXPORTER = `type Chunk = { traceId: string; body: string };

export class ChunkExporter {
  readonly chunks: Chunk[] = [];

  export(chunk: Chunk): void {
    this.chunks.push(chunk);
  }
}
`;

const traced = new RuleTester();
traced.run('no-unbounded-collection (the aggregator and spans of one traced call)', collectionRule, {
  valid: [TRACED_CALL],
  invalid: [
    {
      code: EXPORTER,
      errors: [
        {
          messageId: 'unbounded',
          line: 4,
          suggestions: suggest(
            `import { RingBuffer } from 'bounded';\n${EXPORTER.replace('\nexport class', '\nconst CHUNKS_CAPACITY = 1000;\nexport class').replace(
              'readonly chunks: Chunk[] = [];',
              'readonly chunks: RingBuffer<Chunk> = new RingBuffer<Chunk>(CHUNKS_CAPACITY);',
            )}`,
          ),
        },
      ],
    },
  ],
});
