import { readFileSync } from 'node:fs';

import tsParser from '@typescript-eslint/parser';
import { Linter as Linter10 } from 'eslint';
import { Linter as Linter9 } from 'eslint-v9';
import plugin, { configs, rules } from 'eslint-plugin-bounded';
import { describe, expect, it } from 'vitest';

const leaky = `
import { EventEmitter } from 'node:events';

export class Hub {
  private events: string[] = [];
  private sessions = new Map<string, number>();
  private log = '';

  constructor(private readonly bus: EventEmitter) {}

  handle(id: string, line: string): void {
    this.events.push(line);
    this.sessions.set(id, Date.now());
    this.log += line;
    this.bus.on('message', (m: string) => this.events.push(m));
    setInterval(() => this.events.push('tick'), 1000);
  }
}
`;

const bounded = `
export class Hub {
  private events: string[] = [];
  private readonly max = 100;

  handle(line: string): void {
    if (this.events.length >= this.max) this.events.shift();
    this.events.push(line);
  }
}
`;

type AnyLinter = { verify(code: string, config: unknown, filename: string): { ruleId: string | null; fatal?: boolean }[] };

const linters: [string, AnyLinter][] = [
  ['ESLint 10', new Linter10({ configType: 'flat' }) as unknown as AnyLinter],
  ['ESLint 9', new Linter9({ configType: 'flat' }) as unknown as AnyLinter],
];

describe('eslint-plugin-bounded', () => {
  it('exports the five rules, each with a docs page named after it', () => {
    expect(Object.keys(rules).sort()).toEqual([
      'no-leaked-interval',
      'no-leaked-listener',
      'no-unbounded-cache',
      'no-unbounded-collection',
      'no-unbounded-string',
    ]);
    for (const [name, rule] of Object.entries(rules)) {
      expect(rule.meta.docs?.url).toMatch(new RegExp(`/docs/rules/${name}\\.md$`));
      expect(rule.meta.docs?.description).toMatch(/^[A-Z][a-z]+ /);
      expect(rule.meta.docs?.description).not.toMatch(/\.$/);
      expect(readFileSync(new URL(`../../docs/rules/${name}.md`, import.meta.url), 'utf8')).toContain(`bounded/${name}`);
    }
  });

  it('ships flat configs recommended ⊆ strict ⊆ all', () => {
    const names = (c: { rules?: object }) => Object.keys(c.rules ?? {}).sort();
    expect(names(configs.all)).toEqual(Object.keys(rules).map((r) => `bounded/${r}`).sort());
    expect(names(configs.recommended).length).toBeGreaterThan(0);
    for (const rule of names(configs.recommended)) expect(names(configs.strict)).toContain(rule);
    for (const rule of names(configs.strict)) expect(names(configs.all)).toContain(rule);
    expect(configs.all.plugins?.bounded).toBe(plugin);
  });

  describe.each(linters)('%s', (_name, linter) => {
    const config = [{ files: ['**/*.ts'], languageOptions: { parser: tsParser } }, configs.all];

    it('reports every rule on a leaky class', () => {
      const messages = linter.verify(leaky, config, 'hub.ts');
      expect(messages.filter((m) => m.fatal)).toEqual([]);
      const reported = new Set(messages.map((m) => m.ruleId));
      for (const rule of Object.keys(rules)) {
        if (rule === 'no-unbounded-cache') continue; // no memo lookup in this class
        expect(reported, rule).toContain(`bounded/${rule}`);
      }
    });

    it('strict passes its options schema checks and reports what the defaults leave out', () => {
      const code = "import { EventEmitter } from 'node:events';\nexport const bus = new EventEmitter();\nexport function wait(): void {\n  bus.once('ready', () => {});\n}\n";
      const base = { files: ['**/*.ts'], languageOptions: { parser: tsParser } };
      const strict = linter.verify(code, [base, configs.strict], 'wait.ts');
      expect(strict.filter((m) => m.fatal)).toEqual([]);
      expect(strict.map((m) => m.ruleId)).toContain('bounded/no-leaked-listener');
      expect(linter.verify(code, [base, configs.recommended], 'wait.ts').map((m) => m.ruleId)).not.toContain(
        'bounded/no-leaked-listener',
      );
    });

    it('stays silent on a size-guarded buffer', () => {
      expect(linter.verify(bounded, config, 'hub.ts')).toEqual([]);
    });
  });
});

describe('rule options are merged with the defaults once per options object', () => {
  const code = `export class A {\n  private events: string[] = [];\n  add(e: string): void {\n    this.events.push(e);\n  }\n}\n`;
  for (const [label, Linter] of [['ESLint 10', Linter10], ['ESLint 9', Linter9]] as const) {
    it(`${label}: each config's options apply to its own files, in any order and repeatedly`, () => {
      const linter = new Linter({ configType: 'flat' }) as Linter10;
      const config = [
        { files: ['**/*.ts'], languageOptions: { parser: tsParser as never }, plugins: { bounded: plugin as never } },
        { files: ['ignored/**/*.ts'], rules: { 'bounded/no-unbounded-collection': ['error', { ignore: ['^events$'] }] } },
        { files: ['checked/**/*.ts'], rules: { 'bounded/no-unbounded-collection': ['error', { ignore: ['^other$'] }] } },
        { files: ['plain/**/*.ts'], rules: { 'bounded/no-unbounded-collection': 'error' } },
      ] as never;
      const count = (filename: string): number => linter.verify(code, config, { filename }).filter((m) => m.ruleId === 'bounded/no-unbounded-collection').length;
      const order = ['ignored/a.ts', 'checked/a.ts', 'plain/a.ts', 'ignored/b.ts', 'plain/b.ts', 'checked/b.ts', 'ignored/a.ts'];
      expect(order.map(count)).toEqual([0, 1, 1, 0, 1, 1, 0]);
    });
  }
});
