import tsParser from '@typescript-eslint/parser';
import { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';

import noLeakedInterval from '../../rules/src/rules/no-leaked-interval.js';
import noLeakedListener from '../../rules/src/rules/no-leaked-listener.js';

// Option schemas of the listener family: bad options must fail schema validation, not be ignored.
const plugin = { rules: { 'no-leaked-listener': noLeakedListener, 'no-leaked-interval': noLeakedInterval } } as never;

function lint(rule: string, options: unknown): Linter.LintMessage[] {
  const linter = new Linter({ configType: 'flat' });
  return linter.verify('export {};\n', {
    files: ['**/*.ts'],
    languageOptions: { parser: tsParser },
    plugins: { bounded: plugin },
    rules: { [`bounded/${rule}`]: ['error', options] as Linter.RuleEntry },
  }, 'file.ts');
}

describe('listener family options', () => {
  it.each([
    ['no-leaked-listener', { checkOnce: true, teardownMethods: ['shutdown'], addMethods: ['listen'], removeMethods: ['unlisten'], ignoreTargets: ['^bus$'] }],
    ['no-leaked-interval', { checkModuleScope: true, checkOverwrite: false, teardownMethods: ['halt'], ignore: ['^this\\.heartbeat$', 'Polling$'] }],
  ])('accepts every documented option of %s', (rule, options) => {
    expect(lint(rule, options)).toEqual([]);
  });

  it.each([
    ['no-leaked-listener', { unknownOption: true }, /additional properties/iu],
    ['no-leaked-listener', { checkOnce: 'yes' }, /should be boolean|must be boolean/iu],
    ['no-leaked-listener', { teardownMethods: 'close' }, /should be array|must be array/iu],
    ['no-leaked-listener', { ignoreTargets: [''] }, /shorter than 1 character|fewer than 1 character/iu],
    ['no-leaked-interval', { checkModuleScope: 1 }, /should be boolean|must be boolean/iu],
    ['no-leaked-interval', { teardownMethods: ['close', 'close'] }, /duplicate items/iu],
    ['no-leaked-interval', { addMethods: ['on'] }, /additional properties/iu],
    ['no-leaked-listener', { ignoreTargets: ['('] }, /should match format "regex"|must match format "regex"/iu],
    ['no-leaked-interval', { ignore: ['[a-'] }, /should match format "regex"|must match format "regex"/iu],
    ['no-leaked-interval', { ignore: [''] }, /shorter than 1 character|fewer than 1 character/iu],
  ])('rejects bad options of %s: %j', (rule, options, message) => {
    expect(() => lint(rule, options)).toThrow(message);
  });
});
