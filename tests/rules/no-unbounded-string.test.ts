import { RuleTester, type InvalidTestCase, type ValidTestCase } from '@typescript-eslint/rule-tester';

import rule, { type MessageIds, type Options } from '../../rules/src/rules/no-unbounded-string.js';

const ruleTester = new RuleTester();

const valid: (string | ValidTestCase<Options>)[] = [
  // Precision run: the text callback of one streamed reply (it has an onDone completion callback).
  "export class TextStreamCallback { private text = ''; onEvent(delta: string) { this.text += delta; } onDone() { console.log(this.text); } }",
  // A module string of an entry script (no export, runs to completion): one run's transcript.
  "import { ask } from './io'; let transcript = ''; async function main() { for (;;) { transcript += await ask(); } } main().catch(console.error);",
  // Reset somewhere in the file.
  "class P { private text = ''; add(s: string) { this.text += s; } finish() { const t = this.text; this.text = ''; return t; } }",
  // The line splitter: the buffer is reset to the unfinished tail on every chunk.
  "class Lines { private buffer = ''; feed(chunk: string) { this.buffer += chunk; const lines = this.buffer.split('\\n'); this.buffer = lines.pop() ?? ''; return lines; } }",
  // Trimmed to a window.
  "class Tail { private out = ''; add(s: string) { this.out += s; if (this.out.length > 4096) this.out = this.out.slice(-4096); } }",
  // Built once: constructor, module top level, a local string.
  "class Q { private sql = 'SELECT *'; constructor(where: string) { this.sql += ' WHERE ' + where; } }",
  "let banner = 'v1'; banner += '.0';",
  "export function render(items: string[]) { let html = ''; for (const i of items) html += i; return html; }",
  // Fresh review (session 4), partykit party-adapter: `+=` on a local copy builds a new string, the field is untouched.
  "export class Adapter { private readonly broadcastChannel = 'bc#'; route(rooms: string[]) { let channel = this.broadcastChannel; if (rooms.length === 1) { channel += rooms[0] + '#'; } return channel; } }",
  // Numbers are not strings.
  'class C { private count = 0; hit() { this.count += 1; } }',
  // Options.
  { code: "let log = ''; export function add(s: string) { log += s; }", options: [{ checkModuleBindings: false }] },
  { code: "class P { private transcript = ''; add(s: string) { this.transcript += s; } }", options: [{ ignore: ['^transcript$'] }] },
];

const invalid: InvalidTestCase<MessageIds, Options>[] = [
  {
    // Seed 002: ProcessorState.accumulatedText concatenates every text delta for ever.
    code: `class ProcessorState {
  public streamParts: unknown[] = [];
  private accumulatedText = '';
  addPart(part: { type: string; text: string }) {
    if (part.type === 'text-delta') {
      this.accumulatedText += part.text;
    }
  }
}
`,
    errors: [
      {
        messageId: 'unboundedString',
        line: 3,
        data: { name: 'accumulatedText', how: '`this.accumulatedText += part.text`', line: 6 },
      },
    ],
  },
  {
    // Self-concatenation and template concatenation grow too; a module-level let lives for the process.
    code: `let transcript = '';
export function say(who: string, text: string) {
  transcript = transcript + who + ': ' + text;
}
class Log {
  #out = '';
  write(s: string) {
    this.#out = \`\${this.#out}\${s}\\n\`;
  }
}
`,
    errors: [
      { messageId: 'unboundedString', line: 1, data: { name: 'transcript', how: "`transcript = transcript + who + ': ' + text`", line: 3 } },
      { messageId: 'unboundedString', line: 6, data: { name: '#out', how: '`this.#out = `${this.#out}${s}\\n``', line: 8 } },
    ],
  },
  {
    // Reassignment from a parameter does not reset an accumulator that keeps growing after it.
    code: `class Doc {
  private body: string = '';
  load(saved: string) { this.body = saved; }
  append(s: string) { this.body += s; }
}
`,
    errors: [{ messageId: 'unboundedString', line: 2 }],
  },
];

ruleTester.run('no-unbounded-string', rule, { valid, invalid });
