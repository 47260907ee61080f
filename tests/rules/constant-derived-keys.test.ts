import { RuleTester } from '@typescript-eslint/rule-tester';

import cacheRule from '../../rules/src/rules/no-unbounded-cache.js';
import collectionRule from '../../rules/src/rules/no-unbounded-collection.js';

// Keys taken from a constant written in the code are finite, however often the filling code runs:
// botbuilder's TimeZoneConverter fills its lookup maps and its list of valid ids from the lines of a
// `static readonly` string literal, in a loadData() that every lookup calls (fresh review 8). The key
// comes from the literal through a `const`, `split`, an element, a `for...of` and a template of such
// parts. Data that a caller can pass in, or a field the class can reassign, stays open.
const CONVERTER = `export class TimeZoneConverter {
  private static readonly ianaToWindowsMap = new Map<string, string>();
  private static readonly windowsToIanaMap = new Map<string, string>();
  private static readonly validIds: string[] = [];
  private static readonly separator = ';';
  private static readonly mappingString = 'AUS Central Standard Time,001,Australia/Darwin;AUS Eastern Standard Time,AU,Australia/Sydney Australia/Melbourne';

  static ianaToWindows(ianaId: string): string {
    this.loadData();
    return this.ianaToWindowsMap.get(ianaId) ?? ianaId;
  }

  static windowsToIana(windowsId: string): string | undefined {
    this.loadData();
    return this.windowsToIanaMap.get(\`001|\${windowsId}\`);
  }

  static isValid(id: string): boolean {
    this.loadData();
    return this.validIds.includes(id);
  }

  private static loadData(): void {
    const data: string = TimeZoneConverter.mappingString;
    const lines: string[] = data.split(this.separator);
    for (const line of lines) {
      const tokens: string[] = line.split(',');
      const windowsId: string = tokens[0];
      const territory: string = tokens[1];
      const ianaIds: string[] = tokens[2].split(' ');
      for (const ianaId of ianaIds) {
        if (!this.ianaToWindowsMap.has(ianaId)) this.ianaToWindowsMap.set(ianaId, windowsId);
        if (!this.validIds.includes(ianaId)) this.validIds.push(ianaId);
      }
      if (!this.windowsToIanaMap.has(\`\${territory}|\${windowsId}\`)) this.windowsToIanaMap.set(\`\${territory}|\${windowsId}\`, ianaIds[0]);
    }
  }
}
`;

/** The converter reading its table from a parameter that defaults to the constant: a caller may pass any table. */
const FROM_PARAMETER = CONVERTER.replace(
  `  static ianaToWindows(ianaId: string): string {
    this.loadData();`,
  `  static ianaToWindows(ianaId: string, table: string): string {
    this.loadData(table);`,
).replace(
  `  private static loadData(): void {
    const data: string = TimeZoneConverter.mappingString;`,
  `  private static loadData(table = TimeZoneConverter.mappingString): void {
    const data: string = table;`,
);

/** The table in a field that is not `readonly` and that configure() replaces. */
const REASSIGNABLE = CONVERTER.replace('private static readonly mappingString = ', 'private static mappingString = ').replace(
  `  static isValid(id: string): boolean {`,
  `  static configure(mapping: string): void {
    this.mappingString = mapping;
  }

  static isValid(id: string): boolean {`,
);

/**
 * The expected suggestion output: `header` (the import and the constants it adds) before `code`, with the
 * declaration `from` replaced by `to`.
 */
const suggested = (code: string, header: string, from: string, to: string): string => header + code.replace(from, to);

const TTL_IANA = [
  "import { TtlMap } from 'bounded';\nconst IANA_TO_WINDOWS_MAP_MAX = 10_000;\nconst IANA_TO_WINDOWS_MAP_TTL_MS = 10 * 60_000;\n",
  'private static readonly ianaToWindowsMap = new Map<string, string>();',
  'private static readonly ianaToWindowsMap = new TtlMap<string, string>({ max: IANA_TO_WINDOWS_MAP_MAX, ttl: IANA_TO_WINDOWS_MAP_TTL_MS });',
] as const;
const TTL_WINDOWS = [
  "import { TtlMap } from 'bounded';\nconst WINDOWS_TO_IANA_MAP_MAX = 10_000;\nconst WINDOWS_TO_IANA_MAP_TTL_MS = 10 * 60_000;\n",
  'private static readonly windowsToIanaMap = new Map<string, string>();',
  'private static readonly windowsToIanaMap = new TtlMap<string, string>({ max: WINDOWS_TO_IANA_MAP_MAX, ttl: WINDOWS_TO_IANA_MAP_TTL_MS });',
] as const;
const RING_VALID_IDS = [
  "import { RingBuffer } from 'bounded';\nconst VALID_IDS_CAPACITY = 1000;\n",
  'private static readonly validIds: string[] = [];',
  'private static readonly validIds: RingBuffer<string> = new RingBuffer<string>(VALID_IDS_CAPACITY);',
] as const;

const cacheErrors = (code: string) => [
  { messageId: 'unboundedCache' as const, line: 2, suggestions: [{ messageId: 'suggestBounded' as const, output: suggested(code, ...TTL_IANA) }] },
  { messageId: 'unboundedCache' as const, line: 3, suggestions: [{ messageId: 'suggestBounded' as const, output: suggested(code, ...TTL_WINDOWS) }] },
];
const collectionErrors = (code: string) => [
  { messageId: 'unbounded' as const, line: 4, suggestions: [{ messageId: 'suggestBounded' as const, output: suggested(code, ...RING_VALID_IDS) }] },
];

const cacheTester = new RuleTester();
cacheTester.run('no-unbounded-cache (keys from a constant in the code)', cacheRule, {
  valid: [CONVERTER],
  invalid: [
    { code: FROM_PARAMETER, errors: cacheErrors(FROM_PARAMETER) },
    { code: REASSIGNABLE, errors: cacheErrors(REASSIGNABLE) },
  ],
});

const collectionTester = new RuleTester();
collectionTester.run('no-unbounded-collection (keys from a constant in the code)', collectionRule, {
  valid: [CONVERTER],
  invalid: [
    { code: FROM_PARAMETER, errors: collectionErrors(FROM_PARAMETER) },
    { code: REASSIGNABLE, errors: collectionErrors(REASSIGNABLE) },
  ],
});

// A template of finite parts is finite: one entry per combination (`${event.type}:${event.status}`);
// one open part (`event.id`) opens it.
const COUNT_BY_KIND = `const counters = new Map<string, number>();

export function count(event: { type: string; status: string; id: string }): number {
  const key = \`\${event.type}:\${event.status}\`;
  const next = (counters.get(key) ?? 0) + 1;
  counters.set(key, next);
  return next;
}
`;

cacheTester.run('no-unbounded-cache (template keys of finite parts)', cacheRule, {
  valid: [COUNT_BY_KIND],
  invalid: [
    {
      code: COUNT_BY_KIND.replace('event.status}', 'event.id}'),
      errors: [{ messageId: 'unboundedCache', line: 1, suggestions: [{ messageId: 'suggestBounded', output: `import { TtlMap } from 'bounded';
const COUNTERS_MAX = 10_000;
const COUNTERS_TTL_MS = 10 * 60_000;
const counters = new TtlMap<string, number>({ max: COUNTERS_MAX, ttl: COUNTERS_TTL_MS });

export function count(event: { type: string; status: string; id: string }): number {
  const key = \`\${event.type}:\${event.id}\`;
  const next = (counters.get(key) ?? 0) + 1;
  counters.set(key, next);
  return next;
}
` }] }],
    },
  ],
});

// Fresh review 10. An element parameter of `forEach`/`map` over a constant list is as finite as a
// `for...of` variable (node-red's settings cache, filled per configured section); a lookup in a constant
// table gives one of its values whatever the property key (continue's tree-sitter language cache keyed
// by the language its extension table names); a private method's key parameter is as finite as the
// arguments its class passes (Baileys' per-key-type queues, called with `keyof SignalDataTypeMap`).
// Near-misses: a list that arrives as a parameter, a table that code writes into, a public method.
const SECTIONS = `const SECTIONS = ['nodes', 'users', 'projects'];
const cache: Record<string, string> = {};

export function save(settings: Record<string, unknown>): void {
  SECTIONS.forEach((key) => {
    cache[key] = JSON.stringify(settings[key]);
  });
}
`;
const LANGUAGE_TABLE = `const LANGUAGES: { [ext: string]: string } = { ts: 'typescript', js: 'javascript' };
const byLanguage = new Map<string, object>();

export async function languageFor(path: string): Promise<object | undefined> {
  const lang = LANGUAGES[path.slice(path.lastIndexOf('.') + 1)];
  if (!lang) return undefined;
  let language = byLanguage.get(lang);
  if (!language) {
    language = await load(lang);
    byLanguage.set(lang, language);
  }
  return language;
}

declare function load(name: string): Promise<object>;
`;
// The key parameter is named `which`, not `keyType` as in the signal store it comes from: a name ending in
// `Type` is finite by itself (session 15), and this pair tests the private callers' types.
const KEY_QUEUES = `type KeyType = 'pre-key' | 'session' | 'sender-key';

export class KeyQueues {
  private readonly queues = new Map<string, Queue>();

  private queue(which: string): Queue {
    let queue = this.queues.get(which);
    if (!queue) {
      queue = new Queue();
      this.queues.set(which, queue);
    }
    return queue;
  }

  async store(which: KeyType, write: () => Promise<void>): Promise<void> {
    await this.queue(which).add(write);
  }
}

declare class Queue {
  add(fn: () => Promise<void>): Promise<void>;
}
`;

const TTL_IMPORT = "import { TtlMap } from 'bounded';\n";
const FROM_LIST = SECTIONS.replace(
  'save(settings: Record<string, unknown>): void {\n  SECTIONS.forEach',
  'save(settings: Record<string, unknown>, sections: string[]): void {\n  sections.forEach',
);
const WRITTEN_TABLE = LANGUAGE_TABLE.replace(
  '\nexport async function languageFor',
  '\nexport function register(ext: string, name: string): void {\n  LANGUAGES[ext] = name;\n}\n\nexport async function languageFor',
);
const PUBLIC_QUEUE = KEY_QUEUES.replace('  private queue(which: string)', '  queue(which: string)');

collectionTester.run('no-unbounded-collection (the element parameter of an iteration over a constant list)', collectionRule, {
  valid: [SECTIONS],
  invalid: [
    {
      code: FROM_LIST,
      errors: [
        {
          messageId: 'unbounded',
          line: 2,
          suggestions: [
            {
              messageId: 'suggestBounded',
              output: suggested(
                FROM_LIST.replace('cache[key] = JSON.stringify(settings[key]);', 'cache.set(key, JSON.stringify(settings[key]));'),
                TTL_IMPORT,
                'const cache: Record<string, string> = {};',
                'const CACHE_MAX = 10_000;\nconst cache: TtlMap<string, string> = new TtlMap<string, string>({ max: CACHE_MAX });',
              ),
            },
          ],
        },
      ],
    },
  ],
});

cacheTester.run('no-unbounded-cache (a lookup in a constant table; a private method called with finite keys)', cacheRule, {
  valid: [LANGUAGE_TABLE, KEY_QUEUES],
  invalid: [
    {
      code: WRITTEN_TABLE,
      errors: [
        {
          messageId: 'unboundedCache',
          line: 2,
          suggestions: [
            {
              messageId: 'suggestBounded',
              output: suggested(
                WRITTEN_TABLE,
                TTL_IMPORT,
                'const byLanguage = new Map<string, object>();',
                'const BY_LANGUAGE_MAX = 10_000;\nconst BY_LANGUAGE_TTL_MS = 10 * 60_000;\nconst byLanguage = new TtlMap<string, object>({ max: BY_LANGUAGE_MAX, ttl: BY_LANGUAGE_TTL_MS });',
              ),
            },
          ],
        },
      ],
    },
    {
      code: PUBLIC_QUEUE,
      errors: [
        {
          messageId: 'unboundedCache',
          line: 4,
          suggestions: [
            {
              messageId: 'suggestBounded',
              output: suggested(
                PUBLIC_QUEUE,
                TTL_IMPORT,
                'export class KeyQueues {\n  private readonly queues = new Map<string, Queue>();',
                'const QUEUES_MAX = 10_000;\nconst QUEUES_TTL_MS = 10 * 60_000;\nexport class KeyQueues {\n  private readonly queues = new TtlMap<string, Queue>({ max: QUEUES_MAX, ttl: QUEUES_TTL_MS });',
              ),
            },
          ],
        },
      ],
    },
  ],
});

// A key checked against a table of fixed keys, with an early exit for any other, is one of the
// table's (fresh review 11): anything-llm's RuntimeSettings.set() throws for a key its `settingConfigs`
// field lacks. Near-misses: no check before the write, and a table the class adds keys to.
const RUNTIME_SETTINGS = `export class RuntimeSettings {
  settings: Record<string, unknown> = {};
  settingConfigs: Record<string, { validate(value: unknown): unknown }> = {
    allowAnyIp: { validate: (value) => String(value) === 'true' },
    browserLaunchArgs: { validate: (value) => value },
  };
  set(key: string, value: unknown = null): void {
    if (!this.settingConfigs[key]) throw new Error('Invalid runtime setting: ' + key);
    this.settings[key] = this.settingConfigs[key].validate(value);
  }
}
`;
const ALLOW_LISTED = `const KNOWN = ['json', 'text', 'binary'];
const counts = new Map<string, number>();
export function count(encoding: string): void {
  if (!KNOWN.includes(encoding)) return;
  counts.set(encoding, (counts.get(encoding) ?? 0) + 1);
}
`;

const UNCHECKED = RUNTIME_SETTINGS.replace("    if (!this.settingConfigs[key]) throw new Error('Invalid runtime setting: ' + key);\n", '');
const TABLE_GROWS = RUNTIME_SETTINGS.replace('  set(key: string', "  register(name: string): void {\n    this.settingConfigs[name] = { validate: (v) => v };\n  }\n  set(key: string");
/** The suggestion for `settings`: a TtlMap capped at SETTINGS_MAX, written into with `set`. */
const boundedSettings = (code: string): string =>
  "import { TtlMap } from 'bounded';\nconst SETTINGS_MAX = 10_000;\n" +
  code
    .replace('  settings: Record<string, unknown> = {};', '  settings: TtlMap<string, unknown> = new TtlMap<string, unknown>({ max: SETTINGS_MAX });')
    .replace('this.settings[key] = this.settingConfigs[key].validate(value);', 'this.settings.set(key, this.settingConfigs[key].validate(value));');

collectionTester.run('no-unbounded-collection (keys checked against a fixed table)', collectionRule, {
  valid: [
    { name: 'anything-llm RuntimeSettings: set() throws for a key the config table lacks', code: RUNTIME_SETTINGS },
    { name: 'a const allow-list checked with includes() before the write', code: ALLOW_LISTED },
  ],
  invalid: [
    {
      name: 'near-miss: no check before the write',
      code: UNCHECKED,
      errors: [{ messageId: 'unbounded', line: 2, suggestions: [{ messageId: 'suggestBounded', output: boundedSettings(UNCHECKED) }] }],
    },
    {
      name: 'near-miss: the class adds keys to its table',
      code: TABLE_GROWS,
      errors: [{ messageId: 'unbounded', line: 2, suggestions: [{ messageId: 'suggestBounded', output: boundedSettings(TABLE_GROWS) }] }],
    },
  ],
});

// A concatenation of finite parts, and a case change of a finite key, are finite: apollo-client's
// `Policies.setRootTypename(which: 'Query' | 'Mutation' | 'Subscription')` keys its root typenames by
// `'ROOT_' + which.toUpperCase()` (fresh review 13). A parameter typed `string` stays open.
const ROOT_TYPENAMES = `export class Policies {
  public readonly rootTypenamesById: Record<string, string> = {};
  setRootTypename(which: 'Query' | 'Mutation' | 'Subscription', typename: string = which) {
    const rootId = 'ROOT_' + which.toUpperCase();
    const old = this.rootTypenamesById[rootId];
    if (typename !== old) {
      this.rootTypenamesById[rootId] = typename;
    }
  }
}
`;
const OPEN_ROOT = ROOT_TYPENAMES.replace("which: 'Query' | 'Mutation' | 'Subscription'", 'which: string');
/** The suggestion for `rootTypenamesById`: a TtlMap with the default capacity and TTL. */
const ttlRootTypenames = (code: string): string =>
  "import { TtlMap } from 'bounded';\nconst ROOT_TYPENAMES_BY_ID_MAX = 10_000;\nconst ROOT_TYPENAMES_BY_ID_TTL_MS = 10 * 60_000;\n" +
  code
    .replace(
      'public readonly rootTypenamesById: Record<string, string> = {};',
      'public readonly rootTypenamesById: TtlMap<string, string> = new TtlMap<string, string>({ max: ROOT_TYPENAMES_BY_ID_MAX, ttl: ROOT_TYPENAMES_BY_ID_TTL_MS });',
    )
    .replace('const old = this.rootTypenamesById[rootId];', 'const old = this.rootTypenamesById.get(rootId)!;')
    .replace('this.rootTypenamesById[rootId] = typename;', 'this.rootTypenamesById.set(rootId, typename);');

cacheTester.run('no-unbounded-cache (a concatenation and a case change of finite parts)', cacheRule, {
  valid: [{ name: "apollo-client Policies: `'ROOT_' + which.toUpperCase()` with `which` a union of literals", code: ROOT_TYPENAMES }],
  invalid: [
    {
      name: 'near-miss: `which` is any string',
      code: OPEN_ROOT,
      errors: [{ messageId: 'unboundedCache', line: 2, suggestions: [{ messageId: 'suggestBounded', output: ttlRootTypenames(OPEN_ROOT) }] }],
    },
  ],
});
