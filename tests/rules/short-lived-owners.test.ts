import { RuleTester } from '@typescript-eslint/rule-tester';

import collectionRule from '../../rules/src/rules/no-unbounded-collection.js';
import stringRule from '../../rules/src/rules/no-unbounded-string.js';

// Owners and growth sites the eleventh fresh review showed to be bounded (session 11):
// - an `*Error` class is thrown by one failed call: mongoose's `SetOptionError` collects the bad
//   options of one `mongoose.set()`;
// - a `text.replace(re, fn)` replacer runs within the call that made it: rxjs.dev's `FirebaseGlob`
//   constructor records each parameter of its glob.
// Near-misses: a class named for what it tracks (`ErrorTracker`), `checkShortLivedClasses`, and a
// replacer in a method that runs on every call.
const tester = new RuleTester();

const SET_OPTION_ERROR = `export class SetOptionError extends Error {
  errors: Record<string, Error> = {};
  addError(key: string, error: Error): void {
    this.errors[key] = error;
    this.message = Object.keys(this.errors).join(', ');
  }
}
`;

// The suggestion for the errors record, written for the `ErrorTracker` near-miss.
const ERRORS_SUGGESTION = `import { TtlMap } from 'bounded';
const ERRORS_MAX = 10_000;
export class ErrorTracker {
  errors: TtlMap<string, Error> = new TtlMap<string, Error>({ max: ERRORS_MAX });
  addError(key: string, error: Error): void {
    this.errors.set(key, error);
    this.message = [...this.errors.keys()].join(', ');
  }
}
`;

const FIREBASE_GLOB = `const restParam = /\\/:([A-Za-z]+)\\*/g;
const namedParam = /\\/:([A-Za-z]+)/g;
export class FirebaseGlob {
  pattern: string;
  namedParams: { [key: string]: boolean } = {};
  restParams: { [key: string]: boolean } = {};
  constructor(glob: string) {
    const pattern = glob
      .replace(restParam, (_: string, param: string) => {
        this.restParams[param] = true;
        return '(?:/(?<' + param + '>.*))?';
      })
      .replace(namedParam, (_: string, param: string) => {
        this.namedParams[param] = true;
        return '/(?<' + param + '>[^/]+)';
      });
    this.pattern = '^' + pattern + '$';
  }
}
`;

tester.run('no-unbounded-collection (short-lived owners, run-once growth)', collectionRule, {
  valid: [
    { name: 'mongoose SetOptionError: an error object collects the failures of one call', code: SET_OPTION_ERROR },
    { name: 'rxjs.dev FirebaseGlob: replacers run within the constructor', code: FIREBASE_GLOB },
  ],
  invalid: [
    {
      name: 'near-miss: a class named for the errors it tracks lives on',
      code: SET_OPTION_ERROR.replace('class SetOptionError extends Error', 'class ErrorTracker'),
      errors: [
        {
          messageId: 'unbounded',
          line: 2,
          suggestions: [
            { messageId: 'suggestBounded', output: ERRORS_SUGGESTION },
          ],
        },
      ],
    },
    {
      name: 'near-miss: checkShortLivedClasses reports the *Error class too',
      code: SET_OPTION_ERROR,
      options: [{ checkShortLivedClasses: true }],
      errors: [
        {
          messageId: 'unbounded',
          line: 2,
          suggestions: [
            { messageId: 'suggestBounded', output: ERRORS_SUGGESTION.replace('export class ErrorTracker {', 'export class SetOptionError extends Error {') },
          ],
        },
      ],
    },
    {
      name: 'near-miss: a replacer in a method runs on every call of the method',
      code: FIREBASE_GLOB.replace('constructor(glob: string) {', 'compile(glob: string): void {').replace('  pattern: string;\n', '  pattern = "";\n'),
      errors: [
        {
          messageId: 'unbounded',
          line: 5,
          suggestions: [
            { messageId: 'suggestBounded', output: `import { TtlMap } from 'bounded';
const restParam = /\\/:([A-Za-z]+)\\*/g;
const namedParam = /\\/:([A-Za-z]+)/g;
const NAMED_PARAMS_MAX = 10_000;
export class FirebaseGlob {
  pattern = "";
  namedParams: TtlMap<string, boolean> = new TtlMap<string, boolean>({ max: NAMED_PARAMS_MAX });
  restParams: { [key: string]: boolean } = {};
  compile(glob: string): void {
    const pattern = glob
      .replace(restParam, (_: string, param: string) => {
        this.restParams[param] = true;
        return '(?:/(?<' + param + '>.*))?';
      })
      .replace(namedParam, (_: string, param: string) => {
        this.namedParams.set(param, true);
        return '/(?<' + param + '>[^/]+)';
      });
    this.pattern = '^' + pattern + '$';
  }
}
` },
          ],
        },
        {
          messageId: 'unbounded',
          line: 6,
          suggestions: [
            { messageId: 'suggestBounded', output: `import { TtlMap } from 'bounded';
const restParam = /\\/:([A-Za-z]+)\\*/g;
const namedParam = /\\/:([A-Za-z]+)/g;
const REST_PARAMS_MAX = 10_000;
export class FirebaseGlob {
  pattern = "";
  namedParams: { [key: string]: boolean } = {};
  restParams: TtlMap<string, boolean> = new TtlMap<string, boolean>({ max: REST_PARAMS_MAX });
  compile(glob: string): void {
    const pattern = glob
      .replace(restParam, (_: string, param: string) => {
        this.restParams.set(param, true);
        return '(?:/(?<' + param + '>.*))?';
      })
      .replace(namedParam, (_: string, param: string) => {
        this.namedParams[param] = true;
        return '/(?<' + param + '>[^/]+)';
      });
    this.pattern = '^' + pattern + '$';
  }
}
` },
          ],
        },
      ],
    },
  ],
});

// Counter caps in the positive form (fresh review 11): Roo-Code's file search pushes under `if (count <
// limit)` and counts; its output interceptor appends its head buffer under `if (this.headBytes <
// this.headBudget)` and adds the bytes. Near-misses: the branch that never increments the counter.
const FILE_SEARCH = `import * as readline from 'node:readline';
import { spawn } from 'node:child_process';
export function search(rgPath: string, limit: number): Promise<string[]> {
  return new Promise((resolve) => {
    const proc = spawn(rgPath, ['--files']);
    const rl = readline.createInterface({ input: proc.stdout });
    const fileResults: string[] = [];
    let count = 0;
    rl.on('line', (line) => {
      if (count < limit) {
        try {
          fileResults.push(line);
          count++;
        } catch {
          // ignore a bad line
        }
      } else {
        rl.close();
        proc.kill();
      }
    });
    rl.on('close', () => resolve(fileResults));
  });
}
`;

const HEAD_BUFFER = `export class OutputInterceptor {
  private headBuffer = '';
  private headBytes = 0;
  private tail = '';
  constructor(private readonly headBudget: number) {}
  add(chunk: string): void {
    if (this.headBytes < this.headBudget) {
      const part = chunk.slice(0, this.headBudget - this.headBytes);
      this.headBuffer += part;
      this.headBytes += part.length;
      return;
    }
    this.tail = chunk;
  }
  preview(): string {
    return this.headBuffer + this.tail;
  }
}
`;

tester.run('no-unbounded-collection (counter caps)', collectionRule, {
  valid: [{ name: "Roo-Code's file search: push under `if (count < limit)` that counts", code: FILE_SEARCH }],
  invalid: [
    {
      name: 'near-miss: the capped branch never increments the counter',
      code: FILE_SEARCH.replace('          count++;\n', ''),
      errors: [
        {
          messageId: 'unboundedLocal',
          line: 7,
          suggestions: [
            { messageId: 'suggestBounded', output: `import * as readline from 'node:readline';
import { spawn } from 'node:child_process';
import { RingBuffer } from 'bounded';
const FILE_RESULTS_CAPACITY = 1000;
export function search(rgPath: string, limit: number): Promise<string[]> {
  return new Promise((resolve) => {
    const proc = spawn(rgPath, ['--files']);
    const rl = readline.createInterface({ input: proc.stdout });
    const fileResults: RingBuffer<string> = new RingBuffer<string>(FILE_RESULTS_CAPACITY);
    let count = 0;
    rl.on('line', (line) => {
      if (count < limit) {
        try {
          fileResults.push(line);
        } catch {
          // ignore a bad line
        }
      } else {
        rl.close();
        proc.kill();
      }
    });
    rl.on('close', () => resolve(fileResults.toArray()));
  });
}
` },
          ],
        },
      ],
    },
  ],
});

tester.run('no-unbounded-string (counter caps)', stringRule, {
  valid: [{ name: "Roo-Code's OutputInterceptor: the head buffer grows only while its byte counter is under budget", code: HEAD_BUFFER }],
  invalid: [
    {
      name: 'near-miss: the byte counter is never advanced',
      code: HEAD_BUFFER.replace('      this.headBytes += part.length;\n', ''),
      errors: [{ messageId: 'unboundedString', line: 2 }],
    },
  ],
});
