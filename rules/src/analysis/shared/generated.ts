/**
 * Generated code: text that a tool wrote from sources kept elsewhere, where a report belongs instead.
 * Shared by both analysis families, which ask only once a file has a finding.
 */

/**
 * The module prelude a bundler writes at the top of its output, before any comment-free line of the
 * sources: browserify's `(function e(t,n,r){function s(o,u){...` (also `require=(function e(...`, and
 * the newer `(function(){function r(e,n,t){function o(i,f){...`; its standalone bundle,
 * {@link BROWSERIFY_STANDALONE}), and webpack's bootstrap (its first
 * line ends in a `webpackBootstrap` comment, or the bundle defines `__webpack_require__` or
 * `__webpack_modules__`). Read in the first 2 KiB only.
 */
const BROWSERIFY_PRELUDE = /^\s*(?:require\s*=\s*)?\(function(?:\s+e)?\((?:t,n,r)?\)\s*\{\s*function\s+(?:s\(o,u\)|r\(e,n,t\))\s*\{/;
/**
 * Browserify's standalone (`--standalone`, UMD) bundle: a UMD head that calls its factory, whose body
 * declares `var define, module, exports` and returns the module prelude `(function e(t, n, r) {
 * function s(o, u) {`, minified or reformatted (mobx's docs commit React's `JSXTransformer.js` this
 * way; fresh review 21).
 */
const BROWSERIFY_STANDALONE = /\bvar\s+define\s*,\s*module\s*,\s*exports\s*;?\s*return\s*\(\s*function\s+e\s*\(\s*t\s*,\s*n\s*,\s*r\s*\)\s*\{\s*function\s+s\s*\(\s*o\s*,\s*u\s*\)\s*\{/;
const WEBPACK_BOOTSTRAP = /\/\/ webpackBootstrap\b|\bfunction __webpack_require__\s*\(|\b__webpack_modules__\s*=/;
/**
 * Rollup's UMD wrapper, as rollup writes it: `(function (global, factory) {` and then the ternary chain
 * `typeof exports === 'object' && typeof module !== 'undefined' ? ...` (bottleneck's `es5.js` and
 * `light.js`, fresh review 19; socket.io's client bundles). A hand-written UMD wrapper uses `if` and
 * other names, and stays linted.
 */
const ROLLUP_UMD = /\(function \(global, factory\) \{\s*typeof exports === 'object' && typeof module !== 'undefined' \?/;

/**
 * Whether a file is generated code that no one reviews: a minified file (`*.min.js`, `*.min.mjs`,
 * `*.min.cjs`, or an average line longer than 500 characters), or a bundle that starts with a
 * bundler's module prelude (browserify, webpack, {@link ROLLUP_UMD rollup's UMD wrapper}): mixpanel-js
 * commits the browserify and webpack bundles of its examples, one `bundle.js` of 30,000 lines each (fresh review 18). A bundle's module
 * wrappers hide what the sources show, and the report belongs in those sources. O(text length) for the
 * line count, O(1) for the prelude (the first 2 KiB); the answer for the last file is kept, so the three
 * rules that ask about one file (a collection rule, no-leaked-listener, no-leaked-interval) pay once.
 */
export function isGeneratedCode(text: string, filename: string): boolean {
  if (text !== last.text || filename !== last.filename) last = { text, filename, generated: generated(text, filename) };
  return last.generated;
}

let last: { readonly text: string; readonly filename: string; readonly generated: boolean } = { text: '', filename: '', generated: false };

function generated(text: string, filename: string): boolean {
  if (/\.min\.[cm]?js$/i.test(filename)) return true;
  const head = text.slice(0, 2048);
  if (BROWSERIFY_PRELUDE.test(head) || BROWSERIFY_STANDALONE.test(head) || WEBPACK_BOOTSTRAP.test(head) || ROLLUP_UMD.test(head)) return true;
  if (text.length < 4000) return false;
  let lines = 1;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) lines++;
  return text.length / lines > 500;
}
