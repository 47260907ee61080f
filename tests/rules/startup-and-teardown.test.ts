import { RuleTester } from '@typescript-eslint/rule-tester';

import cacheRule from '../../rules/src/rules/no-unbounded-cache.js';
import collectionRule from '../../rules/src/rules/no-unbounded-collection.js';
import listenerRule from '../../rules/src/rules/no-leaked-listener.js';
import stringRule from '../../rules/src/rules/no-unbounded-string.js';
import { suggest } from './suggest.js';

// Bounded code that the nineteenth fresh review (session 18) found reported, one principle per block,
// each with near-misses that stay reported.

// 1. A buffer filled only while a readiness flag is unset, and the flag only ever set to `true` (gun's
//    webview crypto worker queues calls until the webview's first message; RudderStack's v1.1
//    `Analytics` queues calls until its config has loaded). Near-misses: the flag is set back to
//    `false` (the window opens again), and a flag named for the end of the owner's life (`closed`),
//    which leaves the buffer growing for the whole life.
const READY_TO_SEND = `export class WebViewCrypto {
  private toSend: string[] = [];
  private readyToSend = false;

  constructor(private readonly post: (message: string) => void) {}

  onWebViewMessage(message: string): void {
    if (!this.readyToSend) {
      this.readyToSend = true;
      for (const m of this.toSend) this.post(m);
      return;
    }
    console.log(message);
  }

  call(message: string): void {
    if (this.readyToSend) {
      this.post(message);
    } else {
      this.toSend.push(message);
    }
  }
}
`;
const REOPENED = READY_TO_SEND.replace('  call(message: string): void {', '  onClose(): void {\n    this.readyToSend = false;\n  }\n\n  call(message: string): void {');
const UNTIL_CLOSED = READY_TO_SEND.replaceAll('readyToSend', 'closed');
const UNTIL_LOADED = `class Analytics {
  constructor(transport) {
    this.transport = transport;
    this.toBeProcessed = [];
    this.readyCallbacks = [];
    this.loaded = false;
    this.integrationsReady = false;
  }

  load() {
    this.transport.fetchConfig(() => {
      this.loaded = true;
      for (const call of this.toBeProcessed) this[call[0]](...call[1]);
    });
  }

  track(event) {
    if (!this.loaded) {
      this.toBeProcessed.push(['track', [event]]);
      return;
    }
    this.transport.send(event);
  }

  ready(callback) {
    if (this.integrationsReady) {
      callback();
      return;
    }
    this.readyCallbacks.push(callback);
  }

  onIntegrationsLoaded() {
    this.integrationsReady = true;
    for (const cb of this.readyCallbacks) cb();
  }
}

export default Analytics;
`;
const ringBuffer = (code: string): string =>
  `import { RingBuffer } from 'bounded';\nconst TO_SEND_CAPACITY = 1000;\n${code.replace('private toSend: string[] = [];', 'private toSend: RingBuffer<string> = new RingBuffer<string>(TO_SEND_CAPACITY);')}`;

const windows = new RuleTester();
windows.run('no-unbounded-collection (a buffer filled until the owner is ready)', collectionRule, {
  valid: [READY_TO_SEND, { code: UNTIL_LOADED, filename: 'analytics.js' }],
  invalid: [
    { code: REOPENED, errors: [{ messageId: 'unbounded', line: 2, suggestions: suggest(ringBuffer(REOPENED)) }] },
    { code: UNTIL_CLOSED, errors: [{ messageId: 'unbounded', line: 2, suggestions: suggest(ringBuffer(UNTIL_CLOSED)) }] },
  ],
});

// 2. Classes named `*Hash` or `*Hasher`: one per digest, as `crypto.createHash()` makes them (ax's
//    `Hash` appends each `update()` to a string; LaunchDarkly's `BrowserHasher` pushes to an array).
//    Near-misses: the same shapes named as a log or a journal.
const HASH = `export class Hash {
  private data = '';

  update(chunk: string): this {
    this.data += chunk;
    return this;
  }

  digest(): string {
    let h = 0;
    for (let i = 0; i < this.data.length; i++) h = (h * 31 + this.data.charCodeAt(i)) | 0;
    return h.toString(16);
  }
}

export function createHash(): Hash {
  return new Hash();
}
`;
const TRANSCRIPT = HASH.replaceAll('Hash', 'TranscriptLog');
const HASHER = `export default class BrowserHasher {
  private data: string[] = [];

  constructor(private readonly webcrypto: Crypto) {}

  update(chunk: string): this {
    this.data.push(chunk);
    return this;
  }

  async digest(): Promise<ArrayBuffer> {
    return this.webcrypto.subtle.digest('SHA-256', new TextEncoder().encode(this.data.join('')));
  }
}
`;
const JOURNAL = HASHER.replaceAll('BrowserHasher', 'BrowserJournal');

const digests = new RuleTester();
digests.run('no-unbounded-string (a hash of one digest)', stringRule, {
  valid: [HASH],
  invalid: [{ code: TRANSCRIPT, errors: [{ messageId: 'unboundedString', line: 2 }] }],
});
digests.run('no-unbounded-collection (a hasher of one digest)', collectionRule, {
  valid: [HASHER],
  invalid: [
    {
      code: JOURNAL,
      errors: [
        {
          messageId: 'unbounded',
          line: 2,
          suggestions: suggest(
            `import { RingBuffer } from 'bounded';\nconst DATA_CAPACITY = 1000;\n${JOURNAL.replace('private data: string[] = [];', 'private data: RingBuffer<string> = new RingBuffer<string>(DATA_CAPACITY);')}`,
          ),
        },
      ],
    },
  ],
});

// 3. A warn-once set whose line goes to a stored logger function (`this.logger({...})`: ax's MCP
//    client warns once per tool with an invalid header schema). Near-miss: the gated call is not a
//    log line (`this.notify({...})`).
const WARN_ONCE = `type Logger = (entry: { name: string; value: string }) => void;

export class McpClient {
  private readonly invalidHeaderWarnings = new Set<string>();

  constructor(private readonly logger: Logger) {}

  acceptToolHeaders(revision: number, tool: { name: string; header?: unknown }): boolean {
    if (tool.header !== undefined) return true;
    const warningKey = \`\${revision}:\${tool.name}\`;
    if (!this.invalidHeaderWarnings.has(warningKey)) {
      this.invalidHeaderWarnings.add(warningKey);
      this.logger({ name: 'Notification', value: \`tool \${tool.name} has an invalid header schema\` });
    }
    return false;
  }
}
`;
const NOTIFY_ONCE = WARN_ONCE.replace('this.logger({', 'this.notify({').replace('private readonly logger: Logger', 'private readonly notify: Logger');

const warnings = new RuleTester();
warnings.run('no-unbounded-collection (a warn-once set logging through a stored logger)', collectionRule, {
  valid: [WARN_ONCE],
  invalid: [
    {
      code: NOTIFY_ONCE,
      errors: [
        {
          messageId: 'unbounded',
          line: 4,
          suggestions: suggest(
            `import { TtlSet } from 'bounded';\n${NOTIFY_ONCE.replace('\nexport class', '\nconst INVALID_HEADER_WARNINGS_MAX = 10_000;\nexport class').replace(
              'new Set<string>();',
              'new TtlSet<string>({ max: INVALID_HEADER_WARNINGS_MAX });',
            )}`,
          ),
        },
      ],
    },
  ],
});

// 4. A cache of `Intl` formatters keyed by what the constructor takes (ax's time-zone formatters):
//    `Intl` rejects an unknown time zone or a malformed locale before the insert. Near-miss: the
//    same cache of a formatter class of the program's own.
const INTL_CACHE = `const formatterCache = new Map<string, Intl.DateTimeFormat>();

export function formatterFor(timeZone: string): Intl.DateTimeFormat {
  const cached = formatterCache.get(timeZone);
  if (cached) return cached;
  const formatter = new Intl.DateTimeFormat('en-US', { timeZone, hour: '2-digit' });
  formatterCache.set(timeZone, formatter);
  return formatter;
}
`;
const OWN_FORMATTER = INTL_CACHE.replace('new Intl.DateTimeFormat', 'new DateFormatter').replace('export function', 'declare class DateFormatter {\n  constructor(locale: string, options: object);\n}\n\nexport function');

const formatters = new RuleTester();
formatters.run('no-unbounded-cache (a cache of Intl formatters)', cacheRule, {
  valid: [INTL_CACHE],
  invalid: [
    {
      code: OWN_FORMATTER,
      errors: [
        {
          messageId: 'unboundedCache',
          line: 1,
          suggestions: suggest(
            `import { TtlMap } from 'bounded';\nconst FORMATTER_CACHE_MAX = 10_000;\nconst FORMATTER_CACHE_TTL_MS = 10 * 60_000;\n${OWN_FORMATTER.replace(
              'const formatterCache = new Map<string, Intl.DateTimeFormat>();',
              'const formatterCache = new TtlMap<string, Intl.DateTimeFormat>({ max: FORMATTER_CACHE_MAX, ttl: FORMATTER_CACHE_TTL_MS });',
            )}`,
          ),
        },
      ],
    },
  ],
});

// 5. A listener added in a teardown method whose name is not one of the rule's `teardownMethods`
//    (`terminate()`: ax's stdio transport waits for its killed child's 'exit'): it runs once, as the
//    instance ends. Near-miss: the same code in `restart()`, which may run many times.
const TERMINATE = `import { spawn, type ChildProcess } from 'node:child_process';

export class StdioTransport {
  private readonly process: ChildProcess;

  constructor(command: string) {
    this.process = spawn(command);
  }

  send(line: string): void {
    this.process.stdin?.write(\`\${line}\\n\`);
  }

  async terminate(): Promise<void> {
    this.process.kill();
    return new Promise((resolve) => {
      this.process.on('exit', () => resolve());
    });
  }
}
`;
const RESTART = TERMINATE.replace('async terminate()', 'async restart()');

const teardowns = new RuleTester();
teardowns.run('no-leaked-listener (a listener added while the instance ends)', listenerRule, {
  valid: [TERMINATE],
  invalid: [{ code: RESTART, errors: [{ messageId: 'unremovable', line: 17 }] }],
});

// 6. A key checked against a fixed table before a callback that adds it (instant's docs code blocks:
//    `const loader = lazyLanguages[language]; if (!loader) return; loader().then(() =>
//    loadedLanguages.add(language))`): the check holds in the callback, since `language` is never
//    reassigned. Near-miss: the same without the check.
const CHECKED_BEFORE_CALLBACK = `const lazyLanguages = {
  python: () => import('prismjs/components/prism-python'),
  ruby: () => import('prismjs/components/prism-ruby'),
};

const loadedLanguages = new Set();

export function loadLanguage(language, done) {
  if (!language || loadedLanguages.has(language)) return;
  const loader = lazyLanguages[language];
  if (!loader) return;
  loader().then(() => {
    loadedLanguages.add(language);
    done();
  });
}
`;
const UNCHECKED = CHECKED_BEFORE_CALLBACK.replace('  if (!loader) return;\n', '');

const tables = new RuleTester();
tables.run('no-unbounded-collection (a key checked against a fixed table before a callback)', collectionRule, {
  valid: [{ code: CHECKED_BEFORE_CALLBACK, filename: 'languages.js' }],
  invalid: [
    {
      code: UNCHECKED,
      filename: 'languages.js',
      errors: [
        {
          messageId: 'unbounded',
          line: 6,
          suggestions: suggest(
            `import { TtlSet } from 'bounded';\n${UNCHECKED.replace('const loadedLanguages = new Set();', 'const LOADED_LANGUAGES_MAX = 10_000;\nconst loadedLanguages = new TtlSet({ max: LOADED_LANGUAGES_MAX });')}`,
          ),
        },
      ],
    },
  ],
});

// 7. A class named `*Run` (or implementing `Run`): one run of a flow, made per run (modelfusion's
//    `DefaultRun` records the function events of one run). Near-miss: a `*Runner`, which serves runs.
const ONE_RUN = `interface Run {
  readonly runId: string;
}

type FunctionEvent = { eventType: string; timestamp: number };

export class DefaultRun implements Run {
  readonly events: FunctionEvent[] = [];

  constructor(readonly runId: string) {}

  readonly functionObserver = {
    onFunctionEvent: (event: FunctionEvent) => {
      this.events.push(event);
    },
  };
}
`;
const RUNNER = ONE_RUN.replace('export class DefaultRun implements Run {', 'export class DefaultRunner {');

const runs = new RuleTester();
runs.run('no-unbounded-collection (the record of one run)', collectionRule, {
  valid: [ONE_RUN],
  invalid: [
    {
      code: RUNNER,
      errors: [
        {
          messageId: 'unbounded',
          line: 8,
          suggestions: suggest(
            `import { RingBuffer } from 'bounded';\n${RUNNER.replace('\nexport class', '\nconst EVENTS_CAPACITY = 1000;\nexport class').replace(
              'readonly events: FunctionEvent[] = [];',
              'readonly events: RingBuffer<FunctionEvent> = new RingBuffer<FunctionEvent>(EVENTS_CAPACITY);',
            )}`,
          ),
        },
      ],
    },
  ],
});
