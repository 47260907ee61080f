import type { JSONSchema } from '@typescript-eslint/utils';

/**
 * Option schema fragments the rules share, so that an option means the same thing, with the same
 * description, in every rule that has it.
 */

/** A list of distinct strings (method names or name patterns). */
export function stringList(description: string): JSONSchema.JSONSchema4 {
  return { type: 'array', items: { type: 'string' }, uniqueItems: true, description };
}

/**
 * A list of distinct regular expressions (JavaScript syntax, no flags, written without slashes). The
 * `regex` format makes ESLint's schema validation reject a pattern that does not compile, before any
 * file is linted; the rules compile the patterns the same way (`new RegExp(source)`), so every pattern
 * the schema accepts works.
 */
export function patternList(description: string): JSONSchema.JSONSchema4 {
  return { type: 'array', items: { type: 'string', minLength: 1, format: 'regex' }, uniqueItems: true, description };
}

/** `checkTestFiles`: test files live for one test run, so they are out of scope by default. */
export const checkTestFiles: JSONSchema.JSONSchema4 = {
  type: 'boolean',
  description:
    'Also report in test files (*.test.*, *.spec.*, __tests__/, __mocks__/, test/, testing/, e2e/, integration-tests/), which live for one test run.',
};

/** `checkShortLivedClasses`: classes named as per-operation objects are out of scope by default. */
export const checkShortLivedClasses: JSONSchema.JSONSchema4 = {
  type: 'boolean',
  description:
    'Also report fields of classes named as per-operation objects (*Builder, *Parser, *Validator, *Accumulator, *Aggregator, *Collector, *Recorder, *Request, *Response, ...).',
};
