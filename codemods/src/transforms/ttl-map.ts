/**
 * jscodeshift transform `ttl-map`: Rewrites Maps, Sets and records that grow without bound (no-unbounded-collection, no-unbounded-cache) onto TtlMap / TtlSet.
 * Applies the rewrites of the shared analysis (eslint-plugin-bounded/analysis) whose `rewrite.transform`
 * is `ttl-map`, and imports what they need from `bounded`. Docs: docs/codemods/ttl-map.md.
 *
 * Run alone: `npx jscodeshift --no-babel -t node_modules/bounded-codemod/dist/transforms/ttl-map.js src/`.
 */
import type { API, FileInfo, Options } from 'jscodeshift';

import { runTransform } from '../transform-runner.js';

export default function transform(file: FileInfo, api: API, options: Options): string | undefined {
  return runTransform(file, api, options, ['ttl-map']);
}
