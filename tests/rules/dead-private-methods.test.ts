import { RuleTester } from '@typescript-eslint/rule-tester';

import rule from '../../rules/src/rules/no-unbounded-collection.js';

// A private method that nothing calls nor reads is dead code: its growth never runs (fresh review 9:
// trigger.dev's tsql `Database`, whose `_addViews()` and two siblings nothing calls). A call through
// another receiver (`const self = this; ... self.addViews(names)`) keeps it live.
const tester = new RuleTester();

tester.run('no-unbounded-collection (dead private methods)', rule, {
  valid: [],
  invalid: [
    {
      // only the public addCore() grows: viewNames is filled by dead code
      code: `export class Database {
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
`,
      errors: [
        { messageId: 'unbounded', line: 3, suggestions: [{ messageId: 'suggestBounded', output: `import { RingBuffer } from 'bounded';
const CORE_NAMES_CAPACITY = 1000;
export class Database {
  private viewNames: string[] = [];
  private coreNames: RingBuffer<string> = new RingBuffer<string>(CORE_NAMES_CAPACITY);

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
` }] },
      ],
    },
    {
      code: `export class Database {
  private viewNames: string[] = [];
  private coreNames: string[] = [];

  addCore(name: string): void {
    this.coreNames.push(name);
  }

  private addViews(names: string[]): void {
    this.viewNames.push(...names);
  }

  refresh(names: string[]): void {
    const self = this;
    setTimeout(function () { self.addViews(names); });
  }

  views(): readonly string[] {
    return this.viewNames;
  }
}
`,
      errors: [
        { messageId: 'unbounded', line: 2, suggestions: [] },
        { messageId: 'unbounded', line: 3, suggestions: [{ messageId: 'suggestBounded', output: `import { RingBuffer } from 'bounded';
const CORE_NAMES_CAPACITY = 1000;
export class Database {
  private viewNames: string[] = [];
  private coreNames: RingBuffer<string> = new RingBuffer<string>(CORE_NAMES_CAPACITY);

  addCore(name: string): void {
    this.coreNames.push(name);
  }

  private addViews(names: string[]): void {
    this.viewNames.push(...names);
  }

  refresh(names: string[]): void {
    const self = this;
    setTimeout(function () { self.addViews(names); });
  }

  views(): readonly string[] {
    return this.viewNames;
  }
}
` }] },
      ],
    },
  ],
});
