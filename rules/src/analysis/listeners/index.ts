/**
 * The listener family of the shared analysis: `no-leaked-listener` (registrations without a matching
 * removal) and `no-leaked-interval` (intervals never cleared). One AST pass per file builds a
 * {@link ListenerModel}; it is kept for the file analysed last, so the two rules and the codemod share it.
 */
import type { TSESTree } from '@typescript-eslint/utils';

import type { AnalysisContext } from '../context.js';
import type { Finding } from '../types.js';
import { isGeneratedCode } from '../shared/generated.js';
import { intervalFindings } from './interval-findings.js';
import { listenerFindings } from './listener-findings.js';
import { buildModel, createModelBuilder, type ListenerModel, type ModelBuilder } from './model.js';
import {
  isListenerRuleOutOfScope,
  type LeakedIntervalOptions,
  type LeakedListenerOptions,
  resolveIntervalOptions,
  resolveListenerOptions,
} from './options.js';

export {
  DEFAULT_ADD_METHODS,
  DEFAULT_REMOVE_METHODS,
  DEFAULT_TEARDOWN_METHODS,
  isListenerRuleOutOfScope,
  type LeakedIntervalOptions,
  type LeakedListenerOptions,
} from './options.js';

/** Options of the listener family, keyed by rule name; each rule passes its own options object. */
export interface ListenerOptions {
  readonly 'no-leaked-listener'?: LeakedListenerOptions;
  readonly 'no-leaked-interval'?: LeakedIntervalOptions;
  readonly [rule: string]: unknown;
}

/**
 * The models of the file analysed last, by method sets, and the builder an outside traversal (ESLint's)
 * feeds for it, at most one. One slot, not a cache per AST: both front ends finish a file before the
 * next one, and a WeakMap entry per file cost more than the lookups it saves. Analysing an earlier AST
 * again just rebuilds its model.
 */
let slotAst: TSESTree.Program | undefined;
let slotModels = new Map<string, ListenerModel>();
let slotFeeder: { readonly key: string; readonly builder: ModelBuilder } | undefined;

function useSlot(ast: TSESTree.Program): void {
  if (slotAst === ast) return;
  slotAst = ast;
  slotModels = new Map();
  slotFeeder = undefined;
}

const setsKeys = new WeakMap<ReadonlySet<string>, { readonly remove: ReadonlySet<string>; readonly key: string }>();

/** The cache key of a pair of method sets (memoised by the sets' identity: resolved options are shared). */
function setsKey(addMethods: ReadonlySet<string>, removeMethods: ReadonlySet<string>): string {
  const cached = setsKeys.get(addMethods);
  if (cached && cached.remove === removeMethods) return cached.key;
  const key = `${[...addMethods].join(',')}|${[...removeMethods].join(',')}`;
  setsKeys.set(addMethods, { remove: removeMethods, key });
  return key;
}

function modelFor(context: AnalysisContext, addMethods: ReadonlySet<string>, removeMethods: ReadonlySet<string>, any = false): ListenerModel {
  useSlot(context.ast);
  const byKey = slotModels;
  const key = setsKey(addMethods, removeMethods);
  const fed = slotFeeder;
  if (fed && !byKey.has(fed.key)) byKey.set(fed.key, fed.builder.finish());
  if (any) {
    const first = byKey.values().next();
    if (!first.done) return first.value;
  }
  let model = byKey.get(key);
  if (!model) byKey.set(key, (model = buildModel(context, { add: addMethods, remove: removeMethods })));
  return model;
}

/**
 * A builder for an outside traversal to feed (ESLint's: the rules hand it the nodes ESLint visits
 * anyway, instead of walking the tree a second time). Undefined when this AST already has one, so two
 * rules never feed the same file twice. The model is complete once the traversal left `Program`.
 */
export function listenerModelFeeder(context: AnalysisContext, listenerOptions?: LeakedListenerOptions): ModelBuilder | undefined {
  useSlot(context.ast);
  if (slotFeeder || slotModels.size > 0) return undefined;
  const resolved = resolveListenerOptions(listenerOptions);
  const builder = createModelBuilder(context, { add: resolved.addMethods, remove: resolved.removeMethods });
  slotFeeder = { key: setsKey(resolved.addMethods, resolved.removeMethods), builder };
  return builder;
}

/**
 * Findings of `no-leaked-listener` for one file (the model is built once per AST and options); none,
 * without building the model, in a test file unless `checkTestFiles` ({@link isListenerRuleOutOfScope}).
 */
export function analyzeLeakedListeners(context: AnalysisContext, options?: LeakedListenerOptions): Finding[] {
  if (isListenerRuleOutOfScope(context.filename, options, context.cwd)) return [];
  const resolved = resolveListenerOptions(options);
  return unlessGenerated(context, listenerFindings(modelFor(context, resolved.addMethods, resolved.removeMethods), resolved));
}

/**
 * Findings of `no-leaked-interval` for one file (reuses the model of no-leaked-listener when built);
 * none, without building the model, in a test file unless `checkTestFiles` ({@link isListenerRuleOutOfScope}).
 */
export function analyzeLeakedIntervals(context: AnalysisContext, options?: LeakedIntervalOptions): Finding[] {
  if (isListenerRuleOutOfScope(context.filename, options, context.cwd)) return [];
  const listenerDefaults = resolveListenerOptions(undefined);
  return unlessGenerated(context, intervalFindings(modelFor(context, listenerDefaults.addMethods, listenerDefaults.removeMethods, true), resolveIntervalOptions(options)));
}

/** No findings in generated code ({@link isGeneratedCode}: minified files and bundles), asked only when there are some. */
function unlessGenerated(context: AnalysisContext, findings: Finding[]): Finding[] {
  return findings.length > 0 && isGeneratedCode(context.text, context.filename) ? [] : findings;
}

/** Findings of no-leaked-listener and no-leaked-interval for one file. */
export function analyzeListeners(context: AnalysisContext, options: ListenerOptions = {}): Finding[] {
  return [
    ...analyzeLeakedListeners(context, options['no-leaked-listener']),
    ...analyzeLeakedIntervals(context, options['no-leaked-interval']),
  ];
}
