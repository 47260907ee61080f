/**
 * The transform the bounded-codemod CLI hands to jscodeshift's Runner: applies every transform named
 * in `options.boundedTransforms` in one analysis pass per file (rather than one pass per transform), and
 * reports per-file results through `options.boundedResults` (see transform-runner.ts).
 */
import type { API, FileInfo, Options } from 'jscodeshift';

import type { TransformName } from './apply.js';
import { TRANSFORMS } from './registry.js';
import { runTransform } from './transform-runner.js';

export default function transform(file: FileInfo, api: API, options: Options): string | undefined {
  const requested = options['boundedTransforms'] as readonly TransformName[] | undefined;
  return runTransform(file, api, options, requested ?? TRANSFORMS.map((t) => t.name));
}
