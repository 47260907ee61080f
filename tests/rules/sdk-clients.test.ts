import { RuleTester } from '@typescript-eslint/rule-tester';

import cacheRule from '../../rules/src/rules/no-unbounded-cache.js';
import collectionRule from '../../rules/src/rules/no-unbounded-collection.js';
import listenerRule from '../../rules/src/rules/no-leaked-listener.js';
import { suggest } from './suggest.js';

// Bounded code that the eighteenth fresh review (session 17: analytics, feature-flag and video SDKs)
// found reported, one principle per block, each with near-misses that stay reported.

// 1. Channels removed in a loop over their names (LaunchDarkly's Electron client registers
//    `ipcMain.on(channelName(ns, 'variation'), ...)` per channel and `close()` runs
//    `SYNC_CHANNELS.forEach((channel) => ipcMain.removeAllListeners(channelName(ns, channel)))`): the
//    same builder names the events on both sides and the removal varies the loop variable.
//    Near-miss: a removal whose event comes from another builder, outside a loop.
const CHANNELS_IN_A_LOOP = `import { ipcMain } from 'electron';

const SYNC_CHANNELS = ['variation', 'identify'] as const;

function channelName(namespace: string, name: string): string {
  return \`ld:\${namespace}:\${name}\`;
}

export class ElectronClient {
  private namespace?: string;

  open(namespace: string): void {
    this.namespace = namespace;
    ipcMain.on(channelName(namespace, 'variation'), (event, key: string) => {
      event.returnValue = this.variation(key);
    });
    ipcMain.on(channelName(namespace, 'identify'), (event, context: unknown) => {
      event.returnValue = this.identify(context);
    });
  }

  close(): void {
    SYNC_CHANNELS.forEach((channel) => {
      ipcMain.removeAllListeners(channelName(this.namespace!, channel));
    });
  }

  private variation(key: string): unknown {
    return key;
  }

  private identify(context: unknown): boolean {
    return context !== undefined;
  }
}
`;
const OTHER_BUILDER = CHANNELS_IN_A_LOOP.replace(
  'function channelName',
  'function otherName(namespace: string, name: string): string {\n  return `other:${namespace}:${name}`;\n}\n\nfunction channelName',
).replace(
  'SYNC_CHANNELS.forEach((channel) => {\n      ipcMain.removeAllListeners(channelName(this.namespace!, channel));\n    });',
  "ipcMain.removeAllListeners(otherName(this.namespace!, 'variation'));",
);

const channels = new RuleTester();
channels.run('no-leaked-listener (channels removed in a loop over their names)', listenerRule, {
  valid: [CHANNELS_IN_A_LOOP],
  invalid: [
    {
      code: OTHER_BUILDER,
      errors: [
        { messageId: 'unremovable', line: 18 },
        { messageId: 'unremovable', line: 21 },
      ],
    },
  ],
});

// 2. The handler as its own once flag (mixpanel's `RecorderManager._setupParentFrameListener`: `if
//    (this._parentFrameMessageHandler) return;` then the field is assigned a function and registered;
//    the fixture's method has a name that says nothing of setup, see 5). Near-miss: the field assigned a
//    value that may be falsy (`makeHandler(...) || function ...`).
const OWN_FLAG = `export function RecorderManager() {}

RecorderManager.prototype._watchParentFrame = function (allowedOrigins) {
  if (this._parentFrameMessageHandler) {
    return;
  }
  var self = this;
  this._parentFrameMessageHandler = function (event) {
    if (allowedOrigins.indexOf(event.origin) === -1) return;
    self.reply(event);
  };
  window.addEventListener('message', this._parentFrameMessageHandler);
};
`;
const MAYBE_FALSY = `export function RecorderManager() {}

function makeHandler() {
  return null;
}

RecorderManager.prototype._watchParentFrame = function (allowedOrigins) {
  if (this._parentFrameMessageHandler) {
    return;
  }
  var self = this;
  this._parentFrameMessageHandler = makeHandler(allowedOrigins, self) || function (event) {
    if (allowedOrigins.indexOf(event.origin) === -1) return;
    self.reply(event);
  };
  window.addEventListener('message', this._parentFrameMessageHandler);
};
`;

const flags = new RuleTester();
flags.run('no-leaked-listener (the handler as its own once flag)', listenerRule, {
  valid: [{ code: OWN_FLAG, filename: 'src/recorder-manager.js' }],
  invalid: [{ code: MAYBE_FALSY, filename: 'src/recorder-manager.js', errors: [{ messageId: 'leakedPerCall', line: 16 }] }],
});

// 3. Queues emptied through a key typed as their names (Amplitude's `runQueuedFunctions(queueName: 'q' |
//    'dispatchQ')` swaps the queue out with `this[queueName] = []`). Near-miss: a union that names only
//    one of the two queues.
const NAMED_RESET = `type Task = () => void;

export class CoreClient {
  protected q: Task[] = [];
  protected dispatchQ: Task[] = [];
  private ready = false;

  add(task: Task): void {
    if (!this.ready) {
      this.q.push(task);
      return;
    }
    task();
  }

  dispatch(task: Task): void {
    if (!this.ready) {
      this.dispatchQ.push(task);
      return;
    }
    task();
  }

  async runQueuedFunctions(queueName: 'q' | 'dispatchQ'): Promise<void> {
    const queued = this[queueName];
    this[queueName] = [];
    for (const fn of queued) fn();
  }
}
`;
const OTHER_NAMES = NAMED_RESET.replace("queueName: 'q' | 'dispatchQ'", "queueName: 'q' | 'pending'");

const queues = new RuleTester();
queues.run('no-unbounded-collection (queues emptied through a key typed as their names)', collectionRule, {
  valid: [NAMED_RESET],
  invalid: [
    {
      code: OTHER_NAMES,
      errors: [
        {
          messageId: 'unbounded',
          line: 5,
          suggestions: suggest(
            `import { RingBuffer } from 'bounded';\n${OTHER_NAMES.replace('\nexport class', '\nconst DISPATCH_Q_CAPACITY = 1000;\nexport class').replace(
              'protected dispatchQ: Task[] = [];',
              'protected dispatchQ: RingBuffer<Task> = new RingBuffer<Task>(DISPATCH_Q_CAPACITY);',
            )}`,
          ),
        },
      ],
    },
  ],
});

// 4. No suggestion that adds an ES `import` to a CommonJS file (`.cjs`, or a `.js` file that uses
//    `require`/`module.exports` without import or export declarations): the file would stop loading. The
//    codemod skips such rewrites the same way. The report stays; an ES module gets the suggestion.
const COMMONJS = `const fetch = require('node-fetch');

const responses = new Map();

async function cachedGet(url) {
  const hit = responses.get(url);
  if (hit) return hit;
  const body = await (await fetch(url)).text();
  responses.set(url, body);
  return body;
}

module.exports = { cachedGet };
`;
const ES_MODULE = COMMONJS.replace("const fetch = require('node-fetch');", "import fetch from 'node-fetch';").replace('module.exports = { cachedGet };', 'export { cachedGet };');

const commonJs = new RuleTester();
commonJs.run('no-unbounded-cache (no import suggested into CommonJS)', cacheRule, {
  valid: [],
  invalid: [
    { code: COMMONJS, filename: 'src/cache.js', errors: [{ messageId: 'unboundedCache', line: 3, suggestions: [] }] },
    { code: COMMONJS, filename: 'src/cache.cjs', errors: [{ messageId: 'unboundedCache', line: 3, suggestions: [] }] },
    {
      code: ES_MODULE,
      filename: 'src/cache.js',
      errors: [
        {
          messageId: 'unboundedCache',
          line: 3,
          suggestions: suggest(
            ES_MODULE.replace("import fetch from 'node-fetch';", "import fetch from 'node-fetch';\nimport { TtlMap } from 'bounded';").replace(
              'const responses = new Map();',
              'const RESPONSES_MAX = 10_000;\nconst RESPONSES_TTL_MS = 10 * 60_000;\nconst responses = new TtlMap({ max: RESPONSES_MAX, ttl: RESPONSES_TTL_MS });',
            ),
          ),
        },
      ],
    },
  ],
});

// 5. Setup methods written as private (mixpanel's `MixpanelLib.prototype._init_tab_id`, called from
//    `_init`, adds its `beforeunload` handler once per instance). Near-miss: the same method under a
//    name that says nothing of setup (`_track_tab_id`).
const PRIVATE_INIT = `export function Lib() {}

Lib.prototype._init = function (config) {
  this.config = config;
  this._init_tab_id();
};

Lib.prototype._init_tab_id = function () {
  this.tab_id = sessionStorage.getItem('tab') || String(Math.random());
  window.addEventListener('beforeunload', function () {
    sessionStorage.removeItem('tab-lock');
  });
};
`;
const OTHER_NAME = PRIVATE_INIT.replaceAll('_init_tab_id', '_track_tab_id');

const setup = new RuleTester();
setup.run('no-leaked-listener (setup methods written as private)', listenerRule, {
  valid: [{ code: PRIVATE_INIT, filename: 'src/lib.js' }],
  invalid: [{ code: OTHER_NAME, filename: 'src/lib.js', errors: [{ messageId: 'unremovable', line: 10 }] }],
});

// 6. Stores keyed by the credential of a configured client (Statsig's client core keys six module maps
//    by `sdkKey`; Amplitude keys its IndexedDB handles by `apiKey`): one entry per client the app
//    configures. Near-misses: another key name (`userKey`), and an `apiKey` read from a request in a
//    gateway's handler, which is data.
const SDK_KEY = `type StatsigSession = { sdkKey: string; sessionID: string; startTime: number };

const SESSION_MAP: Record<string, StatsigSession> = {};

export const StatsigSession = {
  get: (sdkKey: string): StatsigSession => {
    if (SESSION_MAP[sdkKey] == null) {
      SESSION_MAP[sdkKey] = { sdkKey, sessionID: crypto.randomUUID(), startTime: Date.now() };
    }
    return SESSION_MAP[sdkKey];
  },
};
`;
const USER_KEY = SDK_KEY.replaceAll('sdkKey', 'userKey');
const GATEWAY = `import express from 'express';

type Upstream = { apiKey: string; created: number };

const upstreams = new Map<string, Upstream>();
const app = express();

app.post('/proxy', express.json(), (req, res) => {
  let upstream = upstreams.get(req.body.apiKey);
  if (!upstream) {
    upstream = { apiKey: req.body.apiKey, created: Date.now() };
    upstreams.set(req.body.apiKey, upstream);
  }
  res.json(upstream);
});

app.listen(8080);
`;

const ttlMapOf = (code: string, before: string, declaration: string, after: string): string =>
  code.replace(before, `${before}\nimport { TtlMap } from 'bounded';`).replace(declaration, after);

const credentials = new RuleTester();
credentials.run('no-unbounded-cache (stores keyed by a configured client credential)', cacheRule, {
  valid: [SDK_KEY],
  invalid: [
    {
      code: USER_KEY,
      errors: [
        {
          messageId: 'unboundedCache',
          line: 3,
          suggestions: suggest(
            `import { TtlMap } from 'bounded';\n${USER_KEY.replace(
              'const SESSION_MAP: Record<string, StatsigSession> = {};',
              'const SESSION_MAP_MAX = 10_000;\nconst SESSION_MAP_TTL_MS = 10 * 60_000;\nconst SESSION_MAP: TtlMap<string, StatsigSession> = new TtlMap<string, StatsigSession>({ max: SESSION_MAP_MAX, ttl: SESSION_MAP_TTL_MS });',
            )
              .replace('if (SESSION_MAP[userKey] == null) {', 'if (SESSION_MAP.get(userKey) == null) {')
              .replace('SESSION_MAP[userKey] = { userKey, sessionID: crypto.randomUUID(), startTime: Date.now() };', 'SESSION_MAP.set(userKey, { userKey, sessionID: crypto.randomUUID(), startTime: Date.now() });')
              .replace('return SESSION_MAP[userKey];', 'return SESSION_MAP.get(userKey)!;')}`,
          ),
        },
      ],
    },
    {
      code: GATEWAY,
      errors: [
        {
          messageId: 'unboundedCache',
          line: 5,
          suggestions: suggest(
            ttlMapOf(
              GATEWAY,
              "import express from 'express';",
              'const upstreams = new Map<string, Upstream>();',
              'const UPSTREAMS_MAX = 10_000;\nconst UPSTREAMS_TTL_MS = 10 * 60_000;\nconst upstreams = new TtlMap<string, Upstream>({ max: UPSTREAMS_MAX, ttl: UPSTREAMS_TTL_MS });',
            ),
          ),
        },
      ],
    },
  ],
});
