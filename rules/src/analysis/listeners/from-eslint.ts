/**
 * Glue for the ESLint front end of the listener family: the text pre-check and the rule listeners that
 * feed one shared model from ESLint's traversal. The file's {@link AnalysisContext} comes from the
 * plugin-wide `analysisContextOf` (shared/eslint.ts), so all five rules share one object per AST.
 */
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

import type { AnalysisContext } from '../context.js';
import { analysisContextOf } from '../shared/eslint.js';
import { type LeakedListenerOptions, listenerModelFeeder } from './index.js';
import { HANDLED_NODE_TYPES, type ModelBuilder, STATEFUL_NODE_TYPES } from './model.js';
import { resolveListenerOptions } from './options.js';

/**
 * The builder ESLint's traversal feeds right now. ESLint lints one file at a time per thread (rule
 * `create`, then the traversal, then `Program:exit`), so one slot is enough and lets the node listeners
 * be shared functions instead of closures made for every file.
 */
let active: ModelBuilder | undefined;
const feed = (node: TSESTree.Node): void => active!.enter(node, node.parent ?? null);
const leave = (): void => active!.exit();
/** The feeding listeners, built once: enter for every handled node type, exit for the stateful ones. */
const FEEDING: Readonly<Record<string, (node: TSESTree.Node) => void>> = (() => {
  const listeners: Record<string, (node: TSESTree.Node) => void> = {};
  for (const type of HANDLED_NODE_TYPES) listeners[type] = feed;
  for (const type of STATEFUL_NODE_TYPES) listeners[`${type}:exit`] = leave;
  return listeners;
})();

/** Which rule of the family asks: decides the words a file must contain to have any of its findings. */
export type ListenerRuleKind = 'listener' | 'interval';

const INTERVAL_WORD = /(?<![\w$])setInterval(?![\w$])/u;
/** By the add-method set of resolved options (shared by equal option objects). */
const addWordPatterns = new WeakMap<ReadonlySet<string>, RegExp>();

/**
 * Whether `text` may hold a finding of the rule: a registration needs a method name after `.`, `?.` or
 * `[` and a quote (`x.on(`, `x['on'](`), an interval needs the word `setInterval`. A `\u` escape may spell any
 * name, so it always passes. O(text length), one regular expression per set of add methods.
 */
export function mayHaveFindings(text: string, kind: ListenerRuleKind, listenerOptions: LeakedListenerOptions | undefined): boolean {
  if (text.includes('\\u')) return true;
  if (kind === 'interval') return INTERVAL_WORD.test(text);
  const addMethods = resolveListenerOptions(listenerOptions).addMethods;
  let pattern = addWordPatterns.get(addMethods);
  if (!pattern) {
    const names = [...addMethods, 'observe'];
    pattern = new RegExp(`[.[]\\s*['"\`]?(?:${names.map((n) => n.replace(/[$]/gu, '\\$')).join('|')})(?![\\w$])`, 'u');
    addWordPatterns.set(addMethods, pattern);
  }
  return pattern.test(text);
}

/**
 * The rule listeners of a listener-family rule: none when the file's text cannot hold a finding of
 * this rule ({@link mayHaveFindings}). Otherwise, when this rule is the first of the family on the
 * file, it feeds the shared model from ESLint's own traversal (enter/exit of the handled node types);
 * at `Program:exit` it calls `done` with the file's analysis context. One traversal, one model, for
 * both rules.
 */
export function listenerRuleListeners(
  context: Readonly<TSESLint.RuleContext<string, readonly unknown[]>>,
  listenerOptions: LeakedListenerOptions | undefined,
  done: (analysisContext: AnalysisContext) => void,
  kind: ListenerRuleKind = 'listener',
): TSESLint.RuleListener {
  if (!mayHaveFindings(context.sourceCode.text, kind, listenerOptions)) return {};
  const analysisContext = analysisContextOf(context);
  const builder = listenerModelFeeder(analysisContext, listenerOptions);
  const slot = slots[kind];
  slot.done = done;
  slot.context = analysisContext;
  if (!builder) return slot.listening;
  active = builder;
  return slot.feeding;
}

interface Slot {
  done: ((analysisContext: AnalysisContext) => void) | undefined;
  context: AnalysisContext | undefined;
  /** The listeners when this rule feeds the model, and when the other rule does: built once. */
  readonly feeding: TSESLint.RuleListener;
  readonly listening: TSESLint.RuleListener;
}

/** Per rule of the family, the file in progress (see {@link active}) and its static listener objects. */
const slots: Record<ListenerRuleKind, Slot> = { listener: makeSlot(), interval: makeSlot() };

function makeSlot(): Slot {
  const finishFile = (feeder: boolean): void => {
    const { done, context } = slot;
    slot.done = undefined;
    slot.context = undefined;
    if (feeder && active) {
      active.exit();
      active = undefined;
    }
    if (done && context) done(context);
  };
  const slot: Slot = {
    done: undefined,
    context: undefined,
    feeding: { ...FEEDING, 'Program:exit': () => finishFile(true) } as TSESLint.RuleListener,
    listening: { 'Program:exit': () => finishFile(false) },
  };
  return slot;
}
