import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { RuleTester } from '@typescript-eslint/rule-tester';

import noLeakedInterval from '../../rules/src/rules/no-leaked-interval.js';
import rule from '../../rules/src/rules/no-leaked-listener.js';

// With type information (parserServices.program), targets are recognised by their type: an AbortSignal
// under any name, and `.on()` of a type without any listener API is not a listener registration.
const ruleTester = new RuleTester({
  languageOptions: {
    parserOptions: {
      projectService: { allowDefaultProject: ['*.ts*'] },
      tsconfigRootDir: path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..'),
    },
  },
});

ruleTester.run('no-leaked-listener (typed)', rule, {
  valid: [
    {
      name: 'on() of a query builder type without removal API is not a listener',
      code: `class Query {\n  on(_event: string, _fn: () => void): this {\n    return this;\n  }\n}\nexport const shared = new Query();\nexport function run(): void {\n  shared.on('query', () => console.log('q'));\n}\n`,
    },
    {
      // Typed evaluation (session 4), discord.js voice `abortAfter`: the controller is made here, so its
      // signal gets one listener per controller and the listener dies with it.
      name: 'a listener on the signal of a controller made in the same function',
      code: `export function abortAfter(delay: number): [AbortController, AbortSignal] {\n  const ac = new AbortController();\n  const timeout = setTimeout(() => ac.abort(), delay);\n  ac.signal.addEventListener('abort', () => clearTimeout(timeout));\n  return [ac, ac.signal];\n}\n`,
    },
    {
      // Typed evaluation (session 4), voltagent Agent.setupAbortSignalListener: once per operation context.
      name: 'a local signal listened once behind a keyed flag',
      code: `interface OperationContext {\n  abortController?: AbortController;\n  systemContext: Map<string, unknown>;\n}\nexport class Agent {\n  private setupAbortSignalListener(oc: OperationContext): void {\n    if (!oc.abortController) return;\n    if (oc.systemContext.get('abort-listener')) {\n      return;\n    }\n    oc.systemContext.set('abort-listener', true);\n    const signal = oc.abortController.signal;\n    signal.addEventListener('abort', () => console.log(signal.reason));\n  }\n}\n`,
    },
    {
      name: 'a listener on a signal made by AbortSignal.timeout() in the same function',
      code: `export function deadline(ms: number): AbortSignal {\n  const signal = AbortSignal.timeout(ms);\n  signal.addEventListener('abort', () => console.log('late'));\n  return signal;\n}\n`,
    },
  ],
  invalid: [
    {
      // Typed linting of the twelfth fresh set (session 14), automerge-repo's message channel adapter: its
      // port reference extends an EventEmitter the program cannot resolve (dependencies not installed), so
      // the checker lists no removal API; the type is then not known, and the syntactic verdict stands.
      name: 'a type extending an unresolved emitter is not taken as a type without removal API',
      code: `import { EventEmitter } from 'an-emitter-that-is-not-installed';\ninterface PortRef extends EventEmitter {\n  start(): void;\n}\nexport class Adapter {\n  constructor(private readonly port: PortRef) {}\n  connect(peer: string): void {\n    this.port.start();\n    this.port.addListener('message', (e: unknown) => console.log(peer, e));\n  }\n}\n`,
      errors: [{ messageId: 'unremovable', line: 9, suggestions: [] }],
    },
    {
      name: 'an AbortSignal under any parameter name is a shared target',
      code: `export async function load(url: string, s: AbortSignal): Promise<Response> {\n  const onAbort = (): void => console.log('abort');\n  s.addEventListener('abort', onAbort);\n  return fetch(url, { signal: s });\n}\n`,
      errors: [{ messageId: 'leakedPerCall', line: 3, suggestions: [] }],
    },
    {
      name: 'a local bound to a signal taken from the caller is a shared target',
      code: `export async function load(url: string, options: { signal: AbortSignal }): Promise<Response> {\n  const signal = options.signal;\n  signal.addEventListener('abort', () => console.log('abort'));\n  return fetch(url, { signal });\n}\n`,
      errors: [{ messageId: 'unremovable', line: 3, suggestions: [] }],
    },
  ],
});

ruleTester.run('no-leaked-interval (typed)', noLeakedInterval, {
  valid: [
    {
      name: 'cleared field, typed program',
      code: `export class Clock {\n  private id = setInterval(() => this.render(), 1000);\n  render(): void {}\n  close(): void {\n    clearInterval(this.id);\n  }\n}\n`,
    },
  ],
  invalid: [
    {
      name: 'discarded handle, typed program',
      code: `export function poll(): void {\n  setInterval(() => console.log('tick'), 1000);\n}\n`,
      errors: [{ messageId: 'discarded', line: 2, suggestions: [] }],
    },
  ],
});
