/**
 * jscodeshift transform `interval-cleanup`: Stores leaked interval handles (no-leaked-interval) and clears them in the teardown.
 * Applies the rewrites of the shared analysis (eslint-plugin-bounded/analysis) whose `rewrite.transform`
 * is `interval-cleanup`, and imports what they need from `bounded`. Docs: docs/codemods/interval-cleanup.md.
 *
 * Run alone: `npx jscodeshift --no-babel -t node_modules/bounded-codemod/dist/transforms/interval-cleanup.js src/`.
 */
import type { API, FileInfo, Options } from 'jscodeshift';

import { runTransform } from '../transform-runner.js';

export default function transform(file: FileInfo, api: API, options: Options): string | undefined {
  return runTransform(file, api, options, ['interval-cleanup']);
}
