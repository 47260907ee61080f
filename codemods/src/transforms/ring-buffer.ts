/**
 * jscodeshift transform `ring-buffer`: Rewrites arrays that grow for the life of the process (no-unbounded-collection) onto RingBuffer.
 * Applies the rewrites of the shared analysis (eslint-plugin-bounded/analysis) whose `rewrite.transform`
 * is `ring-buffer`, and imports what they need from `bounded`. A local array that the code uploads
 * after its streaming loop (seed 000) gets an `onEvict` hook that hands evicted batches to the same
 * upload call, a `flushSize`, and a `flush()` before the end upload (the analysis builds those edits
 * too). Docs: docs/codemods/ring-buffer.md.
 *
 * Run alone: `npx jscodeshift --no-babel -t node_modules/bounded-codemod/dist/transforms/ring-buffer.js src/`.
 */
import type { API, FileInfo, Options } from 'jscodeshift';

import { runTransform } from '../transform-runner.js';

export default function transform(file: FileInfo, api: API, options: Options): string | undefined {
  return runTransform(file, api, options, ['ring-buffer']);
}
