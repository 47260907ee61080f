import { RuleTester } from '@typescript-eslint/rule-tester';

import cacheRule from '../../rules/src/rules/no-unbounded-cache.js';
import collectionRule from '../../rules/src/rules/no-unbounded-collection.js';
import listenerRule from '../../rules/src/rules/no-leaked-listener.js';
import { suggest } from './suggest.js';

// Bounded code that the twentieth fresh review (session 19) found reported, one principle per block,
// each with near-misses that stay reported.

// 1. A memo keyed by a value read from configuration: a member chain through the instance's
//    configuration (`this.settings.containerName`: the Bot Framework's blob-container check) or rooted
//    at a binding named as one (`config.jwksUrl`: jazz's JWKS fetch). Near-misses: a key read from a
//    call's `options` (arguments, not configuration), from a handler's input named `config`, from
//    another field of the instance (`this.user`), from the `storeConfig` of one item a call works on
//    (RudderStack's `setStore(storeConfig)`, once per queue of every other tab: a real leak of the
//    eighteenth review), and an item's id read from a `config` (`config.id`).
const CONTAINER_CHECK = `const checkedContainers: { [key: string]: Promise<boolean> } = {};

export class BlobStorage {
  private settings: { containerName: string; connectionString: string };

  constructor(settings: { containerName: string; connectionString: string }) {
    this.settings = { ...settings };
  }

  private ensureContainerExists(): Promise<boolean> {
    const key: string = this.settings.containerName;
    if (!checkedContainers[key]) {
      checkedContainers[key] = this.create(key);
    }
    return checkedContainers[key];
  }

  private async create(name: string): Promise<boolean> {
    return name.length > 0;
  }
}
`;
const JWKS = `const keySets = new Map<string, Promise<unknown>>();

export function requestAuth(config: { jwksUrl: string }) {
  return async (token: string) => {
    let keys = keySets.get(config.jwksUrl);
    if (!keys) {
      keys = fetch(config.jwksUrl).then((r) => r.json());
      keySets.set(config.jwksUrl, keys);
    }
    return verify(token, await keys);
  };
}

declare function verify(token: string, keys: unknown): boolean;
`;
const JWKS_FROM_OPTIONS = JWKS.replaceAll('config.jwksUrl', 'options.jwksUrl').replace('config: {', 'options: {');
const HANDLER_INPUT = `const results = new Map<string, Promise<unknown>>();

export function mount(app: { post(path: string, handler: (config: { url: string }) => unknown): void }) {
  app.post('/fetch', (config) => {
    let result = results.get(config.url);
    if (!result) {
      result = fetch(config.url);
      results.set(config.url, result);
    }
    return result;
  });
}
`;
const ITEM_CONFIG = `export class StoreManager {
  private stores: Record<string, Store> = {};

  getStore(id: string): Store | undefined {
    return this.stores[id];
  }

  setStore(storeConfig: { id: string; type: string }): Store {
    if (!this.stores[storeConfig.id]) {
      this.stores[storeConfig.id] = new Store(storeConfig.type);
    }
    return this.stores[storeConfig.id] as Store;
  }
}

class Store {
  constructor(readonly type: string) {}
}
`;
const CONFIG_ID = ITEM_CONFIG.replaceAll('storeConfig', 'config');
const ITEM_URL = ITEM_CONFIG.replaceAll('storeConfig.id]', 'storeConfig.url]').replace('{ id: string; type', '{ url: string; type');
const FROM_USER = CONTAINER_CHECK.replace('this.settings.containerName', 'this.user.containerName').replace('private settings: {', 'private user: {').replace('this.settings = ', 'this.user = ');

// 2. A local filled by a handler on a target that the declaring function tears down
//    (`page.removeAllListeners()` and `page.close()` in a `finally`: browserless's scrape route, per
//    request). Near-misses: the function closes another object, and nothing is torn down.
const SCRAPE = `interface Page {
  on(event: string, handler: (value: { text(): string }) => void): void;
  goto(url: string): Promise<void>;
  removeAllListeners(): void;
  close(): Promise<void>;
}

export async function scrape(browser: { newPage(): Promise<Page> }, url: string) {
  const page = await browser.newPage();
  const messages: string[] = [];
  try {
    page.on('console', (msg) => messages.push(msg.text()));
    await page.goto(url);
    return { messages };
  } finally {
    page.removeAllListeners();
    await page.close();
  }
}
`;
const CLOSES_ANOTHER = SCRAPE.replace('    page.removeAllListeners();\n', '').replace('await page.close();', 'await browser2.close();').replace('url: string) {', 'url: string, browser2: { close(): Promise<void> }) {');
const NO_TEARDOWN = SCRAPE.replace('    page.removeAllListeners();\n    await page.close();\n', '    log(messages.length);\n').replace('export async', 'declare function log(n: number): void;\nexport async');
const DESTROYED_LATER = `export function collect(socket: { on(e: string, f: (m: string) => void): void; destroy(): void }, done: Promise<void>) {
  const frames: string[] = [];
  socket.on('message', (m) => frames.push(m));
  return done.then(() => {
    socket.destroy();
    return frames;
  });
}
`;

// 3. A listener kept in a slot (`handlerRef.current = onMessage`, next to the registration) and removed
//    through that slot (typebot's OAuth popup and its React ref). Near-misses: the removal passes another
//    slot, and the handler is never stored.
const POPUP = `import { useRef } from 'react';

export function useOAuthPopup(onDone: (code: string) => void) {
  const handlerRef = useRef<((event: MessageEvent) => void) | null>(null);

  const cleanup = () => {
    if (handlerRef.current) {
      window.removeEventListener('message', handlerRef.current);
      handlerRef.current = null;
    }
  };

  const open = () => {
    try {
      const onMessage = (event: MessageEvent) => {
        cleanup();
        onDone(String(event.data));
      };
      handlerRef.current = onMessage;
      window.addEventListener('message', onMessage);
    } catch (error) {
      cleanup();
    }
  };

  return { open, cleanup };
}
`;
const OTHER_SLOT = POPUP.replace("window.removeEventListener('message', handlerRef.current);", "window.removeEventListener('message', otherRef.current);").replace('  const cleanup = () => {', '  const otherRef = useRef<((event: MessageEvent) => void) | null>(null);\n  const cleanup = () => {');
const UNSTORED = POPUP.replace('      handlerRef.current = onMessage;\n', '');

// 4. The context of one conversation turn (`TurnContext`, made by the adapter per incoming activity).
//    Near-miss: a plain `*Context`, which may live for the process.
const TURN = `export class TurnContext {
  private readonly bufferedReplies: string[] = [];

  constructor(private readonly activity: { text: string }) {}

  reply(text: string): void {
    this.bufferedReplies.push(text);
  }

  get replies(): readonly string[] {
    return this.bufferedReplies;
  }
}
`;
const BOT_CONTEXT = TURN.replace('TurnContext', 'BotContext');

const ttlMap = (code: string, name: string, prefix: string, type: string) =>
  `import { TtlMap } from 'bounded';\nconst ${prefix}_MAX = 10_000;\nconst ${prefix}_TTL_MS = 10 * 60_000;\n${code.replace(`const ${name} = new Map<${type}>();`, `const ${name} = new TtlMap<${type}>({ max: ${prefix}_MAX, ttl: ${prefix}_TTL_MS });`)}`;

const storeMap = (code: string, key: string) =>
  `import { TtlMap } from 'bounded';\nconst STORES_MAX = 10_000;\nconst STORES_TTL_MS = 10 * 60_000;\n${code
    .replace('private stores: Record<string, Store> = {};', 'private stores: TtlMap<string, Store> = new TtlMap<string, Store>({ max: STORES_MAX, ttl: STORES_TTL_MS });')
    .replace('return this.stores[id];', 'return this.stores.get(id)!;')
    .replace(`if (!this.stores[${key}]) {`, `if (!this.stores.get(${key})) {`)
    .replace(`this.stores[${key}] = new Store(`, `this.stores.set(${key}, new Store(`)
    .replace('.type);', '.type));')
    .replace(`return this.stores[${key}] as Store;`, `return this.stores.get(${key})! as Store;`)}`;

const configured = new RuleTester();
configured.run('no-unbounded-cache (a memo keyed by configuration)', cacheRule, {
  valid: [CONTAINER_CHECK, JWKS],
  invalid: [
    {
      code: JWKS_FROM_OPTIONS,
      errors: [{ messageId: 'unboundedCache', line: 1, suggestions: [{ messageId: 'suggestBounded', output: ttlMap(JWKS_FROM_OPTIONS, 'keySets', 'KEY_SETS', 'string, Promise<unknown>') }] }],
    },
    {
      code: HANDLER_INPUT,
      errors: [{ messageId: 'unboundedCache', line: 1, suggestions: [{ messageId: 'suggestBounded', output: ttlMap(HANDLER_INPUT, 'results', 'RESULTS', 'string, Promise<unknown>') }] }],
    },
    ...([
      [ITEM_CONFIG, 'storeConfig.id'],
      [CONFIG_ID, 'config.id'],
      [ITEM_URL, 'storeConfig.url'],
    ] as const).map(([code, key]) => ({
      code,
      errors: [{ messageId: 'unboundedCache' as const, line: 2, suggestions: [{ messageId: 'suggestBounded' as const, output: storeMap(code, key) }] }],
    })),
    {
      code: FROM_USER,
      errors: [
        {
          messageId: 'unboundedCache',
          line: 1,
          suggestions: [
            {
              messageId: 'suggestBounded',
              output: `import { TtlMap } from 'bounded';\nconst CHECKED_CONTAINERS_MAX = 10_000;\nconst CHECKED_CONTAINERS_TTL_MS = 10 * 60_000;\n${FROM_USER.replace(
                'const checkedContainers: { [key: string]: Promise<boolean> } = {};',
                'const checkedContainers: TtlMap<string, Promise<boolean>> = new TtlMap<string, Promise<boolean>>({ max: CHECKED_CONTAINERS_MAX, ttl: CHECKED_CONTAINERS_TTL_MS });',
              )
                .replace('if (!checkedContainers[key]) {', 'if (!checkedContainers.get(key)) {')
                .replace('checkedContainers[key] = this.create(key);', 'checkedContainers.set(key, this.create(key));')
                .replace('return checkedContainers[key];', 'return checkedContainers.get(key)!;')}`,
            },
          ],
        },
      ],
    },
  ],
});

const ringLocal = (code: string, decl: string, ret: string) =>
  `import { RingBuffer } from 'bounded';\n${code
    .replace(decl, 'const MESSAGES_CAPACITY = 1000;\n' + decl)
    .replace('const messages: string[] = [];', 'const messages: RingBuffer<string> = new RingBuffer<string>(MESSAGES_CAPACITY);')
    .replace(ret, 'return { messages: messages.toArray() };')}`;

const torndown = new RuleTester();
torndown.run('no-unbounded-collection (a local filled by a handler on a target the function tears down)', collectionRule, {
  valid: [SCRAPE, DESTROYED_LATER],
  invalid: [
    { code: CLOSES_ANOTHER, errors: [{ messageId: 'unboundedLocal', line: 10, suggestions: suggest(ringLocal(CLOSES_ANOTHER, 'export async', 'return { messages };')) }] },
    { code: NO_TEARDOWN, errors: [{ messageId: 'unboundedLocal', line: 11, suggestions: suggest(ringLocal(NO_TEARDOWN, 'export async', 'return { messages };')) }] },
  ],
});

const slots = new RuleTester();
slots.run('no-leaked-listener (a handler removed through the slot it was stored in)', listenerRule, {
  valid: [POPUP],
  invalid: [
    { code: OTHER_SLOT, errors: [{ messageId: 'leakedPerCall', line: 21 }] },
    { code: UNSTORED, errors: [{ messageId: 'leakedPerCall', line: 19 }] },
  ],
});

const turns = new RuleTester();
turns.run('no-unbounded-collection (the context of one turn)', collectionRule, {
  valid: [TURN],
  invalid: [
    {
      code: BOT_CONTEXT,
      errors: [
        {
          messageId: 'unbounded',
          line: 2,
          suggestions: suggest(
            `import { RingBuffer } from 'bounded';\nconst BUFFERED_REPLIES_CAPACITY = 1000;\n${BOT_CONTEXT.replace(
              'private readonly bufferedReplies: string[] = [];',
              'private readonly bufferedReplies: RingBuffer<string> = new RingBuffer<string>(BUFFERED_REPLIES_CAPACITY);',
            ).replace('return this.bufferedReplies;', 'return this.bufferedReplies.toArray();')}`,
          ),
        },
      ],
    },
  ],
});
