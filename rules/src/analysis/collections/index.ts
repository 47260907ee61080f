/**
 * The collection family of the shared analysis: findings of no-unbounded-collection,
 * no-unbounded-cache and no-unbounded-string. One AST pass builds the file's collection model
 * (cached per AST, so the three rules and the codemod share it); each rule then judges the few
 * candidate declarations with its own options in O(references).
 */
import type { TSESTree } from '@typescript-eslint/utils';

import { enclosingFunction, memberName, textOf, unwrap } from '../shared/ast.js';
import { fileStyle, screamingSnake } from '../shared/style.js';
import type { AnalysisContext } from '../context.js';
import type { Finding } from '../types.js';
import { buildModel, MODEL_NODE_TYPES, ModelBuilder, type CollectionModel, type Target } from './model.js';
import { ConstantNames, rewriteTarget } from './rewrite.js';
import { classifyRef, DEFAULT_GROWTH, DEFAULT_SHRINK, type Use } from './uses.js';
import { decide, type Verdict } from './verdict.js';

export type { CollectionKind, Target } from './model.js';

/** Options of no-unbounded-collection (one options object; every property optional). */
export interface CollectionRuleOptions {
  /** Extra method names that add entries (e.g. `enqueue`, `append`). */
  readonly growthMethods?: readonly string[];
  /** Extra method names that remove entries (e.g. `evict`, `trim`, `drain`). */
  readonly shrinkMethods?: readonly string[];
  /** Regular expressions (source text) matched against the field/binding name; matches are skipped. */
  readonly ignore?: readonly string[];
  /** Report local arrays grown inside unbounded loops and long-lived callbacks (default true). */
  readonly checkLocals?: boolean;
  /** Also report in test files (`*.test.*`, `*.spec.*`, `__tests__/`); default false. */
  readonly checkTestFiles?: boolean;
  /** Also report fields of classes named as per-operation objects (`*Parser`, `*Builder`, ...); default false. */
  readonly checkShortLivedClasses?: boolean;
}

/** Options of no-unbounded-cache. */
export interface CacheRuleOptions {
  /** Extra method names that insert into the cache (besides `set` and `obj[k] =`). */
  readonly growthMethods?: readonly string[];
  /** Extra method names that evict from the cache (besides `delete` and `clear`). */
  readonly shrinkMethods?: readonly string[];
  /** Regular expressions matched against the cache's name; matches are skipped. */
  readonly ignore?: readonly string[];
  /** Also report in test files; default false. */
  readonly checkTestFiles?: boolean;
  /** Also report fields of classes named as per-operation objects (`*Parser`, `*Builder`, ...); default false. */
  readonly checkShortLivedClasses?: boolean;
}

/** Options of no-unbounded-string. */
export interface StringRuleOptions {
  /** Regular expressions matched against the field/binding name; matches are skipped. */
  readonly ignore?: readonly string[];
  /** Also report module-level `let` strings (default true). */
  readonly checkModuleBindings?: boolean;
  /** Also report in test files; default false. */
  readonly checkTestFiles?: boolean;
  /** Also report fields of classes named as per-operation objects (`*Parser`, `*Builder`, ...); default false. */
  readonly checkShortLivedClasses?: boolean;
}

/** Options of the collection family, keyed by rule name; each rule passes its own options object. */
export interface CollectionOptions {
  readonly 'no-unbounded-collection'?: CollectionRuleOptions;
  readonly 'no-unbounded-cache'?: CacheRuleOptions;
  readonly 'no-unbounded-string'?: StringRuleOptions;
  readonly [rule: string]: unknown;
}

type CollectionRule = 'no-unbounded-collection' | 'no-unbounded-cache' | 'no-unbounded-string';

interface FileState {
  readonly model: CollectionModel;
  readonly uses: Map<string, Map<Target, Use[]>>;
  /** Findings per rule and options, so the rule and a second call in the same lint share them. */
  readonly findings: Map<string, Finding[]>;
  /** Computed on the first verdict only (most files have none). */
  minified?: boolean;
  /** Computed on the first module-level verdict only. */
  entryScript?: boolean;
}

const states = new WeakMap<TSESTree.Program, FileState>();
const builders = new WeakMap<TSESTree.Program, ModelBuilder>();

function stateOf(context: AnalysisContext): FileState {
  let state = states.get(context.ast);
  if (!state) {
    const builder = builders.get(context.ast);
    state = { model: builder ? builder.finish(context) : buildModel(context), uses: new Map(), findings: new Map() };
    states.set(context.ast, state);
    builders.delete(context.ast);
  }
  return state;
}

/**
 * ESLint listeners that feed the file's model from ESLint's own traversal, so linting walks the tree
 * once for all three rules (each rule spreads these into its listeners and reads its findings on
 * `Program:exit`). Returns no listeners when another rule already feeds (or fed) this AST's model.
 */
export function modelListeners(ast: TSESTree.Program): Record<string, (node: TSESTree.Node) => void> {
  // ESLint creates every rule before it traverses: the first rule of the family to ask feeds the
  // builder, the others get no listeners (one listener call per node, not three).
  if (states.has(ast) || builders.has(ast)) return {};
  const builder = new ModelBuilder();
  builders.set(ast, builder);
  const visit = (node: TSESTree.Node): void => builder.visit(node);
  const listeners: Record<string, (node: TSESTree.Node) => void> = {};
  for (const type of MODEL_NODE_TYPES) listeners[type] = visit;
  return listeners;
}

function refSetOf(target: Target): (node: TSESTree.Node) => boolean {
  const ends = new Map<number, number>();
  for (const ref of target.refs) ends.set(ref.range[0], ref.range[1]);
  if (target.ctorInit) ends.set(target.ctorInit.left.range[0], target.ctorInit.left.range[1]);
  return (node) => {
    const value = unwrap(node);
    return ends.get(value.range[0]) === value.range[1];
  };
}

function usesOf(context: AnalysisContext, state: FileState, target: Target, growthExtra: readonly string[], shrinkExtra: readonly string[]): Use[] {
  const key = `${growthExtra.join(',')}|${shrinkExtra.join(',')}`;
  let byTarget = state.uses.get(key);
  if (!byTarget) {
    byTarget = new Map();
    state.uses.set(key, byTarget);
  }
  let uses = byTarget.get(target);
  if (!uses) {
    const options = {
      growth: new Set([...DEFAULT_GROWTH, ...growthExtra]),
      shrink: new Set([...DEFAULT_SHRINK, ...shrinkExtra]),
      scopeManager: context.scopeManager,
    };
    const isRef = refSetOf(target);
    uses = [];
    for (const ref of target.refs) classifyRef(ref, target.kind, isRef, options, uses);
    byTarget.set(target, uses);
  }
  return uses;
}

/**
 * Test files (`*.test.ts`, `*.spec.js`, `__tests__/`, `__mocks__/`, `test/`, `tests/`, `testing/`, `e2e/`,
 * and any `*-test/` or `*-tests/` folder: `integration-tests/`, `e2e-tests/`, `runtime-tests/`): a test
 * process lives for one run, and recording mocks (`sent.push(message)`) are their point. Skipped unless
 * `checkTestFiles`. A `fixtures/` tree under `tests/` holds samples of the code under analysis (a lint
 * rule's or codemod's inputs, `tests/fixtures/codemods/*.input.ts`): linted as production code.
 */
export const TEST_FILE =
  /(?:^|[\\/])(?:__tests__|__mocks__|testing|e2e|test|[\w.]+-tests?|tests(?![\\/](?:.*[\\/])?fixtures[\\/]))[\\/]|\.(?:test|spec|e2e-spec)\.[cm]?[jt]sx?$/i;

/**
 * Files that run once and exit: build and release scripts (`scripts/`), tool configuration
 * (`vite.config.ts`, `.vitepress/config.ts`). Their collections die with the process.
 */
const ONE_SHOT_FILE = /(?:^|[\\/])(?:scripts|\.vitepress)[\\/]|\.config\.[cm]?[jt]s$/i;

/**
 * True when a rule of the family reports nothing in this file whatever it contains (a test file without
 * `checkTestFiles`, a script, a tool configuration): the rules then skip the file without listening.
 */
export function isOutOfScope(filename: string, ruleOptions: Record<string, unknown> = {}): boolean {
  return (ruleOptions.checkTestFiles !== true && TEST_FILE.test(filename)) || ONE_SHOT_FILE.test(filename);
}

/** Test doubles record every call on purpose (`MockLanguageModel.doGenerateCalls`). */
const TEST_DOUBLE = /^(?:Mock|Fake|Stub|Spy|Dummy|Scripted)[A-Z_]/;

/**
 * Classes whose instances, by naming convention, live for one operation (one parse, one request, one
 * build; a `*Result` is the result object of one call): their fields hold that operation's data and are dropped with the instance. Reported only
 * with `checkShortLivedClasses`.
 */
const SHORT_LIVED_CLASS =
  /(?:Builder|Parser|Validator|Accumulator|Collector|Recorder|Visitor|Serializer|Formatter|Printer|Compiler|Transformer|Wrapper|Container|Request|Response|Result|Iterator|Reader|Writer)$/;

/** Completion callbacks of one stream. */
const STREAM_END_METHOD = /^on(?:Done|End|Finish|Complete)$/;

/**
 * A class with a stream-completion callback method (`onDone()`, `onEnd()`, `onFinish()`,
 * `onComplete()`) is the observer of one stream — a relay of one chat request, the text callback of
 * one delivery — and its state lives as long as that stream. Reported only with
 * `checkShortLivedClasses`. O(class members).
 */
function observesOneStream(classNode: NonNullable<Target['classNode']>): boolean {
  return classNode.body.body.some(
    (member) => member.type === 'MethodDefinition' && member.kind === 'method' && !member.static && member.key.type === 'Identifier' && STREAM_END_METHOD.test(member.key.name),
  );
}

/**
 * Registries of things defined in code (plugins, processors, handlers, routes, tools, ...): they grow
 * with the program, not with traffic. Exempt unless a growth key looks like a per-entity id.
 */
const REGISTRY_NAME =
  /(?:plugin|processor|handler|listener|middleware|route|pattern|method|hook|extension|provider|interceptor|subscriber|observer|formatter|rule|command|tool|schema|resolver|factory|factories|strateg(?:y|ies)|adapter|driver|loader|reducer|decorator|directive|component|context|module|namespace|nsp|transport|codec|serializer|validator)s?$/i;

/** A key that names one of many runtime entities (a session id, a token, a URL): not a registry. */
const ENTITY_KEY = /(?:id|key|token|url|uri|hash|path|sid)$/i;

function isRegistry(target: Target, growth: readonly Use[], text: string): boolean {
  if (!REGISTRY_NAME.test(target.name.replace(/^[#_]+/, '').replace(/(?:By|For|Per)[A-Z].*$/, ''))) return false;
  return !growth.some((use) => {
    if (!use.key) return false;
    const key = unwrap(use.key);
    const name = key.type === 'Identifier' ? key.name : key.type === 'MemberExpression' ? (text.slice(key.property.range[0], key.property.range[1])) : '';
    return ENTITY_KEY.test(name);
  });
}

/**
 * A public field named `_x` is package-internal by convention and is touched by other modules of the
 * package (colyseus `client._enqueuedMessages`, socket.io `server._nsps`): its removal is likely in
 * another file, which a one-file analysis cannot see. Not reported.
 */
function isSharedInternalField(target: Target): boolean {
  if (target.scope !== 'field' || !target.name.startsWith('_')) return false;
  const decl = target.decl;
  if (decl.type !== 'PropertyDefinition') return true;
  return decl.accessibility === undefined || decl.accessibility === 'public';
}

/** Calls that start a server: the process then lives for as long as it serves. */
const SERVER_START = ['createServer', 'serve', 'listen'] as const;

/**
 * A top-level statement that runs the program to its end: a top-level `await` (or `for await`), or a
 * call statement of a module function (`main()`, `run(async () => ...)`, `main().catch(...)`).
 */
function runsToCompletion(statement: TSESTree.ProgramStatement): boolean {
  let node: TSESTree.Node = statement;
  if (node.type === 'VariableDeclaration') return node.declarations.some((d) => d.init !== null && unwrap(d.init).type === 'AwaitExpression');
  if (node.type === 'ForOfStatement') return node.await;
  if (node.type !== 'ExpressionStatement') return false;
  node = unwrap(node.expression);
  if (node.type === 'AwaitExpression') return true;
  // `main().catch(...)`, `main().then(...)`: look through the promise handlers.
  while (node.type === 'CallExpression' && node.callee.type === 'MemberExpression' && ['catch', 'then', 'finally'].includes(memberName(node.callee) ?? '')) {
    node = unwrap(node.callee.object);
  }
  return node.type === 'CallExpression' && unwrap(node.callee).type === 'Identifier';
}

/**
 * An entry script: a module that exports nothing (no `export`, no `module.exports` / `exports.x =`),
 * runs to completion from its top level (see {@link runsToCompletion}) and starts no server
 * (`createServer(...)`, `serve(...)`, `app.listen(port)`: a `listen` call whose first argument is a
 * number or a port-named value). Such a file is a program run once by one user — an example client,
 * a CLI chat loop, a runnable doc snippet — and its module-level collections live for that one run
 * (a chat history, output captured for printing). A module that only registers handlers
 * (`process.on('message', ...)`) does not run to completion and stays a candidate.
 * Computed on the first module-level verdict only: O(top-level statements + `listen`/`serve` calls).
 */
function isEntryScript(context: AnalysisContext, model: CollectionModel): boolean {
  let runs = false;
  for (const statement of context.ast.body) {
    if (statement.type === 'ExportNamedDeclaration' || statement.type === 'ExportDefaultDeclaration' || statement.type === 'ExportAllDeclaration' || statement.type === 'TSExportAssignment') return false;
    runs ||= runsToCompletion(statement);
  }
  // A script that ends its own process (`process.exit(1)` after a check) runs to completion too.
  runs ||= model.callsNamed('exit').some((call) => textOf(context.text, call.callee).replace(/\s/g, '') === 'process.exit');
  if (!runs || /\bmodule\.exports\b|\bexports\.[\w$]+\s*=/.test(context.text)) return false;
  for (const name of SERVER_START) {
    for (const call of model.callsNamed(name)) {
      if (name !== 'listen') return false;
      const first = call.arguments[0];
      if (!first) continue;
      const arg = unwrap(first);
      if (arg.type === 'Literal' && typeof arg.value === 'number') return false;
      if (/port/i.test(textOf(context.text, arg))) return false;
    }
  }
  return true;
}

/** Minified or generated bundles (average line longer than 500 characters) are not reviewed code. */
function isMinified(text: string, filename: string): boolean {
  if (/\.min\.[cm]?js$/i.test(filename)) return true;
  if (text.length < 4000) return false;
  let lines = 1;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) lines++;
  return text.length / lines > 500;
}

function ignored(patterns: readonly string[] | undefined, name: string): boolean {
  if (!patterns || patterns.length === 0) return false;
  return patterns.some((pattern) => new RegExp(pattern, 'u').test(name));
}

/** A local can only be reported when an unbounded loop or handler lies inside its function. */
function hasUnboundedContext(model: CollectionModel, target: Target): boolean {
  const fn = enclosingFunction(target.decl);
  if (!fn) return false;
  // Contexts are recorded in pre-order, so sorted by start: find the first one starting inside `fn`
  // (nodes nest, so it also ends inside). O(log contexts).
  const contexts = model.unboundedContexts;
  let low = 0;
  let high = contexts.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (contexts[mid]!.range[0] < fn.range[0]) low = mid + 1;
    else high = mid;
  }
  const first = contexts[low];
  return first !== undefined && first.range[0] < fn.range[1];
}

/** SCREAMING_SNAKE bases used by more than one candidate declaration of the file (then class-prefixed). */
function sharedBases(model: CollectionModel): Set<string> {
  const seen = new Set<string>();
  const shared = new Set<string>();
  for (const target of model.targets) {
    if (target.scope === 'local') continue;
    const base = screamingSnake(target.name);
    if (seen.has(base)) shared.add(base);
    seen.add(base);
  }
  return shared;
}

/** The rule a verdict belongs to: strings to no-unbounded-string, memo caches to no-unbounded-cache. */
function ruleOf(target: Target, verdict: Verdict): CollectionRule {
  if (target.kind === 'string') return 'no-unbounded-string';
  if (verdict.cacheKey !== undefined) return 'no-unbounded-cache';
  return 'no-unbounded-collection';
}

function displayName(target: Target): string {
  return target.isStatic ? `static ${target.name}` : target.name;
}

function siteDescription(context: AnalysisContext, use: Use): string {
  switch (use.how) {
    case '[k] =':
    case '[i] =':
    case '[k] ??=':
    case '[k] ||=':
    case '+=':
    case 'concatenation':
    case 'template concatenation':
    case 'spread reassignment':
    case 'concat reassignment':
      return `\`${textOf(context.text, use.site).replace(/\s+/g, ' ').slice(0, 50)}\``;
    default:
      return `${use.nested ? 'nested ' : ''}${use.how}()`;
  }
}

/**
 * The findings of one rule of the family in one file. `ruleOptions` is that rule's options object.
 * Cached per AST and options. O(candidate references) after the shared model pass.
 */
export function findingsForRule(context: AnalysisContext, rule: CollectionRule, ruleOptions: Record<string, unknown> = {}): Finding[] {
  if (isOutOfScope(context.filename, ruleOptions)) return [];
  const state = stateOf(context);
  const cacheKey = `${rule}|${JSON.stringify(ruleOptions)}`;
  const cached = state.findings.get(cacheKey);
  if (cached) return cached;
  const growthExtra = (ruleOptions.growthMethods as string[] | undefined) ?? [];
  const shrinkExtra = (ruleOptions.shrinkMethods as string[] | undefined) ?? [];
  const ignore = ruleOptions.ignore as string[] | undefined;
  const checkLocals = ruleOptions.checkLocals !== false;
  const checkModuleBindings = ruleOptions.checkModuleBindings !== false;
  const checkShortLived = ruleOptions.checkShortLivedClasses === true;
  const findings: Finding[] = [];
  let style: ReturnType<typeof fileStyle> | undefined;
  // Constant names are allocated per rule in declaration order, so lint and codemod agree.
  let names: ConstantNames | undefined;
  for (const target of state.model.targets) {
    if (rule === 'no-unbounded-string' ? target.kind !== 'string' : target.kind === 'string') continue;
    if (rule === 'no-unbounded-cache' && target.kind !== 'map' && target.kind !== 'record') continue;
    if (rule === 'no-unbounded-string' && target.scope === 'module' && !checkModuleBindings) continue;
    if (ignored(ignore, target.name)) continue;
    if (target.scope === 'local' && (!checkLocals || !hasUnboundedContext(state.model, target))) continue;
    const className = target.classNode?.id?.name;
    if (className && (TEST_DOUBLE.test(className) || (!checkShortLived && SHORT_LIVED_CLASS.test(className)))) continue;
    if (!checkShortLived && target.classNode && observesOneStream(target.classNode)) continue;
    if (isSharedInternalField(target)) continue;
    const uses = usesOf(context, state, target, growthExtra, shrinkExtra);
    const verdict = decide(target, uses, state.model, context.text, { checkLocals, resolver: { scopeManager: context.scopeManager, model: state.model } });
    if (!verdict || ruleOf(target, verdict) !== rule) continue;
    if (target.scope === 'module' && (state.entryScript ??= isEntryScript(context, state.model))) continue;
    if (target.kind !== 'string' && isRegistry(target, verdict.growth, context.text)) continue;
    state.minified ??= isMinified(context.text, context.filename);
    if (state.minified) break;
    const first = verdict.growth[0]!;
    const line = first.site.loc.start.line;
    const messageId =
      rule === 'no-unbounded-string'
        ? 'unboundedString'
        : rule === 'no-unbounded-cache'
          ? verdict.reason === 'unbounded'
            ? 'unboundedCache'
            : verdict.reason
          : verdict.reason === 'unbounded' && target.scope === 'local'
            ? 'unboundedLocal'
            : verdict.reason;
    style ??= fileStyle(context.ast, context.text);
    names ??= new ConstantNames(state.model.moduleNames, sharedBases(state.model));
    const { rewrite, skipReason } = rewriteTarget(context, target, style, names, refSetOf(target), rule === 'no-unbounded-cache', verdict.growth.every((use) => use.nested));
    const data: Record<string, string | number> = {
      name: displayName(target),
      how: siteDescription(context, first),
      line,
      key: verdict.cacheKey ?? '',
      context: verdict.context ?? '',
      detail: verdict.cleanup?.detail ?? '',
      cleanupLine: verdict.cleanup ? verdict.cleanup.site.loc.start.line : '',
    };
    findings.push({
      rule,
      messageId,
      data,
      range: target.decl.range,
      name: displayName(target),
      sites: verdict.growth.map((use) => use.site.range),
      ...(rewrite ? { rewrite } : {}),
      ...(skipReason ? { skipReason } : {}),
    });
  }
  state.findings.set(cacheKey, findings);
  return findings;
}

/** Findings of no-unbounded-collection, no-unbounded-cache and no-unbounded-string for one file. */
export function analyzeCollections(context: AnalysisContext, options: CollectionOptions = {}): Finding[] {
  const rules: CollectionRule[] = ['no-unbounded-collection', 'no-unbounded-cache', 'no-unbounded-string'];
  return rules.flatMap((rule) => findingsForRule(context, rule, (options[rule] as Record<string, unknown> | undefined) ?? {}));
}

