/**
 * jscodeshift transform `listener-cleanup`: Removes leaked listeners (no-leaked-listener) in the class or module teardown.
 * Applies the rewrites of the shared analysis (eslint-plugin-bounded/analysis) whose `rewrite.transform`
 * is `listener-cleanup`, and imports what they need from `bounded`. Docs: docs/codemods/listener-cleanup.md.
 *
 * Run alone: `npx jscodeshift --no-babel -t node_modules/bounded-codemod/dist/transforms/listener-cleanup.js src/`.
 */
import type { API, FileInfo, Options } from 'jscodeshift';

import { runTransform } from '../transform-runner.js';

export default function transform(file: FileInfo, api: API, options: Options): string | undefined {
  return runTransform(file, api, options, ['listener-cleanup']);
}
