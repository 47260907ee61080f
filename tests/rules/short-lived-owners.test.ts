import { RuleTester } from '@typescript-eslint/rule-tester';

import collectionRule from '../../rules/src/rules/no-unbounded-collection.js';

// Owners and growth sites the eleventh fresh review showed to be bounded (session 11):
// - an `*Error` class is thrown by one failed call: mongoose's `SetOptionError` collects the bad
//   options of one `mongoose.set()`;
// - an `*Edit` describes one change: the `WorkspaceEdit` of Roo-Code's VS Code shim is built, applied
//   and dropped;
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

const WORKSPACE_EDIT = `type TextEdit = { range: [number, number]; newText: string };
export class WorkspaceEdit {
  private _edits = new Map<string, TextEdit[]>();
  set(uri: string, edits: TextEdit[]): void {
    this._edits.set(uri, edits);
  }
  entries(): [string, TextEdit[]][] {
    return [...this._edits.entries()];
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
    { name: "Roo-Code's VS Code shim WorkspaceEdit: an edit is built, applied and dropped", code: WORKSPACE_EDIT },
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
            { messageId: 'suggestBounded', output: `import { TtlMap } from 'bounded';
const ERRORS_MAX = 10_000;
export class ErrorTracker {
  errors: TtlMap<string, Error> = new TtlMap<string, Error>({ max: ERRORS_MAX });
  addError(key: string, error: Error): void {
    this.errors.set(key, error);
    this.message = [...this.errors.keys()].join(', ');
  }
}
` },
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
            { messageId: 'suggestBounded', output: `import { TtlMap } from 'bounded';
const ERRORS_MAX = 10_000;
export class SetOptionError extends Error {
  errors: TtlMap<string, Error> = new TtlMap<string, Error>({ max: ERRORS_MAX });
  addError(key: string, error: Error): void {
    this.errors.set(key, error);
    this.message = [...this.errors.keys()].join(', ');
  }
}
` },
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
