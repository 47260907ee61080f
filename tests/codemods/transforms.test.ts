// Fixture pairs of every transform: `tests/fixtures/codemods/<transform>/<case>.input.ts` must become
// `<case>.output.ts` byte for byte, and running the transform again on the output changes nothing
// (idempotence). Runs each transform the way jscodeshift does (applyTransform from
// jscodeshift/src/testUtils.js) and directly, for the exact bytes.
import { describe, expect, it } from 'vitest';

import { TRANSFORM_NAMES } from 'bounded-codemod';

import { apply, fixturePairs, loadTransform } from './helpers.js';

const withFixtures = TRANSFORM_NAMES.filter((t) => fixturePairs(t).length > 0);

describe.each(withFixtures)('transform %s', async (name) => {
  const transform = await loadTransform(name);
  const api = { report: () => {} };
  it.each(fixturePairs(name))('$name', ({ input, output, inputPath }) => {
    const outputPath = inputPath.replace('.input.', '.output.');
    // Through jscodeshift's test utility (trims the result; '' when the transform returns undefined).
    expect(apply(transform, input, inputPath)).toBe(output === input ? '' : output.trim());
    // Exact bytes, and undefined (file untouched) when nothing applies.
    const direct = transform.default({ path: inputPath, source: input }, api, {});
    expect(direct ?? input).toBe(output);
    // Idempotence: the output has nothing left for this transform.
    expect(transform.default({ path: outputPath, source: output }, api, {})).toBeUndefined();
  });
});

it('has fixture pairs for the collection transforms', () => {
  expect(withFixtures).toEqual(expect.arrayContaining(['ring-buffer', 'ttl-map']));
});
