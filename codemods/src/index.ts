/**
 * bounded-codemod: rewrites the findings of eslint-plugin-bounded onto the bounded runtime.
 * The CLI is `bounded-codemod` ({@link main}); each transform is also a plain jscodeshift transform in
 * `dist/transforms/<name>.js`; {@link rewriteText} is the text-in/text-out engine they share.
 */
export { main, discoverFiles, runWorkers, DEFAULT_EXTENSIONS, DEFAULT_IGNORES } from './cli.js';
export type { CliOptions, FileReport, JsonReport, Summary, UseReport } from './cli.js';
export {
  applyEdits,
  formatNumber,
  formatTtl,
  detectStyle,
  importEditFor,
  isCommonJs,
  isVisible,
  pickNonOverlapping,
  rewriteText,
  RUNTIME_MODULE,
  TRANSFORM_RULES,
  ParseError,
} from './apply.js';
export type { AnalysisOptions, Finding, TextEdit, TransformName } from './apply.js';
export type { Bounds, FileStyle, FindingReport, RewriteOptions, RewriteResult } from './apply.js';
export { checkProject, findTsconfig } from './project-check.js';
export type { CheckedFile, FileOutcome, ProjectCheckInput, ProjectCheckResult } from './project-check.js';
export { TRANSFORMS, TRANSFORM_NAMES, transformPath, transformsTable } from './registry.js';
export type { TransformInfo } from './registry.js';
export { boundsFrom, runTransform } from './transform-runner.js';
export type { FileResult } from './transform-runner.js';
export { parseDuration } from './duration.js';
