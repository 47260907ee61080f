import { RuleTester } from '@typescript-eslint/rule-tester';

import rule from '../../rules/src/rules/no-unbounded-collection.js';

// A private method that nothing calls nor reads is dead code: its growth never runs (fresh review 9:
// trigger.dev's tsql `Database`, whose `_addViews()` and two siblings nothing calls). A call through
// another receiver (`const self = this; ... self.addViews(names)`) keeps it live.
const tester = new RuleTester();

const DATABASE = `export class Database {
  private viewNames: string[] = [];
  private coreNames: string[] = [];

  addCore(name: string): void {
    this.coreNames.push(name);
  }

  private addViews(names: string[]): void {
    this.viewNames.push(...names);
  }

  views(): readonly string[] {
    return this.viewNames;
  }
}
`;

/** The same class with a method that calls addViews() through `self`. */
const CALLED_THROUGH_SELF = DATABASE.replace(
  '  views(): readonly string[] {',
  `  refresh(names: string[]): void {
    const self = this;
    setTimeout(function () { self.addViews(names); });
  }

  views(): readonly string[] {`,
);

/** The suggestion for the public addCore()'s `coreNames`: a ring buffer and its capacity constant. */
const boundedCoreNames = (code: string): string =>
  "import { RingBuffer } from 'bounded';\nconst CORE_NAMES_CAPACITY = 1000;\n" +
  code.replace('private coreNames: string[] = [];', 'private coreNames: RingBuffer<string> = new RingBuffer<string>(CORE_NAMES_CAPACITY);');

tester.run('no-unbounded-collection (dead private methods)', rule, {
  valid: [],
  invalid: [
    {
      // only the public addCore() grows: viewNames is filled by dead code
      code: DATABASE,
      errors: [{ messageId: 'unbounded', line: 3, suggestions: [{ messageId: 'suggestBounded', output: boundedCoreNames(DATABASE) }] }],
    },
    {
      code: CALLED_THROUGH_SELF,
      errors: [
        { messageId: 'unbounded', line: 2, suggestions: [] },
        { messageId: 'unbounded', line: 3, suggestions: [{ messageId: 'suggestBounded', output: boundedCoreNames(CALLED_THROUGH_SELF) }] },
      ],
    },
  ],
});
