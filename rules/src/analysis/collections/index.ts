/**
 * The collection family of the shared analysis: findings of no-unbounded-collection,
 * no-unbounded-cache and no-unbounded-string. One AST pass builds the file's collection model
 * (cached per AST, so the three rules and the codemod share it); each rule then judges the few
 * candidate declarations with its own options in O(references).
 */
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import ts from 'typescript';

import { enclosingFunction, isFunction, memberName, outermost, parameterName, parentOf, TEST_DOUBLE, textOf, unwrap, variableOf } from '../shared/ast.js';
import { isGeneratedCode } from '../shared/generated.js';
import { constructedPerCallInProgram } from '../shared/program-owners.js';
import { fileStyle, screamingSnake } from '../shared/style.js';
import type { AnalysisContext } from '../context.js';
import type { Finding } from '../types.js';
import { buildModel, declaratorOf, MODEL_SELECTORS, ModelBuilder, type CollectionModel, type Target } from './model.js';
import { ConstantNames, rewriteTarget } from './rewrite.js';
import { classifyAlias, classifyReassignment, classifyRef, DEFAULT_GROWTH, DEFAULT_SHRINK, type ClassifyOptions, type Use } from './uses.js';
import { awaitsHumanEveryTurn, boundNames, decide, drivingFunction, HANDLER_CALLS, isOneTime, type Verdict } from './verdict.js';

export type { CollectionKind, Target } from './model.js';

/** Options of no-unbounded-collection (one options object; every property optional). */
export interface CollectionRuleOptions {
  /** Extra method names that add entries (e.g. `enqueue`, `append`). */
  readonly growthMethods?: readonly string[];
  /** Extra method names that remove entries (e.g. `evict`, `trim`, `drain`). */
  readonly shrinkMethods?: readonly string[];
  /** Regular expressions (source text) matched against the field/binding name; matches are skipped. */
  readonly ignore?: readonly string[];
  /** Extra names of methods that end the owner's life, besides `close`, `dispose`, `destroy`, `stop`, ... */
  readonly teardownMethods?: readonly string[];
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
  /** Extra names of methods that end the owner's life, besides `close`, `dispose`, `destroy`, `stop`, ... */
  readonly teardownMethods?: readonly string[];
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

interface UseTable {
  readonly options: ClassifyOptions;
  readonly byTarget: Map<Target, Use[]>;
  /** Verdicts per `checkLocals` setting (`null`: bounded), shared by the rules that judge a target. */
  readonly verdicts: [Map<Target, Verdict | null>, Map<Target, Verdict | null>];
}

interface FileState {
  readonly model: CollectionModel;
  /** Uses and verdicts per growth/shrink method options (the same table for every rule by default). */
  readonly uses: Map<string, UseTable>;
  /** Findings per rule and options, so the rule and a second call in the same lint share them. */
  readonly findings: Map<string, Finding[]>;
  /** Reference predicates per target, shared by the use classification and the rewrite. */
  readonly isRefs: Map<Target, (node: TSESTree.Node) => boolean>;
  /** Computed on the first module-level verdict only. */
  entryScript?: boolean;
  /** Computed on the first rewrite only. */
  sharedBases?: Set<string>;
}

const states = new WeakMap<TSESTree.Program, FileState>();
const builders = new WeakMap<TSESTree.Program, ModelBuilder>();

function stateOf(context: AnalysisContext): FileState {
  let state = states.get(context.ast);
  if (!state) {
    const builder = builders.get(context.ast);
    state = { model: builder ? builder.finish(context) : buildModel(context), uses: new Map(), findings: new Map(), isRefs: new Map() };
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
  if (states.has(ast) || builders.has(ast) || growthFree.has(ast)) return {};
  if (ast.tokens && !tokensMayGrow(ast.tokens)) {
    growthFree.add(ast);
    return {};
  }
  const builder = new ModelBuilder();
  builders.set(ast, builder);
  const visit = (node: TSESTree.Node): void => builder.visit(node);
  const listeners: Record<string, (node: TSESTree.Node) => void> = {};
  for (const selector of MODEL_SELECTORS) listeners[selector] = visit;
  return listeners;
}

/** Programs whose tokens show no growth at all (see {@link tokensMayGrow}): no model is built for them. */
const growthFree = new WeakSet<TSESTree.Program>();

/** Member names that add entries or build a longer value (`push`, `set`, `add`, `concat`, ...). */
const GROWTH_WORDS: ReadonlySet<string> = new Set([...DEFAULT_GROWTH, 'splice', 'concat']);

/** Punctuators through which something grows: `+=`, `+` (string concatenation), `??=`, `||=`, `...` (spread reassignment). */
const GROWTH_PUNCTUATORS: ReadonlySet<string> = new Set(['+=', '+', '??=', '||=', '...']);

/**
 * Whether a file's tokens may hold growth of any kind the family reports with default options: a
 * member named `push`/`unshift`/`set`/`add`/`splice`/`concat` (after `.`, `?.` or as `['push']`),
 * `+=`, `+`, `??=`, `||=`, `...`, an
 * index assignment (`]` then `=`), or a template literal with a substitution (`${this.s}...`). Every
 * growth the uses classification counts contains one of these, so a file without any has no finding
 * and its model is never built. A name written with a unicode escape answers true. Conservative by
 * construction; extra `growthMethods` are handled by {@link findingsForRule}, which builds the model
 * itself when one of their names appears. O(tokens), no allocation.
 */
function tokensMayGrow(tokens: readonly TSESTree.Token[]): boolean {
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    const value = token.value;
    switch (token.type) {
      case 'Punctuator':
        if (GROWTH_PUNCTUATORS.has(value)) return true;
        if (value === ']' && tokens[i + 1]?.value === '=') return true;
        break;
      case 'Identifier':
        if (GROWTH_WORDS.has(value) && (tokens[i - 1]?.value === '.' || tokens[i - 1]?.value === '?.')) return true;
        if (value.includes('\\')) return true;
        break;
      case 'Template':
        if (value.endsWith('${')) return true;
        break;
      case 'String':
        // `x['push'](y)`: a computed member call.
        if (tokens[i - 1]?.value === '[' && GROWTH_WORDS.has(value.slice(1, -1))) return true;
        break;
      default:
        break;
    }
  }
  return false;
}

function refSetOf(state: FileState, target: Target): (node: TSESTree.Node) => boolean {
  let isRef = state.isRefs.get(target);
  if (isRef) return isRef;
  const ends = new Map<number, number>();
  for (const ref of target.refs) ends.set(ref.range[0], ref.range[1]);
  if (target.ctorInit) ends.set(target.ctorInit.left.range[0], target.ctorInit.left.range[1]);
  isRef = (node) => {
    const value = unwrap(node);
    return ends.get(value.range[0]) === value.range[1];
  };
  state.isRefs.set(target, isRef);
  return isRef;
}

function useTable(context: AnalysisContext, state: FileState, growthExtra: readonly string[], shrinkExtra: readonly string[], teardownExtra: readonly string[]): UseTable {
  const key =
    growthExtra.length === 0 && shrinkExtra.length === 0 && teardownExtra.length === 0 ? '' : `${growthExtra.join(',')}|${shrinkExtra.join(',')}|${teardownExtra.join(',')}`;
  let table = state.uses.get(key);
  if (!table) {
    table = {
      options: {
        growth: growthExtra.length === 0 ? DEFAULT_GROWTH_SET : new Set([...DEFAULT_GROWTH, ...growthExtra]),
        shrink: shrinkExtra.length === 0 ? DEFAULT_SHRINK_SET : new Set([...DEFAULT_SHRINK, ...shrinkExtra]),
        scopeManager: context.scopeManager,
      },
      byTarget: new Map(),
      verdicts: [new Map(), new Map()],
    };
    state.uses.set(key, table);
  }
  return table;
}

const DEFAULT_GROWTH_SET: ReadonlySet<string> = new Set(DEFAULT_GROWTH);
const DEFAULT_SHRINK_SET: ReadonlySet<string> = new Set(DEFAULT_SHRINK);

function usesOf(state: FileState, table: UseTable, target: Target): Use[] {
  let uses = table.byTarget.get(target);
  if (!uses) {
    const isRef = refSetOf(state, target);
    uses = [];
    for (const ref of target.refs) classifyRef(ref, target.kind, isRef, table.options, uses);
    // `const { queue } = this`: the local is an alias of the field, as `const q = this.queue` is.
    for (const binding of target.destructured ?? []) {
      const declarator = declaratorOf(binding);
      if (declarator) classifyAlias(declarator, binding, target.kind, isRef, table.options, uses);
    }
    // `mgr._pending = []` through another instance resets the field the way `this._pending = []` does.
    for (const write of target.foreignWrites ?? []) {
      const reassignment = classifyReassignment(target.kind, write.right, isRef);
      if (reassignment?.kind === 'shrink') uses.push({ kind: 'shrink', how: 'reset through another instance', site: write });
    }
    table.byTarget.set(target, uses);
  }
  return uses;
}

/**
 * Test files (`*.test.ts`, `*.spec.js`, `__tests__/`, `__mocks__/`, `test/`, `tests/`, `testing/`, `e2e/`,
 * `playground/`, any `*-test/` or `*-tests/` folder — `integration-tests/`, `e2e-tests/`, `runtime-tests/`
 * — and any `test-<name>/` folder — `test-servers/`, `test-utils/` — and test doubles: a `mocks/` or
 * `fakes/` folder, a `mock-gateway.ts` or `*.mock.ts` file): a test process lives for one run,
 * and recording mocks (`sent.push(message)`) are their point. Skipped unless `checkTestFiles`. A
 * `fixtures/` tree under `tests/` is test input too — a test app's graph (langgraphjs
 * `src/tests/fixtures/`) or a linter's deliberately leaky samples — and a `playground/` holds manual and
 * end-to-end test apps (vite, colyseus). A `fakes/` folder holds fake clients for tests (ably-js
 * `react-hooks/src/fakes/ably.ts`), and a file named `test_*` / `test-*` is a test harness (nats.js
 * `nst/src/test_server.ts`, a NATS server started by the tests): the word must start the file name
 * (`testimony.ts`, `contest-server.ts` are not test code). Type tests are test code too: tsd's
 * `*.test-d.ts` and the dtslint convention `tests.ts` / `<name>-tests.ts` (kafkajs `types/tests.ts`),
 * which only the type checker reads. Fresh review 8 added `__test__/` (peerjs' fakes), `__e2e__/` and
 * `__fixtures__/`, a `fixtures/` folder anywhere (workers-sdk's test projects), a `*-testing/`
 * package of test helpers (botbuilder-js' `botbuilder-dialogs-adaptive-testing/`), a module named
 * `fakes.ts` or `mocks.ts` (a tutorial's stand-in services), and benchmarks: a `benchmark/`,
 * `benchmarks/` or `bench/` folder or a `*.bench.ts` file is a harness run to measure code and exit
 * (undici's `benchmarks/`). Fresh review 9 added the Jasmine and RSpec-style `spec/` and `specs/` folders and
 * `*_spec.js` files (faye's `spec/javascript/server/subscribe_spec.js`, a fresh server per test), and a
 * `testcontainers/` package (trigger.dev's harness that starts the web app for its tests).
 */
export const TEST_FILE =
  /(?:^|[\\/])(?:__(?:tests?|mocks|e2e|fixtures)__|mocks?|fakes?|fixtures?|testing|e2e|test|tests|specs?|testcontainers|playground|benchmarks?|bench|[\w.-]+-tests?|[\w.-]+-testing(?:-[\w.-]+)?|tests?-[\w.-]+)[\\/]|(?:\.(?:test|spec|e2e-spec|mocks?|test-d|bench)|_spec)\.[cm]?[jt]sx?$|(?:^|[\\/])(?:mock[-_.]|test[-_])[^\\/]*$|(?:^|[\\/])(?:[\w.]+-)?tests\.[cm]?[jt]sx?$|(?:^|[\\/])(?:fakes?|mocks?)\.[cm]?[jt]sx?$/i;

/**
 * Setup and teardown files of test runners (`vitestSetup.ts`, `vitest.setup.ts`, `jest.global-setup.js`,
 * `setupTests.ts`, `playwright.setup.ts`): test code outside the test folders (vite's `playground/vitestSetup.ts`).
 * Also the runner's other support modules named after it (`vitest.snapshot.ts`, `jest.resolver.js`,
 * `vitest.stack-trace-serializer.ts`), which its configuration loads into the test process (botpress'
 * llmz package; fresh review 14).
 * Out of scope for both families, like {@link TEST_FILE}.
 */
export const TEST_SETUP_FILE =
  /(?:^|[\\/])(?:vitest|jest|playwright|mocha|test)[._-]?(?:global[._-]?)?(?:setup|teardown)[^\\/]*$|(?:^|[\\/])setup[._-]?tests?\.[^\\/]*$|(?:^|[\\/])(?:vitest|jest)\.[\w.-]+\.[cm]?[jt]sx?$/iu;

/**
 * Files that run once and exit: build and release scripts (`scripts/`, or `.scripts/` as pubnub's
 * JavaScript SDK names its build scripts; fresh review 14), tool configuration (`vite.config.ts`,
 * `.vitepress/config.ts`). Their collections die with the process.
 */
const ONE_SHOT_FILE = /(?:^|[\\/])(?:\.?scripts|\.vitepress)[\\/]|\.config\.[cm]?[jt]s$/i;

/**
 * Code copied from another project (`vendor/`, `vendored/`, `third_party/`, `third-party/`): not this
 * project's to fix, and a report there cannot be acted on here (voltagent's vendored zod-to-openapi).
 * Build output is the same case (`dist/`, `*-dist/` such as socket.io's `client-dist/`, `dist-` folders such
 * as rivet's example `dist-server/` bundle, `*.min.js`): a
 * bundle is regenerated from the sources, where the report belongs, and a bundler's module wrappers
 * hide what the sources show (pusher-js commits its webpack bundles, whose module-level singletons sit
 * inside a function). Out of scope for both families; lint the upstream project or the sources instead.
 */
export const VENDORED_FILE = /(?:^|[\\/])(?:vendor|vendored|third[_-]party|(?:[\w.]+-)?dist(?:-[\w.]+)?)[\\/]|\.min\.[cm]?js$/i;

/**
 * True when a rule of the family reports nothing in this file whatever it contains (a test file without
 * `checkTestFiles`, a script, a tool configuration, vendored code): the rules then skip the file without
 * listening.
 */
export function isOutOfScope(filename: string, ruleOptions: Record<string, unknown> = {}, cwd?: string): boolean {
  const kind = pathKind(filename, cwd);
  return (ruleOptions.checkTestFiles !== true && kind.test) || kind.oneShot || kind.vendored;
}

/**
 * `filename` relative to `cwd` (ESLint's working directory, the codemod's) when it lies inside it, else
 * unchanged. The path patterns ({@link TEST_FILE}, ...) describe the project's own folders: a checkout
 * under `/var/jenkins/workspace/api-test/` or `/home/me/tests/app/` must not make every file of the
 * project a test file (which silenced every rule). O(path length).
 */
function inProject(filename: string, cwd: string | undefined): string {
  if (!cwd || !filename.startsWith(cwd)) return filename;
  const rest = filename.slice(cwd.length);
  if (cwd.endsWith('/') || cwd.endsWith('\\')) return rest;
  return rest.startsWith('/') || rest.startsWith('\\') ? rest.slice(1) : filename;
}

/** What a file's path says about its code, for the scope checks of both families. */
export interface PathKind {
  /** {@link TEST_FILE} or {@link TEST_SETUP_FILE}. */
  readonly test: boolean;
  /** A script or tool configuration ({@link ONE_SHOT_FILE}). */
  readonly oneShot: boolean;
  /** Vendored code or build output ({@link VENDORED_FILE}). */
  readonly vendored: boolean;
}

/**
 * The {@link PathKind} of the file at `absolute`, read inside the project: relative to `cwd` when the
 * file lies under it ({@link inProject}). Every rule of both families asks twice per file (create and
 * `Program:exit`): the path is tested once per file. O(path length).
 */
export function pathKind(absolute: string, cwd?: string): PathKind {
  const filename = inProject(absolute, cwd);
  if (filename !== lastPath.filename) {
    lastPath = {
      filename,
      kind: {
        test: TEST_FILE.test(filename) || TEST_SETUP_FILE.test(filename),
        oneShot: ONE_SHOT_FILE.test(filename),
        vendored: VENDORED_FILE.test(filename),
      },
    };
  }
  return lastPath.kind;
}

let lastPath: { readonly filename: string; readonly kind: PathKind } = { filename: '', kind: { test: false, oneShot: false, vendored: false } };

/**
 * A collection named as a test double (`mockCalendar`, `fakeUsers`, `stubResponses`, `MOCK_DB`) holds
 * stand-in data by its own name: a demo's database or a test's recordings (voltagent's example tools).
 */
const TEST_DOUBLE_BINDING = /^[#_]*(?:[mM]ock|[fF]ake|[sS]tub|[dD]ummy|MOCK|FAKE|STUB|DUMMY)(?:[A-Z_]|s?$)/;

/**
 * Classes whose instances, by naming convention, live for one operation (one parse, one request, one
 * build; a `*Result` is the result object of one call; a `*Transaction`, `*Batch` or `*Command` queues
 * the commands of one `exec()`, as node-redis' `RedisMultiCommand` and bullmq's `BunRedisTransaction`; a
 * `*Handle` (or `*HandleImpl`) is the handle of one running operation: agents-js' `SpeechHandle` of one
 * reply, E2B's `CommandHandle` of one command, langgraph's `MediaHandleImpl` of one media item; an
 * `*Error` is thrown by one failed call, as mongoose's `SetOptionError` collecting the bad options of one
 * `set()`, fresh review 11; an `*Aggregator` or a `*Span` gathers the chunks of one traced call, as
 * openinference's Bedrock `AgentTraceAggregator` and `AgentChunkSpan`, fresh review 17; a `*Hash` or
 * `*Hasher` digests the input of one hash, as Node's `crypto.createHash()` makes one per digest: ax's
 * `Hash` and LaunchDarkly's `BrowserHasher`, fresh reviews 18 and 19; a `*Run` is one run of a flow
 * or an agent, as modelfusion's `DefaultRun` made per run, fresh review 19; a `*Runner` that serves
 * many runs is not one; a `*RequestContext`, `*TurnContext`, `*CallContext` or `*InvocationContext`
 * is the context of one request, conversation turn or call, as the Bot Framework's `TurnContext` that an
 * adapter makes per incoming activity, fresh review 20; a plain `*Context` may live for the process):
 * their fields
 * hold that operation's data and are dropped with the instance. Reported only with
 * `checkShortLivedClasses`. A `*Handler` is not one of them (a handler object serves many calls).
 */
const SHORT_LIVED_CLASS =
  /(?:Builder|Parser|Validator|Accumulator|Aggregator|Collector|Recorder|Visitor|Serializer|Formatter|Printer|Compiler|Transformer|Wrapper|Container|Request|Response|Result|Iterator|Reader|Writer|Transaction|Batch|Command|Handle(?:Impl)?|Error|Span|Hash(?:er)?|Run|(?:Request|Turn|Call|Invocation)Context)$/;

/** What a class's name and shape say about the lifetime of its instances; decided once per class. */
interface ClassJudgement {
  readonly testDouble: boolean;
  readonly shortLivedName: boolean;
  /** Observer or producer of one stream, or made per call (computed on first need). */
  shortLivedShape?: boolean;
  /** Made per call by every construction in the type-checked program (computed on first finding; see {@link constructedPerCallElsewhere}). */
  perCallInProgram?: boolean;
}

const classJudgements = new WeakMap<ClassNode, ClassJudgement>();

function judgeClass(classNode: ClassNode): ClassJudgement {
  let judgement = classJudgements.get(classNode);
  if (!judgement) {
    const name = classNode.id?.name;
    judgement = {
      testDouble: name !== undefined && TEST_DOUBLE.test(name),
      shortLivedName: (name !== undefined && SHORT_LIVED_CLASS.test(name)) || heritageNames(classNode).some((base) => SHORT_LIVED_CLASS.test(base)),
    };
    classJudgements.set(classNode, judgement);
  }
  return judgement;
}

/**
 * The names a class extends and implements (`extends TypeBuilder`, `implements BasicBuilder`,
 * `extends base.Parser<T>`): a subclass or an implementation of a per-operation type is one too, as
 * composio's code-generation builders `ClassDeclaration extends TypeBuilder` and `File implements
 * BasicBuilder` (fresh review 17). O(heritage clauses).
 */
function heritageNames(classNode: ClassNode): string[] {
  const names: string[] = [];
  const add = (expression: TSESTree.Node): void => {
    const node = unwrap(expression);
    const name = node.type === 'Identifier' ? node.name : node.type === 'MemberExpression' ? memberName(node) : undefined;
    if (name) names.push(name);
  };
  if (classNode.superClass) add(classNode.superClass);
  for (const clause of classNode.implements ?? []) add(clause.expression);
  return names;
}

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

type ClassNode = NonNullable<Target['classNode']>;

/**
 * A class that is itself an async iterable — an `[Symbol.asyncIterator]()` method, or `implements
 * AsyncIterable<...>` — is a stream: one `for await` consumes it, and its collections hold that stream's
 * data (anthropic-sdk's and openai-node's `MessageStream` / `AssistantStream`, one per request, keep the
 * messages read by `finalMessage()`). Reported only with `checkShortLivedClasses`. O(class members).
 */
function isAsyncIterable(classNode: ClassNode): boolean {
  if (classNode.implements.some((clause) => clause.expression.type === 'Identifier' && clause.expression.name === 'AsyncIterable')) return true;
  return classNode.body.body.some(
    (member) =>
      member.type === 'MethodDefinition' &&
      !member.static &&
      member.computed &&
      member.key.type === 'MemberExpression' &&
      member.key.object.type === 'Identifier' &&
      member.key.object.name === 'Symbol' &&
      memberName(member.key) === 'asyncIterator',
  );
}

/** Fields that hold the writing end of one stream: `controller`, `writer`, `streamController`, `_writer`. */
const STREAM_HANDLE = /(?:^|[_a-z])(?:[Cc]ontroller|[Ww]riter)$/;

/** Methods that end the processing of a stream. */
const STREAM_END = /^(?:flush|finish|end|close|complete|finali[sz]e)$/;

const streamProducers = new WeakMap<ClassNode, boolean>();

/**
 * A producer of one stream: the class keeps the writing end of a stream — a `controller` or `writer`
 * field set from a constructor parameter (`new ToolCallTracker(controller)` in a `TransformStream`'s
 * `start`, a `private writer` parameter property) or from `getWriter()` — and ends it: it has a
 * `flush()`/`finish()`/`end()`/`close()`/`complete()`/`finalize()` method, or closes the handle
 * (`this.writer.close()`). An instance is made for one stream (a stream has one controller and one
 * writer) and nothing writes to it once the stream is closed, so its collections hold that stream's
 * state and die with it. A long-lived service that merely owns an `AbortController` it created
 * itself is not matched (the handle must be handed in or taken from a stream). Reported only with
 * `checkShortLivedClasses`. O(constructor statements + class members + `close`/`end` calls); cached
 * per class.
 */
function producesOneStream(classNode: ClassNode, model: CollectionModel): boolean {
  let known = streamProducers.get(classNode);
  if (known !== undefined) return known;
  known = false;
  const handles = new Set<string>();
  const members = classNode.body.body;
  const ctor = members.find((m): m is TSESTree.MethodDefinition => m.type === 'MethodDefinition' && m.kind === 'constructor');
  const params = new Set<string>();
  for (const param of ctor?.value.params ?? []) {
    const name = parameterName(param);
    if (name === undefined) continue;
    params.add(name);
    if (param.type === 'TSParameterProperty' && STREAM_HANDLE.test(name)) handles.add(name);
  }
  const fromStream = (value: TSESTree.Node): boolean => {
    const rhs = unwrap(value);
    if (rhs.type === 'Identifier') return params.has(rhs.name);
    return rhs.type === 'CallExpression' && rhs.callee.type === 'MemberExpression' && memberName(rhs.callee) === 'getWriter';
  };
  for (const statement of ctor?.value.body?.body ?? []) {
    if (statement.type !== 'ExpressionStatement') continue;
    const assignment = unwrap(statement.expression);
    if (assignment.type !== 'AssignmentExpression' || assignment.left.type !== 'MemberExpression' || assignment.left.object.type !== 'ThisExpression') continue;
    const name = memberName(assignment.left);
    if (name !== undefined && STREAM_HANDLE.test(name) && fromStream(assignment.right)) handles.add(name);
  }
  for (const member of members) {
    if (member.type === 'PropertyDefinition' && member.value && !member.static && member.key.type === 'Identifier' && STREAM_HANDLE.test(member.key.name) && fromStream(member.value)) {
      handles.add(member.key.name);
    }
  }
  if (handles.size > 0) {
    known = members.some((m) => m.type === 'MethodDefinition' && m.kind === 'method' && !m.static && m.key.type === 'Identifier' && STREAM_END.test(m.key.name));
    if (!known) {
      const [start, end] = classNode.range;
      known = [...model.callsNamed('close'), ...model.callsNamed('end')].some((call) => {
        if (call.range[0] < start || call.range[1] > end) return false;
        const callee = unwrap(call.callee);
        if (callee.type !== 'MemberExpression') return false;
        const handle = unwrap(callee.object);
        return handle.type === 'MemberExpression' && handle.object.type === 'ThisExpression' && handles.has(memberName(handle) ?? '');
      });
    }
  }
  streamProducers.set(classNode, known);
  return known;
}

const perCallClasses = new WeakMap<ClassNode, boolean>();

/**
 * A class made once per call, in this file: not exported, used as a value only in `new C(...)`
 * outside its own body, and every such construction runs in a function called repeatedly (not at
 * module top level, not in a constructor or start-up method) and lands in one slot that the next
 * call replaces — an unconditional assignment (`this.waiter = new LogWaiter()`) or a local only
 * used through its members. Each instance serves one call (the log waiter of one request) and is
 * dropped with the next, so its fields hold that call's data. A factory that returns the instance
 * (`export function io() { return new Socket() }`: the caller keeps it), a lazily created singleton
 * (`if (!this.parser) this.parser = new P()`, `??=`) and an instance stored in a collection
 * (`sessions.set(id, new Session())`) stay candidates. Reported only with `checkShortLivedClasses`.
 * O(references of the class name); cached per class.
 */
function constructedPerCall(classNode: ClassNode, context: AnalysisContext): boolean {
  let known = perCallClasses.get(classNode);
  if (known !== undefined) return known;
  known = false;
  const parent = parentOf(classNode);
  if (classNode.type === 'ClassDeclaration' && classNode.id && parent?.type !== 'ExportNamedDeclaration' && parent?.type !== 'ExportDefaultDeclaration') {
    let constructions = 0;
    let perCall = true;
    for (const variable of context.scopeManager.getDeclaredVariables(classNode)) {
      for (const ref of variable.references) {
        if (!ref.isValueReference) continue;
        const id = ref.identifier as TSESTree.Node;
        if (id.range[0] >= classNode.range[0] && id.range[1] <= classNode.range[1]) continue;
        const call = parentOf(id);
        if (call?.type !== 'NewExpression' || call.callee !== id || !replacedPerCall(call, classNode, context)) {
          perCall = false;
          break;
        }
        constructions++;
      }
      if (!perCall) break;
    }
    known = perCall && constructions > 0;
  }
  perCallClasses.set(classNode, known);
  return known;
}

/**
 * {@link constructedPerCall} across files, when the caller has a type-checked program: every
 * construction of the class in the program's non-test files makes a per-call instance (gemini-cli's
 * `Turn`, made in `client.ts` for each message). Asked only for a class that has a finding, after the
 * verdict, since it reads every file of the program that names the class (memoised per program and class).
 */
function constructedPerCallElsewhere(classNode: ClassNode, context: AnalysisContext): boolean {
  const tsClass = context.types?.esTreeNodeToTSNodeMap.get(classNode);
  if (!tsClass || !(ts.isClassDeclaration(tsClass) || ts.isClassExpression(tsClass))) return false;
  return constructedPerCallInProgram(tsClass, context.types!.program, (fileName) => {
    const kind = pathKind(fileName, context.cwd);
    return kind.test || kind.vendored;
  });
}

/**
 * Whether the instance made by `construction` is kept in one slot the next call replaces (see
 * {@link constructedPerCall}), or serves one method call and is dropped (`return new
 * RefCountUpdates(heads, chunks, delegate).compute()`: replicache's garbage collector; fresh review 14)
 * when no method of the class returns `this`.
 */
function replacedPerCall(construction: TSESTree.NewExpression, classNode: ClassNode, context: AnalysisContext): boolean {
  if (isOneTime(construction)) return false;
  const expr = outermost(construction);
  const slot = parentOf(expr);
  if (!slot) return false;
  if (slot.type === 'MemberExpression' && slot.object === expr) {
    const use = parentOf(slot);
    return use?.type === 'CallExpression' && use.callee === slot && !RETURNS_THIS.test(textOf(context.text, classNode.body));
  }
  if (slot.type === 'AssignmentExpression' && slot.right === expr && slot.operator === '=') {
    // Lazy creation (`if (!this.x) this.x = new C()`) keeps the first instance for good.
    const slotText = textOf(context.text, slot.left);
    const fn = drivingFunction(slot);
    for (let up = parentOf(slot); up && up !== fn; up = parentOf(up)) {
      if ((up.type === 'IfStatement' || up.type === 'ConditionalExpression' || up.type === 'LogicalExpression') && textOf(context.text, up.type === 'LogicalExpression' ? up.left : up.test).includes(slotText)) {
        return false;
      }
    }
    return true;
  }
  if (slot.type === 'VariableDeclarator' && slot.init === expr && slot.id.type === 'Identifier') {
    const variable = context.scopeManager.getDeclaredVariables(slot)[0];
    return !!variable && usedThroughMembers(variable, context, 0);
  }
  return false;
}

/**
 * Whether every use of a local (or parameter) that holds an instance reads a member of it
 * (`tracker.start()`), or hands it to a function declared in this file whose parameter at that
 * position is used the same way, at most three calls deep: openlit's Claude agent wrapper makes a
 * `SubagentSpanTracker` per query and passes it to the helpers that process that query's messages,
 * which only call its methods (fresh review 21). A parameter that is reassigned, destructured,
 * defaulted or stored, and a call to a function declared elsewhere, end the chain.
 * O(references along the chain).
 */
function usedThroughMembers(variable: TSESLint.Scope.Variable, context: AnalysisContext, depth: number): boolean {
  return variable.references.every((ref) => {
    if (ref.init) return true;
    const id = ref.identifier as TSESTree.Node;
    const use = parentOf(id);
    if (use?.type === 'MemberExpression' && use.object === id) return true;
    if (depth >= 3 || use?.type !== 'CallExpression' || use.callee === id) return false;
    const index = use.arguments.indexOf(id as TSESTree.Expression);
    const callee = unwrap(use.callee);
    if (index < 0 || callee.type !== 'Identifier') return false;
    const def = variableOf(context.scopeManager, callee)?.defs[0];
    const fn = def?.type === 'FunctionName' ? def.node : def?.type === 'Variable' && def.parent.kind === 'const' ? def.node.init : undefined;
    if (!fn || !isFunction(fn)) return false;
    const param = fn.params[index];
    if (param?.type !== 'Identifier') return false;
    const inner = context.scopeManager.getDeclaredVariables(fn).find((v) => v.defs.some((d) => d.name === param));
    return !!inner && usedThroughMembers(inner, context, depth + 1);
  });
}

/** `return this`: a method that hands the instance on (a fluent API), so a call on a new instance may keep it. */
const RETURNS_THIS = /\breturn\s+this\s*(?:[;}\n]|$)/u;

/** Methods that end the owner's life: their loop over a collection releases what it holds. */
const TEARDOWN = /^(?:close|dispose|destroy|stop|shutdown|disconnect|teardown|terminate|cleanup|cleanUp|unmount|detach|asyncDispose)$/;

/** Calls that release one live resource (`watch.close()`, `sub.unsubscribe()`, `timer.unref()` is not one). */
const RELEASE = 'close|dispose|destroy|unsubscribe|abort|stop|cancel|end|disconnect|terminate|release|kill|off|unobserve|unwatch|removeListener|removeEventListener';

/**
 * Names of a collection of connections, sockets, clients, peers or sessions (`clients`, `_connections`,
 * `#sockets`, `peerConns`): resources that the other side ends (a client disconnects, a session times
 * out) while the owner lives, not only the owner's teardown. A teardown that closes every entry
 * (`for (const c of this.clients) c.close()`) does not bound such a registry: without a removal when
 * each one ends, closed entries stay until the owner stops. That is the websocket hub's leak (a
 * `'connection'` handler adds each socket, nothing deletes it on `'close'`), and rsocket-js's server
 * shipped it (`this._connections.add(serverMachine)`, released only in `stop()`; fixed in 90e70580,
 * held-out recall of session 20).
 */
const PEER_ENDED = /(?:connections?|conns?|sockets?|clients?|peers?|sessions?)$/i;

/**
 * A registry of live resources: the owner's teardown method (`close()`, `dispose()`, `destroy()`,
 * `stop()`, `[Symbol.dispose]()`, ..., and the rule's `teardownMethods`) loops over the collection (`for (const w of this.watches)`,
 * `this.subs.forEach((s) => ...)`, `.values()`) and releases each entry (`w.close()`,
 * `s.unsubscribe()`, an optional call `t.close?.()`, an internal `c._close()`). Every entry is then an open subscription, watcher or connection the owner
 * keeps until its end: the collection is as large as the number of resources still open, and an
 * entry is not garbage while its resource is live (a resource never closed is no-leaked-listener's
 * concern). Not for resources the other side ends ({@link PEER_ENDED}). O(references × loop body).
 */
function releasedAtTeardown(context: AnalysisContext, target: Target, teardownExtra: readonly string[]): boolean {
  if (target.kind === 'string' || target.kind === 'record') return false;
  if (PEER_ENDED.test(target.name)) return false;
  for (const ref of target.refs) {
    let expr = outermost(ref);
    let parent = parentOf(expr);
    let names: string[] = [];
    let body: TSESTree.Node | undefined;
    if (parent?.type === 'MemberExpression' && parent.object === expr && memberName(parent) === 'values') {
      const call = parentOf(parent);
      if (call?.type !== 'CallExpression' || call.callee !== parent) continue;
      expr = outermost(call);
      parent = parentOf(expr);
    }
    if (parent?.type === 'ForOfStatement' && parent.right === expr) {
      names = boundNames(parent.left);
      body = parent.body;
    } else if (parent?.type === 'MemberExpression' && parent.object === expr && memberName(parent) === 'forEach') {
      const call = parentOf(parent);
      const callback = call?.type === 'CallExpression' ? call.arguments[0] : undefined;
      if (callback?.type !== 'ArrowFunctionExpression' && callback?.type !== 'FunctionExpression') continue;
      const first = callback.params[0];
      if (first) names = boundNames(first);
      body = callback.body;
    }
    if (!body || names.length === 0) continue;
    const fn = enclosingFunction(parent!);
    const method = fn && parentOf(fn);
    if (method?.type !== 'MethodDefinition') continue;
    const key = method.key;
    const methodName = key.type === 'Identifier' ? key.name : key.type === 'MemberExpression' ? memberName(key) : undefined;
    if (!methodName || !(TEARDOWN.test(methodName) || teardownExtra.includes(methodName))) continue;
    const bodyText = textOf(context.text, body);
    for (const raw of names) {
      const name = raw.replace(/\$/g, '\\$');
      if (new RegExp(`(?<![\\w$.])${name}\\s*\\??\\.\\s*_?(?:${RELEASE})\\s*(?:\\?\\.\\s*)?\\(|\\b(?:clearInterval|clearTimeout)\\(\\s*${name}\\b`).test(bodyText)) return true;
    }
  }
  return false;
}

/**
 * A Map, Set or record that one public method fills and another public method reads back by key
 * (`mask()` stores each masked value, `unmask()` looks it up): the class answers lookups across
 * calls, which a per-operation object does not do, so a per-operation class name (`MaskingParser`)
 * says nothing about its lifetime. O(uses).
 */
function servesLookupsAcrossCalls(target: Target, uses: readonly Use[]): boolean {
  if (target.kind !== 'map' && target.kind !== 'set' && target.kind !== 'record') return false;
  const publicMethod = (site: TSESTree.Node): TSESTree.MethodDefinition | undefined => {
    const fn = drivingFunction(site);
    const method = fn && parentOf(fn);
    if (method?.type !== 'MethodDefinition' || method.kind !== 'method' || method.key.type === 'PrivateIdentifier') return undefined;
    return method.accessibility === 'private' || method.accessibility === 'protected' ? undefined : method;
  };
  const fillers = new Set<TSESTree.MethodDefinition>();
  for (const use of uses) {
    if (use.kind !== 'growth' || use.nested) continue;
    const method = publicMethod(use.site);
    if (method) fillers.add(method);
  }
  if (fillers.size === 0) return false;
  return uses.some((use) => {
    if (use.kind !== 'lookup' || use.nested) return false;
    const method = publicMethod(use.site);
    return method !== undefined && !fillers.has(method);
  });
}

/**
 * Registries of things defined in code (plugins, processors, handlers, routes, tools, ...): they grow
 * with the program, not with traffic. Exempt unless a growth key looks like a per-entity id.
 */
const REGISTRY_NAME =
  /(?:plugin|processor|handler|listener|middleware|route|pattern|method|hook|extension|provider|interceptor|subscriber|observer|formatter|rule|command|tool|schema|resolver|factory|factories|strateg(?:y|ies)|adapter|driver|loader|reducer|decorator|directive|component|context|module|namespace|nsp|transport|codec|serializer|validator)s?$/i;

/** A key that names one of many runtime entities (a session id, a token, a URL): not a registry. */
const ENTITY_KEY = /(?:id|key|token|url|uri|hash|path|sid)$/i;

function isRegistry(target: Target, growth: readonly Use[], text: string, uses: readonly Use[]): boolean {
  if (!registryNamed(target) && !holdsFunctions(target, uses)) return false;
  return !growth.some((use) => use.key !== undefined && ENTITY_KEY.test(writtenKeyName(use.key, text)));
}

function registryNamed(target: Target): boolean {
  return REGISTRY_NAME.test(target.name.replace(/^[#_]+/, '').replace(/(?:By|For|Per)[A-Z].*$/, ''));
}

/** The name a key is written with: `label` for `label` and `route.label`; '' for anything else. */
function writtenKeyName(key: TSESTree.Node, text: string): string {
  const k = unwrap(key);
  return k.type === 'Identifier' ? k.name : k.type === 'MemberExpression' ? text.slice(k.property.range[0], k.property.range[1]) : '';
}

/**
 * A companion of a registry: every growth of the target is keyed like a growth of a registry-named
 * collection of the same owner in the same function — `addHandler(label, handler, options) {
 * this.#routes.set(label, handler); if (options.timeoutSecs) this.#timeouts.set(label, ...) }` (crawlee's
 * router; fresh review 8). It holds one more fact per registered thing, so it grows with the program
 * like the registry ({@link isRegistry}), and an entity-like key (`sessionId`) keeps it a candidate.
 * O(growth sites × targets of the file).
 */
function isRegistryCompanion(target: Target, growth: readonly Use[], text: string, uses: (other: Target) => readonly Use[], targets: readonly Target[]): boolean {
  if (growth.length === 0) return false;
  return growth.every((use) => {
    if (!use.key || use.nested || ENTITY_KEY.test(writtenKeyName(use.key, text))) return false;
    const fn = enclosingFunction(use.site);
    const key = textOf(text, use.key);
    return targets.some(
      (other) =>
        other !== target &&
        other.classNode === target.classNode &&
        other.scope === target.scope &&
        registryNamed(other) &&
        uses(other).some((o) => o.kind === 'growth' && !o.nested && o.key !== undefined && enclosingFunction(o.site) === fn && textOf(text, o.key) === key),
    );
  });
}

/**
 * A list or set declared to hold functions — `shutdownCallbacks: (() => Promise<void>)[]`,
 * `new Set<() => void>()`, by annotation or by the type arguments of its construction — is a registry of
 * behaviour the program registers (callbacks, entry points), like the names in {@link REGISTRY_NAME}
 * (livekit agents-js `addShutdownCallback()`). One read by index (`this.tasks[i]()`) is a work queue
 * instead, and a Map from keys to functions may be a memo of compiled code (`compiled.set(source, fn)`):
 * both stay candidates. O(uses).
 */
function holdsFunctions(target: Target, uses: readonly Use[]): boolean {
  if (target.kind !== 'array' && target.kind !== 'set') return false;
  if (uses.some((use) => use.kind === 'lookup' && !use.nested)) return false;
  const type = target.annotation;
  if (type?.type === 'TSArrayType') return type.elementType.type === 'TSFunctionType';
  let args: readonly TSESTree.TypeNode[] | undefined;
  if (type?.type === 'TSTypeReference') args = type.typeArguments?.params;
  else if (!type && target.init) {
    const init = unwrap(target.init);
    if (init.type === 'NewExpression') args = init.typeArguments?.params;
  }
  return args?.[0]?.type === 'TSFunctionType';
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
 * A top-level statement that runs the program to its end: a top-level `await` (or `for await`), a
 * loop whose every turn awaits a person ({@link awaitsHumanEveryTurn}: an interactive chat), or a
 * call statement of a module function (`main()`, `run(async () => ...)`, `main().catch(...)`).
 */
function runsToCompletion(statement: TSESTree.ProgramStatement): boolean {
  if (statement.type === 'VariableDeclaration') return statement.declarations.some((d) => d.init !== null && unwrap(d.init).type === 'AwaitExpression');
  if (statement.type === 'ForOfStatement') return statement.await;
  // a top-level chat loop that awaits a person every turn (botpress' llmz examples; fresh review 14)
  if (statement.type === 'WhileStatement' || statement.type === 'ForStatement') return awaitsHumanEveryTurn(statement);
  if (statement.type !== 'ExpressionStatement') return false;
  return unwrap(statement.expression).type === 'AwaitExpression' || entryCall(statement) !== undefined;
}

/** `process.exit(...)`, as written (spaces aside). */
function isProcessExit(text: string, call: TSESTree.CallExpression): boolean {
  return textOf(text, call.callee).replace(/\s/g, '') === 'process.exit';
}

/** The function a top-level call statement runs: `main` of `main()`, `main().catch(...)`, `main().then(...)`. */
function entryCall(statement: TSESTree.ProgramStatement): string | undefined {
  if (statement.type !== 'ExpressionStatement') return undefined;
  let node = unwrap(statement.expression);
  // `main().catch(...)`, `main().then(...)`: look through the promise handlers.
  while (node.type === 'CallExpression' && node.callee.type === 'MemberExpression' && ['catch', 'then', 'finally'].includes(memberName(node.callee) ?? '')) {
    node = unwrap(node.callee.object);
  }
  if (node.type !== 'CallExpression') return undefined;
  const callee = unwrap(node.callee);
  return callee.type === 'Identifier' ? callee.name : undefined;
}

/**
 * Whether the program ends itself when its work is done: the module's last statement is
 * `process.exit(...)`, or a top-level call statement runs a module function whose last statement is
 * (`async function main() { ...; process.exit(0); }` then `main().catch(...)`). It does so even when it
 * started a server for that work (a2a-js' compat-client sample starts an in-process webhook receiver, runs
 * its demos and exits, fresh review 17; posthog-js' MCP harness probes start test servers on port 0 and
 * exit with the result, fresh review 18). O(top-level statements).
 */
function mainEndsProcess(context: AnalysisContext): boolean {
  const body = context.ast.body;
  const exits = (statement: TSESTree.Node | undefined): boolean =>
    statement?.type === 'ExpressionStatement' && statement.expression.type === 'CallExpression' && isProcessExit(context.text, statement.expression);
  // the module's own last statement, declarations aside (posthog-js' MCP harness probes: top-level
  // awaits that start a test server on port 0, then `process.exit(passed === results.length ? 0 : 1)`)
  if (exits(body.findLast((st) => st.type !== 'FunctionDeclaration' && st.type !== 'ClassDeclaration' && !st.type.startsWith('TS')))) return true;
  const called = new Set(body.map(entryCall).filter((name) => name !== undefined));
  if (called.size === 0) return false;
  return body.some((statement) => {
    let fn: TSESTree.Node | null | undefined;
    if (statement.type === 'FunctionDeclaration' && statement.id && called.has(statement.id.name)) fn = statement;
    else if (statement.type === 'VariableDeclaration') {
      const declarator = statement.declarations.find((d) => d.id.type === 'Identifier' && called.has(d.id.name));
      fn = declarator?.init && unwrap(declarator.init);
    }
    if (fn?.type !== 'FunctionDeclaration' && fn?.type !== 'FunctionExpression' && fn?.type !== 'ArrowFunctionExpression') return false;
    return fn.body.type === 'BlockStatement' && exits(fn.body.body.at(-1));
  });
}

/**
 * An entry script: a module that exports nothing (no `export`, no `module.exports` / `exports.x =`),
 * runs to completion from its top level (see {@link runsToCompletion}) and starts no server
 * (`createServer(...)`, `serve(...)`, `app.listen(port)`: a `listen` call whose first argument is a
 * number or a port-named value). Such a file is a program run once by one user — an example client,
 * a CLI chat loop, a runnable doc snippet — and its module-level collections live for that one run
 * (a chat history, output captured for printing). A server start does not count when the called
 * function ends by exiting the process ({@link mainEndsProcess}). A module that only registers handlers
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
  runs ||= model.callsNamed('exit').some((call) => isProcessExit(context.text, call));
  if (!runs || /\bmodule\.exports\b|\bexports\.[\w$]+\s*=/.test(context.text)) return false;
  if (mainEndsProcess(context)) return true;
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

/** The `ignore` patterns compiled, once per pattern text; at most 64 are kept (an editor's long-lived process may see many option sets). */
const ignorePatterns = new Map<string, RegExp>();

function ignored(patterns: readonly string[] | undefined, name: string): boolean {
  if (!patterns || patterns.length === 0) return false;
  return patterns.some((pattern) => {
    let re = ignorePatterns.get(pattern);
    if (!re) {
      re = new RegExp(pattern);
      if (ignorePatterns.size < 64) ignorePatterns.set(pattern, re);
    }
    return re.test(name);
  });
}

/**
 * The words an unbounded context of a local is written with (see `unboundedContext` in verdict.ts):
 * `for await`, any `while` loop (its test may be wrapped: `while ((true))`), a `for` whose test is
 * empty (`for (;;)`, `for (let i = 0; ; i++)`, block comments allowed), or a call registering a
 * long-lived handler by one of the handler names (`.on(`, `['on'](`, `subscribe(`, `setInterval(`, ...).
 * A unicode escape (`\u`) matches too.
 */
const COMMENTS = String.raw`\s*(?:\/\*[^*]*\*+(?:[^/*][^*]*\*+)*\/\s*)*`;
const UNBOUNDED_CONTEXT_TEXT = new RegExp(
  String.raw`\bfor${COMMENTS}await\b|\bwhile\b|\bfor${COMMENTS}\([^;]*;${COMMENTS};|\\u|(?<![\w$])(?:NAMES)${COMMENTS}\(|['"\x60](?:NAMES)['"\x60]\s*\]`.replaceAll('NAMES', [...HANDLER_CALLS].join('|')),
);

const functionsWithContext = new WeakMap<TSESTree.Node, boolean>();

/**
 * A local can only be reported when an unbounded loop or handler lies inside its function: a text
 * test of the function's source for the words such a context is written with (comments and strings
 * can only make it answer true, so it never hides a finding; a unicode escape answers true). Replaces
 * listening to every loop and callback of the file. O(function length), cached per function.
 */
function hasUnboundedContext(context: AnalysisContext, target: Target): boolean {
  const fn = enclosingFunction(target.decl);
  if (!fn) return false;
  let known = functionsWithContext.get(fn);
  if (known === undefined) {
    known = UNBOUNDED_CONTEXT_TEXT.test(context.text.slice(fn.range[0], fn.range[1]));
    functionsWithContext.set(fn, known);
  }
  return known;
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
  if (isOutOfScope(context.filename, ruleOptions, context.cwd)) return [];
  if (growthFree.has(context.ast) && !states.has(context.ast)) {
    // No default growth in the tokens: only a `growthMethods` name of this rule can still grow something.
    const extra = ruleOptions.growthMethods as string[] | undefined;
    if (!extra || !extra.some((name) => new RegExp(`(?<![\\w$])${name.replace(/[$]/g, '\\$')}(?![\\w$])`).test(context.text))) return [];
  }
  const state = stateOf(context);
  const cacheKey = `${rule}|${optionsKey(ruleOptions)}`;
  const cached = state.findings.get(cacheKey);
  if (cached) return cached;
  const growthExtra = (ruleOptions.growthMethods as string[] | undefined) ?? [];
  const shrinkExtra = (ruleOptions.shrinkMethods as string[] | undefined) ?? [];
  const ignore = ruleOptions.ignore as string[] | undefined;
  const checkLocals = ruleOptions.checkLocals !== false;
  const checkModuleBindings = ruleOptions.checkModuleBindings !== false;
  const checkShortLived = ruleOptions.checkShortLivedClasses === true;
  const findings: Finding[] = [];
  const teardownExtra = (ruleOptions.teardownMethods as string[] | undefined) ?? [];
  const table = useTable(context, state, growthExtra, shrinkExtra, teardownExtra);
  const resolver = { scopeManager: context.scopeManager, model: state.model, types: context.types };
  let style: ReturnType<typeof fileStyle> | undefined;
  // Constant names are allocated per rule in declaration order, so lint and codemod agree.
  let names: ConstantNames | undefined;
  for (const target of state.model.targets) {
    if (rule === 'no-unbounded-string' ? target.kind !== 'string' : target.kind === 'string') continue;
    if (rule === 'no-unbounded-cache' && target.kind !== 'map' && target.kind !== 'record') continue;
    if (rule === 'no-unbounded-string' && target.scope === 'module' && !checkModuleBindings) continue;
    if (ignored(ignore, target.name)) continue;
    if (target.scope === 'local' && (!checkLocals || !hasUnboundedContext(context, target))) continue;
    const classNode = target.classNode;
    const judgement = classNode ? judgeClass(classNode) : undefined;
    if (judgement?.testDouble || TEST_DOUBLE_BINDING.test(target.name)) continue;
    // Instance lifetimes say nothing of a static field, which lives as long as its class: the process.
    const instanceField = classNode !== undefined && !target.isStatic;
    if (!checkShortLived && instanceField && (judgement!.shortLivedShape ??= observesOneStream(classNode) || isAsyncIterable(classNode) || producesOneStream(classNode, state.model) || constructedPerCall(classNode, context))) continue;
    if (isSharedInternalField(target)) continue;
    const uses = usesOf(state, table, target);
    if (!checkShortLived && instanceField && judgement?.shortLivedName && !servesLookupsAcrossCalls(target, uses)) continue;
    const verdicts = table.verdicts[checkLocals ? 1 : 0];
    let verdict = verdicts.get(target);
    if (verdict === undefined) {
      verdict = decide(target, uses, state.model, context.text, { checkLocals, resolver }) ?? null;
      if (verdict && target.scope === 'field' && releasedAtTeardown(context, target, teardownExtra)) verdict = null;
      verdicts.set(target, verdict);
    }
    if (!verdict || ruleOf(target, verdict) !== rule) continue;
    if (!checkShortLived && instanceField && context.types && (judgement!.perCallInProgram ??= constructedPerCallElsewhere(classNode, context))) continue;
    if (target.scope === 'module' && (state.entryScript ??= isEntryScript(context, state.model))) continue;
    if (target.kind !== 'string' && isRegistry(target, verdict.growth, context.text, uses)) continue;
    if (target.kind !== 'string' && isRegistryCompanion(target, verdict.growth, context.text, (other) => usesOf(state, table, other), state.model.targets)) continue;
    // asked on the first verdict only (most files have none)
    if (isGeneratedCode(context.text, context.filename)) break;
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
    names ??= new ConstantNames(state.model.moduleNames, (state.sharedBases ??= sharedBases(state.model)));
    const { rewrite, skipReason } = target.foreignWrites
      ? { rewrite: undefined, skipReason: `${target.name} is not rewritten: it is assigned through another instance (${textOf(context.text, target.foreignWrites[0]!).slice(0, 60)}), which the rewrite cannot follow` }
      : rewriteTarget(context, target, style, names, refSetOf(state, target), rule === 'no-unbounded-cache', verdict.growth.every((use) => use.nested));
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

/**
 * The findings-cache key of a rule's options object: its JSON, memoised per object (ESLint hands every
 * file of a config the same options object, and serialising it per file and rule was 1 % of the
 * family's time on the lint benchmark). Rules never mutate their options.
 */
function optionsKey(ruleOptions: Record<string, unknown>): string {
  let key = optionKeys.get(ruleOptions);
  if (key === undefined) {
    key = JSON.stringify(ruleOptions);
    // `{}` (no options, the codemod's default) is cheaper to serialise again than to remember.
    if (key !== '{}') optionKeys.set(ruleOptions, key);
  }
  return key;
}

const optionKeys = new WeakMap<object, string>();

/** Findings of no-unbounded-collection, no-unbounded-cache and no-unbounded-string for one file. */
export function analyzeCollections(context: AnalysisContext, options: CollectionOptions = {}): Finding[] {
  const rules: CollectionRule[] = ['no-unbounded-collection', 'no-unbounded-cache', 'no-unbounded-string'];
  return rules.flatMap((rule) => findingsForRule(context, rule, (options[rule] as Record<string, unknown> | undefined) ?? {}));
}

