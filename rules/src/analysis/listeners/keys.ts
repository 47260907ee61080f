/**
 * Member-chain keys: the identity of a listener target, event, handler or interval handle as plain
 * strings, so registrations and removals anywhere in a class or module match in O(1).
 */
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { isEmptyFallback } from '../shared/ast.js';

type Scope = TSESLint.Scope.Scope;
type Variable = TSESLint.Scope.Variable;

/** Strips wrappers that do not change the value: `x!`, `x as T`, `<T>x`, `x satisfies T`, `(x)`, `a?.b`. */
export function unwrap(node: TSESTree.Node): TSESTree.Node {
  let n = node;
  for (;;) {
    switch (n.type) {
      case 'TSNonNullExpression':
      case 'TSAsExpression':
      case 'TSTypeAssertion':
      case 'TSSatisfiesExpression':
        n = n.expression;
        break;
      case 'ChainExpression':
        n = n.expression;
        break;
      default:
        return n;
    }
  }
}

/** Finds the variable `name` visible from `scope` (innermost first); undefined for implicit globals. */
export function findVariable(scope: Scope | null, name: string): Variable | undefined {
  for (let s = scope; s; s = s.upper) {
    const v = s.set.get(name);
    if (v) return v;
  }
  return undefined;
}

/**
 * The list a loop variable takes its values from: `LIST` for the variable of `for (const e of LIST)`, and
 * for the first parameter of a callback passed to `LIST.m(...)` with `m` one of `methods` (`forEach`,
 * `map`). Undefined for any other binding. Shared by the event-list reading of both the process-event
 * check and the event keys of loops. O(1).
 */
export function iteratedList(def: TSESLint.Scope.Definition | undefined, methods: ReadonlySet<string>): TSESTree.Node | undefined {
  if (def?.type === 'Variable') {
    const declaration = def.parent as TSESTree.VariableDeclaration | undefined;
    const loop = declaration?.parent;
    return loop?.type === 'ForOfStatement' && loop.left === declaration && declaration.declarations.length === 1 ? loop.right : undefined;
  }
  if (def?.type !== 'Parameter' || (def.node.type !== 'ArrowFunctionExpression' && def.node.type !== 'FunctionExpression') || def.node.params[0] !== def.name) return undefined;
  const call = def.node.parent;
  if (call?.type !== 'CallExpression' || call.arguments[0] !== def.node) return undefined;
  const callee = unwrap(call.callee);
  return callee.type === 'MemberExpression' && methods.has(propertyName(callee) ?? '') ? callee.object : undefined;
}

/** The property name of a non-computed member or a computed string literal (`#x` for private names). */
export function propertyName(node: TSESTree.MemberExpression): string | undefined {
  if (!node.computed) {
    return node.property.type === 'PrivateIdentifier' ? `#${node.property.name}` : (node.property as TSESTree.Identifier).name;
  }
  const p = node.property;
  if (p.type === 'Literal' && typeof p.value === 'string') return p.value;
  if (p.type === 'TemplateLiteral' && p.expressions.length === 0) return p.quasis[0]?.value.cooked ?? undefined;
  return undefined;
}

/** A static member name of a class element key (`close`, `#close`, `'close'`, `[Symbol.dispose]` → `Symbol.dispose`). */
export function memberKeyName(key: TSESTree.Node, computed: boolean): string | undefined {
  if (key.type === 'PrivateIdentifier') return `#${key.name}`;
  if (!computed && key.type === 'Identifier') return key.name;
  if (key.type === 'Literal' && typeof key.value === 'string') return key.value;
  if (computed && key.type === 'MemberExpression' && key.object.type === 'Identifier' && key.object.name === 'Symbol') {
    const name = propertyName(key);
    return name ? `Symbol.${name}` : undefined;
  }
  return undefined;
}

/** How the root of a member chain lives, relative to the code that uses it. */
export type RootKind =
  /** `this` of a class (possibly through `const self = this`). */
  | 'this'
  /** An implicit global (`process`, `window`, `document`) or a global with no declaration. */
  | 'global'
  /** A binding declared at module scope or imported. */
  | 'module'
  /** A parameter of the enclosing function (or of an outer function). */
  | 'param'
  /** A local variable of a function. */
  | 'local'
  /** Not a chain rooted at an identifier or `this`: a call, `new`, literal... */
  | 'expression';

/** The identity of a member chain (`this.socket.ws`, `process`, `opts.signal`). */
export interface Chain {
  /** Match key: the chain text with aliases resolved, prefixed by the owner of `this` (class id) or `m:`. */
  readonly key: string;
  /** The chain as a reader sees it, with aliases of `this` written as `this` (for messages and rewrites). */
  readonly text: string;
  readonly root: RootKind;
  /** Property names after the root (`['socket', 'ws']`). */
  readonly path: readonly string[];
  /** The root variable, when the root is an identifier bound in this file. */
  readonly variable?: Variable;
}

/**
 * Computes the chain of `node` as seen from `scope`, where `thisOwner` names what `this` refers to there
 * (a class id like `c3`, or a function id). `aliasOwners` gives, for a `const` alias of `this` or of a
 * chain on it, what `this` was where the alias was declared. Returns undefined for anything that is not a
 * static chain.
 * Complexity: O(chain length), plus one const-alias hop.
 */
export function chainOf(
  node: TSESTree.Node,
  scope: Scope | null,
  thisOwner: string,
  depth = 0,
  aliasOwners?: ReadonlyMap<Variable, string>,
): Chain | undefined {
  const path: string[] = [];
  let n = unwrap(node);
  while (n.type === 'MemberExpression') {
    const name = propertyName(n);
    if (name === undefined) return undefined;
    path.unshift(name);
    n = unwrap(n.object);
  }
  if (n.type === 'ThisExpression') {
    return { key: `${thisOwner}:this${suffix(path)}`, text: `this${suffix(path)}`, root: 'this', path };
  }
  if (n.type !== 'Identifier') return undefined;
  const variable = findVariable(scope, n.name);
  if (!variable || variable.defs.length === 0) {
    const text = `${n.name}${suffix(path)}`;
    return { key: `g:${text}`, text, root: 'global', path };
  }
  const def = variable.defs[0]!;
  const scopeType = variable.scope.type;
  if (def.type === 'Variable' && depth === 0) {
    const decl = def.node as TSESTree.VariableDeclarator;
    const parent = def.parent as TSESTree.VariableDeclaration | null;
    // `const s = init.signal` and `const { signal } = init` name the member they were read from; so does
    // a `var`/`let` that is never assigned again (`var client = this.client` in ES5 code: aedes)
    const fixed = parent?.kind === 'const' || (variable.defs.length === 1 && variable.references.every((r) => r.init === true || !r.isWrite()));
    const picked = fixed && decl.init ? pickedMember(decl.id, def.name) : undefined;
    if (picked !== undefined && decl.init) {
      const init = withoutEmptyFallback(unwrap(decl.init));
      if (init.type === 'ThisExpression' || init.type === 'MemberExpression' || init.type === 'Identifier') {
        const base = chainOf(init, variable.scope, aliasOwners?.get(variable) ?? thisOwner, depth + 1);
        if (base && (base.root === 'this' || base.root === 'global' || base.root === 'module' || base.root === 'param')) {
          const rest = picked ? [picked, ...path] : path;
          return {
            key: `${base.key}${suffix(rest)}`,
            text: `${base.text}${suffix(rest)}`,
            root: base.root,
            path: [...base.path, ...rest],
            ...(base.variable ? { variable: base.variable } : {}),
          };
        }
      }
    }
  }
  let root: RootKind;
  if (scopeType === 'module' || scopeType === 'global' || def.type === 'ImportBinding') root = 'module';
  else if (def.type === 'Parameter') root = 'param';
  else root = 'local';
  const text = `${n.name}${suffix(path)}`;
  // parameters match by name across functions (`attach(h)` / `detach(h)` pass the same handler)
  const id = root === 'module' ? 'm' : root === 'param' ? 'p' : `v${def.name.range[0]}`;
  return { key: `${id}:${text}`, text, root, path, variable };
}

/** `init || {}` and `init ?? {}` read `init` (the fallback is a fresh empty container, {@link isEmptyFallback}): `init`. Else the node. */
function withoutEmptyFallback(node: TSESTree.Node): TSESTree.Node {
  if (node.type !== 'LogicalExpression' || (node.operator !== '||' && node.operator !== '??')) return node;
  return isEmptyFallback(node.right) ? unwrap(node.left) : node;
}

/**
 * What a `const` declarator binds `name` to, relative to its initialiser: `''` for `const name = init`,
 * the property for a one-level destructuring without default (`const { signal } = init`, `const { signal:
 * s } = init`), else undefined. The anthropic and openai SDKs' shipped per-request `abort` listener leaks
 * were added on such aliases of the caller's signal (recall review). O(properties of the pattern).
 */
function pickedMember(id: TSESTree.BindingName, name: TSESTree.Node): string | undefined {
  if (id.type === 'Identifier') return id === name ? '' : undefined;
  if (id.type !== 'ObjectPattern') return undefined;
  for (const property of id.properties) {
    if (property.type === 'Property' && property.value === name && !property.computed) {
      return property.key.type === 'Identifier' ? property.key.name : property.key.type === 'Literal' ? String(property.key.value) : undefined;
    }
  }
  return undefined;
}

/** The member-access text of `path` (`.a.b`, `["x-y"]`), as chain keys write it. */
export function suffix(path: readonly string[]): string {
  let s = '';
  for (const p of path) s += /^#?[A-Za-z_$][\w$]*$/u.test(p) ? `.${p}` : `[${JSON.stringify(p)}]`;
  return s;
}

/**
 * The static value of an event-name expression: a string literal, a template without expressions, or
 * a `const` bound to one (through the scope manager). Otherwise undefined.
 */
export function staticString(node: TSESTree.Node, scope: Scope | null): string | undefined {
  const n = unwrap(node);
  if (n.type === 'Literal' && typeof n.value === 'string') return n.value;
  if (n.type === 'TemplateLiteral' && n.expressions.length === 0) return n.quasis[0]?.value.cooked ?? undefined;
  if (n.type === 'Identifier') {
    const v = findVariable(scope, n.name);
    const def = v?.defs[0];
    if (v && v.defs.length === 1 && def?.type === 'Variable') {
      const parent = def.parent as TSESTree.VariableDeclaration | null;
      const init = (def.node as TSESTree.VariableDeclarator).init;
      if (parent?.kind === 'const' && init) {
        const i = unwrap(init);
        if (i.type === 'Literal' && typeof i.value === 'string') return i.value;
        if (i.type === 'TemplateLiteral' && i.expressions.length === 0) return i.quasis[0]?.value.cooked ?? undefined;
      }
    }
  }
  return undefined;
}
