import { RuleTester } from '@typescript-eslint/rule-tester';

import listenerRule from '../../rules/src/rules/no-leaked-listener.js';
import collectionRule from '../../rules/src/rules/no-unbounded-collection.js';

// A function given to a run-once wrapper runs once per run of the call: `singleton(name, factory)`, the
// Remix-style process singleton that trigger.dev's web app builds its services with (fresh review 9:
// its pricing registry's SIGTERM/SIGINT handlers), lodash's `once(fn)`, `onetime(fn)`. Where the call
// itself runs per request (and a singleton's name is computed), or where the factory returns a function
// that grows, it stays reported.
const ASKPASS = `var net = require("net");
var socket = net.connect(process.argv[2], function() {
    socket.on('data', function(data) { console.log(data); });
    socket.write((process.argv[3] || "") + "\\n", 'utf8');
});
socket.setEncoding('utf8');
`;

const tester = new RuleTester();

tester.run('no-leaked-listener (run-once wrappers)', listenerRule, {
  valid: [
    // A literal name keys a process-wide registry: the factory runs once per process even when the call
    // sits in a function (trigger.dev's getOtlpWorkerPool()).
    `import { EventEmitter } from 'node:events';
import { singleton } from './singleton';

export const signalsEmitter = new EventEmitter();

export function getPool() {
  return singleton('pool', () => {
    const pool = { close() {} };
    signalsEmitter.on('SIGTERM', () => pool.close());
    return pool;
  });
}
`,
    `import { EventEmitter } from 'node:events';
import { singleton } from './singleton';

export const signalsEmitter = new EventEmitter();

export const pricing = singleton('pricing', () => {
  const interval = setInterval(() => reload(), 60_000);
  signalsEmitter.on('SIGTERM', () => clearInterval(interval));
  signalsEmitter.on('SIGINT', () => clearInterval(interval));
  return { interval };
});

declare function reload(): void;
`,
    `import once from 'lodash/once';
import { EventEmitter } from 'node:events';
export const bus = new EventEmitter();
export const start = once(() => {
  bus.on('reload', () => console.log('reload'));
});`,
    // jQuery's document-ready callback runs once per page (fresh review 10: node-red's debug pop-out).
    `$(function () {
  const messages = document.getElementById('messages');
  window.addEventListener('message', (evt) => messages?.append(String(evt.data)));
});
`,
    `$(document).ready(function () {
  window.addEventListener('resize', () => document.body.classList.toggle('narrow', innerWidth < 600));
});
`,
    // Node calls the callback of net.connect() once, when that connection opens (fresh review 10:
    // node-red's git askpass helper script).
    ASKPASS,
  ],
  invalid: [
    {
      // a jQuery event handler (not the ready callback) runs on every click
      code: `$('#open').on('click', function () {
  window.addEventListener('message', (evt) => console.log(evt.data));
});
`,
      errors: [{ messageId: 'unremovable', line: 2, suggestions: [] }],
    },
    {
      // connect() of a library pool is no Node connection: its callback may run again
      code: ASKPASS.replace('var net = require("net");', 'var pool = require("./pool");').replace('net.connect(', 'pool.connect('),
      errors: [{ messageId: 'unremovable', line: 3, suggestions: [] }],
    },
    {
      // singleton() called per request: one more handler on the shared emitter each time.
      code: `import { EventEmitter } from 'node:events';
import { singleton } from './singleton';

export const signalsEmitter = new EventEmitter();

export function handle(id: string) {
  return singleton(id, () => {
    signalsEmitter.on('SIGTERM', () => console.log(id));
    return id;
  });
}
`,
      errors: [{ messageId: 'unremovable', line: 8, suggestions: [] }],
    },
  ],
});

tester.run('no-unbounded-collection (run-once wrappers)', collectionRule, {
  valid: [
    `import { singleton } from './singleton';
declare function readConfig(): string[];
const loaded: string[] = [];
export function getConfig() {
  return singleton('config', () => {
    for (const entry of readConfig()) loaded.push(entry);
    return loaded;
  });
}`,`import { singleton } from './singleton';

declare function readConfig(): string[];

const loaded: string[] = [];
export const config = singleton('config', () => {
  for (const entry of readConfig()) loaded.push(entry);
  return loaded;
});
`,
    // A promise reaction and a one-shot timer run once per run of the code around them: here the module's
    // start-up (fresh review 10: node-red's launcher collects log lines in its top-level `httpsPromise.then`).
    `var delayedLogItems = [];
var httpsPromise = Promise.resolve(settings.https);

httpsPromise.then(function (https) {
  if (!https) delayedLogItems.push({ type: 'warn', id: 'server.https.missing' });
  setTimeout(() => {
    delayedLogItems.push({ type: 'info', id: 'server.started' });
  }, 0);
});

module.exports = { items: () => delayedLogItems.length };
`,
  ],
  invalid: [
    {
      // the same reaction in a function that runs per request
      code: `var delayedLogItems = [];

function onRequest(req) {
  Promise.resolve(req.body).then(function (body) {
    delayedLogItems.push({ type: 'info', id: body.id });
  });
}

module.exports = { onRequest, items: () => delayedLogItems.length };
`,
      errors: [{ messageId: 'unbounded', line: 1, suggestions: [] }],
    },
    {
      // The factory runs once, but the function it returns pushes on every call.
      code: `import { singleton } from './singleton';

const seen: string[] = [];
export const tracker = singleton('tracker', () => (id: string) => seen.push(id));
`,
      errors: [{ messageId: 'unbounded', line: 3, suggestions: [{ messageId: 'suggestBounded', output: `import { singleton } from './singleton';
import { RingBuffer } from 'bounded';

const SEEN_CAPACITY = 1000;
const seen: RingBuffer<string> = new RingBuffer<string>(SEEN_CAPACITY);
export const tracker = singleton('tracker', () => (id: string) => seen.push(id));
` }] }],
    },
  ],
});
