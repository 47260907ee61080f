/**
 * The collection model of one file, built in ONE pass over the AST (plus scope-manager reference
 * lists of the few candidate bindings): every long-lived collection declaration (class field, module
 * binding, local array) and every expression in the file that denotes it. Option-independent, so it is
 * cached per AST and shared by no-unbounded-collection, no-unbounded-cache and no-unbounded-string.
 */
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

import { keyName, parentOf, unwrap, variableOf } from '../shared/ast.js';
import { typeAt } from '../shared/ts-types.js';
import { walk } from '../shared/walk.js';
import type { AnalysisContext } from '../context.js';

type Node = TSESTree.Node;
type ClassNode = TSESTree.ClassDeclaration | TSESTree.ClassExpression;

/** What a declaration holds. `string` is the accumulator of no-unbounded-string. */
export type CollectionKind = 'array' | 'map' | 'set' | 'record' | 'string';

/** Where the declaration lives: its lifetime. */
export type TargetScope = 'field' | 'module' | 'local';

export interface Target {
  readonly kind: CollectionKind;
  readonly scope: TargetScope;
  /** As written: `events`, `#runs`; static fields keep their bare name here (see `isStatic`). */
  readonly name: string;
  readonly isStatic: boolean;
  /** The report node: the PropertyDefinition, the VariableDeclarator, or the constructor assignment of an undeclared field. */
  readonly decl: TSESTree.PropertyDefinition | TSESTree.VariableDeclarator | TSESTree.AssignmentExpression;
  /** The initial value (the field initialiser, the constructor assignment, or the declarator init). */
  readonly init: TSESTree.Expression | null;
  /** The constructor assignment `this.x = []` when the field is initialised there. */
  readonly ctorInit?: TSESTree.AssignmentExpression;
  readonly annotation: TSESTree.TypeNode | undefined;
  readonly classNode?: ClassNode;
  readonly variable?: TSESLint.Scope.Variable;
  /** Expressions that denote the collection (`this.x`, `x`, `self.x`), excluding the initialisation. */
  readonly refs: Node[];
  /** True when the kind was recognised from type information only. */
  readonly typed?: boolean;
  /**
   * Fields only: assignments to the same field through another instance of the class, written inside
   * the class body (`mgr._pending = []` in a static factory). Not in `refs` (a rewrite cannot follow
   * them); a fresh value still resets the collection.
   */
  readonly foreignWrites?: TSESTree.AssignmentExpression[];
  /**
   * Fields only: the local bindings of destructured aliases (`const { queue } = this`, `let { queue: q }
   * = self`), the binding identifier of each. Not in `refs` (no expression there denotes the field);
   * the uses made through them count as the field's, like those of `const q = this.queue`.
   */
  readonly destructured?: TSESTree.Identifier[];
}

export interface CollectionModel {
  readonly targets: Target[];
  /** Calls by callee name (`cleanup()`, `this.cleanup?.()`, `this.#drain()` as `#drain`), for following a removal one call deep; indexed on first use. */
  readonly callsNamed: (name: string) => readonly TSESTree.CallExpression[];
  /** Names bound at module level (to avoid constant-name collisions in rewrites); computed on first use. */
  readonly moduleNames: ReadonlySet<string>;
  /** Class declarations of the file by name (to follow a callback into a constructor parameter). */
  readonly classesByName: Map<string, TSESTree.ClassDeclaration>;
  /** Every `new X(...)` of the file, in pre-order. */
  readonly news: readonly TSESTree.NewExpression[];
  /** Every non-computed `this.<name>` of the file (`this.#name` under `#name`), whatever its class. */
  readonly thisRefsNamed: (name: string) => readonly TSESTree.MemberExpression[];
}

const BOUNDED_CONSTRUCTORS = new Set([
  'RingBuffer',
  'TtlMap',
  'TtlSet',
  'LRUCache',
  'LRU',
  'LruCache',
  'TTLCache',
  'TtlCache',
  'QuickLRU',
  'LRUMap',
  'Denque',
  'CircularBuffer',
  'FixedDeque',
  'WeakMap',
  'WeakSet',
  'WeakRef',
]);

/**
 * The kind of a fresh collection expression: `[]`/`[a]`/`new Array()` → array, `new Map()` → map,
 * `new Set()` → set, `{}` → record, a string literal or template → string; else undefined.
 */
export function freshKind(node: Node | null | undefined): CollectionKind | undefined {
  if (!node) return undefined;
  const value = unwrap(node);
  switch (value.type) {
    case 'ArrayExpression':
      return 'array';
    case 'ObjectExpression':
      return value.properties.length === 0 ? 'record' : undefined;
    case 'NewExpression': {
      const callee = value.callee;
      if (callee.type !== 'Identifier') return undefined;
      if (callee.name === 'Map') return 'map';
      if (callee.name === 'Set') return 'set';
      if (callee.name === 'Array') return 'array';
      return undefined;
    }
    case 'Literal':
      return typeof value.value === 'string' ? 'string' : undefined;
    case 'TemplateLiteral':
      return 'string';
    default:
      return undefined;
  }
}

/** True for `new RingBuffer(...)`, `new LRUCache(...)`, `new WeakMap()` and the other bounded structures. */
export function isBoundedConstruction(node: Node | null | undefined): boolean {
  if (!node) return false;
  const value = unwrap(node);
  if (value.type !== 'NewExpression') return false;
  const callee = value.callee;
  const name =
    callee.type === 'Identifier'
      ? callee.name
      : callee.type === 'MemberExpression' && callee.property.type === 'Identifier'
        ? callee.property.name
        : undefined;
  return name !== undefined && BOUNDED_CONSTRUCTORS.has(name);
}

/** The kind an annotation declares: `T[]`, `Array<T>`, `Map<K,V>`, `Set<T>`, `Record<K,V>`, `{ [k: string]: V }`, `string`. */
export function annotationKind(type: TSESTree.TypeNode | undefined): CollectionKind | undefined {
  if (!type) return undefined;
  switch (type.type) {
    case 'TSArrayType':
      return 'array';
    case 'TSStringKeyword':
      return 'string';
    case 'TSTypeReference': {
      if (type.typeName.type !== 'Identifier') return undefined;
      switch (type.typeName.name) {
        case 'Array':
          return 'array';
        case 'Map':
          return 'map';
        case 'Set':
          return 'set';
        case 'Record':
          return 'record';
        default:
          return undefined;
      }
    }
    case 'TSTypeLiteral':
      return type.members.length === 1 && type.members[0]?.type === 'TSIndexSignature' ? 'record' : undefined;
    default:
      return undefined;
  }
}

/**
 * The class and static-ness `this` refers to at `node`, or undefined when `this` is not a class
 * instance/constructor there (a plain function, an object-literal method, module level). O(depth).
 */
export function thisOwner(node: Node): { cls: ClassNode; isStatic: boolean; method?: TSESTree.MethodDefinition } | undefined {
  let child: Node = node;
  for (let current = parentOf(node); current; child = current, current = parentOf(current)) {
    switch (current.type) {
      case 'ArrowFunctionExpression':
        continue;
      case 'FunctionExpression': {
        const parent = parentOf(current);
        if (parent?.type === 'MethodDefinition' && parent.value === current) {
          return { cls: parentOf(parentOf(parent)!) as ClassNode, isStatic: parent.static, method: parent };
        }
        return undefined;
      }
      case 'FunctionDeclaration':
        return undefined;
      case 'PropertyDefinition':
      case 'AccessorProperty':
        if (current.value === child) return { cls: parentOf(parentOf(current)!) as ClassNode, isStatic: current.static };
        return undefined;
      case 'StaticBlock':
        return { cls: parentOf(parentOf(current)!) as ClassNode, isStatic: true };
      case 'ClassBody':
        return undefined;
      default:
        continue;
    }
  }
  return undefined;
}

function classKey(cls: ClassNode, isStatic: boolean, name: string): string {
  return `${cls.range[0]}|${isStatic ? 's' : 'i'}|${name}`;
}

function isModuleLevel(declarator: TSESTree.VariableDeclarator): boolean {
  const declaration = parentOf(declarator);
  const parent = declaration && parentOf(declaration);
  if (!parent) return false;
  if (parent.type === 'Program') return true;
  return parent.type === 'ExportNamedDeclaration' && parentOf(parent)?.type === 'Program';
}

interface PendingField {
  readonly def: TSESTree.PropertyDefinition;
  readonly name: string;
  readonly cls: ClassNode;
}

/** Node types the model builder looks at (the rules subscribe to exactly these). */
export const MODEL_NODE_TYPES = [
  'ClassDeclaration',
  'PropertyDefinition',
  'VariableDeclarator',
  'MemberExpression',
  'CallExpression',
  'NewExpression',
] as const;

/**
 * ESLint selectors for exactly the nodes {@link ModelBuilder.visit} records (the rules subscribe to
 * these): attribute and child selectors are matched by ESLint's traversal, so the builder is not
 * called for the many member expressions, loops and functions it would ignore. Every selector is a
 * subset of one of {@link MODEL_NODE_TYPES}, and `visit` still checks what it records.
 */
export const MODEL_SELECTORS = [
  'ClassDeclaration',
  'PropertyDefinition',
  'VariableDeclarator',
  'MemberExpression[object.type="ThisExpression"]',
  'AssignmentExpression > MemberExpression.left',
  'CallExpression',
  'NewExpression',
] as const;

/**
 * Collects the raw facts of the model node by node, in pre-order with parents set: either fed by
 * {@link walk} (the codemod's tree) or by ESLint's own traversal through the rules' listeners, so a lint
 * run walks the tree once. Visiting the same node twice in a row is a no-op (three rules listen).
 */
export class ModelBuilder {
  readonly fields: PendingField[] = [];
  readonly declarators: TSESTree.VariableDeclarator[] = [];
  /** `this.x` members by name, in pre-order; their class is resolved in `finish`, for candidate names only. */
  readonly thisRefs = new Map<string, TSESTree.MemberExpression[]>();
  /**
   * Names assigned a fresh collection or string as `this.x = []` (candidates for fields declared in
   * the constructor only; a name never assigned one cannot become such a target, so its `this.x`
   * members are never resolved).
   */
  readonly assignedNames = new Set<string>();
  readonly selfAliases: { declarator: TSESTree.VariableDeclarator; cls: ClassNode; isStatic: boolean }[] = [];
  /** `const { a, b: c } = this` declarators, with the class `this` is an instance (or constructor) of. */
  readonly thisDestructures: { declarator: TSESTree.VariableDeclarator; cls: ClassNode; isStatic: boolean }[] = [];
  readonly calls: TSESTree.CallExpression[] = [];
  readonly classesWithStatic = new Set<ClassNode>();
  readonly classesByName = new Map<string, TSESTree.ClassDeclaration>();
  readonly news: TSESTree.NewExpression[] = [];
  /** `this[name]` members whose key is a variable (resolved in `finish` through its declared type, see {@link fieldNamesOfKey}). */
  readonly computedThisRefs: TSESTree.MemberExpression[] = [];
  /** `other.x = value` writes (not through `this`), by property name. */
  readonly memberWrites = new Map<string, TSESTree.AssignmentExpression[]>();
  #last: Node | undefined;

  /** Records one node. O(1), or O(depth) for `this.x`. */
  visit(node: Node): void {
    if (node === this.#last) return;
    this.#last = node;
    const { fields, declarators, thisRefs, selfAliases, calls, classesWithStatic, classesByName } = this;
    switch (node.type) {
      case 'ClassDeclaration':
        if (node.id) classesByName.set(node.id.name, node);
        break;
      case 'PropertyDefinition': {
        if (node.declare || !node.key) break;
        const name = keyName(node.key, node.computed);
        if (name === undefined) break;
        const cls = parentOf(parentOf(node)!) as ClassNode;
        fields.push({ def: node, name, cls });
        if (node.static) classesWithStatic.add(cls);
        break;
      }
      case 'VariableDeclarator':
        if (node.id.type === 'Identifier') {
          if (node.init?.type === 'ThisExpression') {
            const owner = thisOwner(node);
            if (owner) selfAliases.push({ declarator: node, cls: owner.cls, isStatic: owner.isStatic });
          } else if (node.init) {
            declarators.push(node);
          }
        } else if (node.id.type === 'ObjectPattern' && node.init && unwrap(node.init).type === 'ThisExpression') {
          const owner = thisOwner(node);
          if (owner) this.thisDestructures.push({ declarator: node, cls: owner.cls, isStatic: owner.isStatic });
        }
        break;
      case 'MemberExpression':
        if (node.object.type === 'ThisExpression') {
          const name = node.computed ? undefined : keyName(node.property, false);
          if (name === undefined) {
            if (node.computed && node.property.type === 'Identifier') this.computedThisRefs.push(node);
            break;
          }
          const list = thisRefs.get(name);
          if (list) list.push(node);
          else thisRefs.set(name, [node]);
          const parent = parentOf(node);
          if (parent?.type === 'AssignmentExpression' && parent.left === node && parent.operator === '=' && freshKind(parent.right) !== undefined) this.assignedNames.add(name);
        } else if (!node.computed) {
          const parent = parentOf(node);
          if (parent?.type === 'AssignmentExpression' && parent.left === node && parent.operator === '=') {
            const name = keyName(node.property, false);
            if (name === undefined) break;
            const list = this.memberWrites.get(name);
            if (list) list.push(parent);
            else this.memberWrites.set(name, [parent]);
          }
        }
        break;
      case 'NewExpression':
        this.news.push(node);
        break;
      case 'CallExpression':
        // Indexed by name lazily (only a removal behind a status guard needs it).
        calls.push(node);
        break;
      default:
        break;
    }
  }

  /** Resolves references and decides the candidate declarations. O(candidate references). */
  finish(context: AnalysisContext): CollectionModel {
    return finishModel(context, this);
  }
}

/**
 * The field names a computed key can hold when its declaration says so: a parameter or a `const`
 * typed as a string literal or a union of them (`runQueuedFunctions(queueName: 'q' | 'dispatchQ')` then
 * `this[queueName] = []`: Amplitude's `AmplitudeCore` empties both queues through one method, fresh
 * review 18). Any other key names no field the analysis can tell. O(union members).
 */
function fieldNamesOfKey(context: AnalysisContext, key: TSESTree.Identifier): string[] {
  const def = variableOf(context.scopeManager, key)?.defs[0];
  const id = def?.name;
  if (!def || id?.type !== 'Identifier' || (def.type !== 'Parameter' && def.type !== 'Variable')) return [];
  const type = id.typeAnnotation?.typeAnnotation;
  const members = type?.type === 'TSUnionType' ? type.types : type ? [type] : [];
  const names: string[] = [];
  for (const member of members) {
    if (member.type !== 'TSLiteralType' || member.literal.type !== 'Literal' || typeof member.literal.value !== 'string') return [];
    names.push(member.literal.value);
  }
  return names;
}

/** Builds the {@link CollectionModel} of a file: one walk, O(nodes + references of candidates). */
export function buildModel(context: AnalysisContext): CollectionModel {
  const builder = new ModelBuilder();
  walk(context.ast, (node) => builder.visit(node));
  return builder.finish(context);
}

function finishModel(context: AnalysisContext, builder: ModelBuilder): CollectionModel {
  const { fields, declarators, thisRefs, assignedNames, selfAliases, calls, classesWithStatic, classesByName } = builder;
  const types = context.types;

  // The kind each declared field starts with, decided before any reference is resolved: most fields
  // (numbers, options, handles) are not collections and never need their `this.x` resolved.
  const fieldKinds = new Map<PendingField, { kind: CollectionKind; typed: boolean } | 'constructor'>();
  for (const field of fields) {
    const init = field.def.value;
    if (!init) {
      fieldKinds.set(field, 'constructor');
      continue;
    }
    if (isBoundedConstruction(init)) continue;
    let kind = freshKind(init);
    let typed = false;
    if (!kind && types && !field.def.typeAnnotation) {
      kind = typedKind(types, init);
      typed = kind !== undefined;
    }
    if (kind) fieldKinds.set(field, { kind, typed });
  }

  // `this[queueName]` with `queueName: 'q' | 'dispatchQ'`: a member of each field the type names.
  for (const member of builder.computedThisRefs) {
    for (const name of fieldNamesOfKey(context, member.property as TSESTree.Identifier)) {
      const list = thisRefs.get(name);
      if (list) list.push(member);
      else thisRefs.set(name, [member]);
    }
  }

  // `this.x` → its class, for the candidate names only (pre-order within a name). O(candidate members × depth).
  const thisMembers = new Map<string, TSESTree.MemberExpression[]>();
  const undeclaredFirst = new Map<string, { cls: ClassNode; name: string; at: number }>();
  const resolved = new Set<string>();
  const addMember = (key: string, member: TSESTree.MemberExpression): void => {
    const list = thisMembers.get(key);
    if (list) list.push(member);
    else thisMembers.set(key, [member]);
  };
  const resolve = (name: string): void => {
    if (resolved.has(name)) return;
    resolved.add(name);
    for (const member of thisRefs.get(name) ?? []) {
      const owner = thisOwner(member);
      if (!owner) continue;
      const key = classKey(owner.cls, owner.isStatic, name);
      addMember(key, member);
      if (owner.method?.kind === 'constructor' && !owner.isStatic && !undeclaredFirst.has(key)) undeclaredFirst.set(key, { cls: owner.cls, name, at: member.range[0] });
    }
  };
  for (const field of fieldKinds.keys()) resolve(field.name);
  for (const name of assignedNames) resolve(name);
  // Constructor-declared fields in the order their first constructor use appears.
  const undeclared = [...undeclaredFirst].sort((a, b) => a[1].at - b[1].at);

  const scopeManager = context.scopeManager;
  const referencesOf = (declarator: Node): TSESTree.Identifier[] => {
    const variable = scopeManager.getDeclaredVariables(declarator)[0];
    if (!variable) return [];
    return variable.references.filter((ref) => !ref.init).map((ref) => ref.identifier as TSESTree.Identifier);
  };

  // `const { x } = this` / `const { x: y } = self`: a local bound to the member (see {@link destructuredBindings}).
  const destructured = new Map<string, TSESTree.Identifier[]>();
  const addDestructured = (pattern: TSESTree.ObjectPattern, cls: ClassNode, isStatic: boolean): void => {
    for (const [name, binding] of destructuredBindings(pattern)) {
      const key = classKey(cls, isStatic, name);
      const list = destructured.get(key);
      if (list) list.push(binding);
      else destructured.set(key, [binding]);
    }
  };
  for (const { declarator, cls, isStatic } of builder.thisDestructures) addDestructured(declarator.id as TSESTree.ObjectPattern, cls, isStatic);

  // `const self = this` aliases: `self.x` denotes the same member as `this.x`.
  for (const alias of selfAliases) {
    for (const identifier of referencesOf(alias.declarator)) {
      const parent = parentOf(identifier);
      if (parent?.type === 'VariableDeclarator' && parent.init === identifier && parent.id.type === 'ObjectPattern') {
        addDestructured(parent.id, alias.cls, alias.isStatic);
        continue;
      }
      if (parent?.type !== 'MemberExpression' || parent.object !== identifier || parent.computed) continue;
      const name = keyName(parent.property, false);
      if (name === undefined) continue;
      const key = classKey(alias.cls, alias.isStatic, name);
      addMember(key, parent);
    }
  }

  // `C.fabrics = new Set()` at the top level, after `class C`: a static field declared by assignment (JS
  // style; lib-jitsi-meet's `CallStats.fabrics`). Its references are those of a declared static field.
  const expandos: { cls: ClassNode; name: string; write: TSESTree.AssignmentExpression; kind: CollectionKind }[] = [];
  for (const [name, writes] of builder.memberWrites) {
    for (const write of writes) {
      const left = write.left as TSESTree.MemberExpression;
      if (left.object.type !== 'Identifier' || parentOf(parentOf(write) ?? write)?.type !== 'Program') continue;
      const cls = classesByName.get(left.object.name);
      const kind = cls && !isBoundedConstruction(write.right) ? freshKind(write.right) : undefined;
      if (!cls || !kind || fields.some((field) => field.cls === cls && field.def.static && field.name === name)) continue;
      if (expandos.some((e) => e.cls === cls && e.name === name)) continue;
      expandos.push({ cls, name, write, kind });
      classesWithStatic.add(cls);
      resolve(name); // `this.fabrics` in a static method
    }
  }

  // `ClassName.x` denotes the static field x.
  for (const cls of classesWithStatic) {
    const variables = scopeManager.getDeclaredVariables(cls);
    for (const variable of variables) {
      for (const ref of variable.references) {
        const identifier = ref.identifier;
        const parent = parentOf(identifier as Node);
        if (parent?.type !== 'MemberExpression' || parent.object !== identifier || parent.computed) continue;
        const name = keyName(parent.property, false);
        if (name === undefined) continue;
        const key = classKey(cls, true, name);
        addMember(key, parent);
      }
    }
  }

  // `this.state.clones` in another class of the file whose `state` is declared with this class's type.
  if (classesByName.size > 1) {
    for (const { holder, slot, cls } of typedSlots(classesByName)) {
      resolve(slot);
      for (const ref of thisMembers.get(classKey(holder, false, slot)) ?? []) {
        const member = parentOf(ref);
        if (member?.type !== 'MemberExpression' || member.object !== ref || member.computed) continue;
        const name = keyName(member.property, false);
        if (name === undefined) continue;
        const key = classKey(cls, false, name);
        addMember(key, member);
      }
    }
  }

  const targets: Target[] = [];

  for (const field of fields) {
    const { def, name, cls } = field;
    const start = fieldKinds.get(field);
    if (!start) continue;
    const refs = thisMembers.get(classKey(cls, def.static, name)) ?? [];
    let init = def.value as TSESTree.Expression | null;
    let ctorInit: TSESTree.AssignmentExpression | undefined;
    let kind: CollectionKind | undefined;
    let typed = false;
    if (start !== 'constructor') {
      kind = start.kind;
      typed = start.typed;
    } else {
      // Initialised in the constructor: `this.x = []`.
      for (const ref of refs) {
        const parent = parentOf(ref);
        if (parent?.type !== 'AssignmentExpression' || parent.left !== ref || parent.operator !== '=') continue;
        const owner = thisOwner(ref);
        if (owner?.method?.kind !== 'constructor') continue;
        if (parentOf(parent)?.type !== 'ExpressionStatement') continue;
        if (isBoundedConstruction(parent.right)) {
          kind = undefined;
          break;
        }
        const fresh = freshKind(parent.right);
        if (fresh && !ctorInit) {
          ctorInit = parent;
          init = parent.right;
          kind = fresh;
        }
      }
    }
    const annotation = def.typeAnnotation?.typeAnnotation;
    if (!kind || !annotationAgrees(annotation, kind)) continue;
    const foreignWrites = foreignWritesOf(builder, cls, name, refs);
    const aliases = destructured.get(classKey(cls, def.static, name));
    targets.push({
      kind,
      scope: 'field',
      name,
      isStatic: def.static,
      decl: def,
      init,
      ...(ctorInit ? { ctorInit } : {}),
      annotation,
      classNode: cls,
      refs: ctorInit ? refs.filter((ref) => ref !== ctorInit.left) : refs,
      ...(typed ? { typed } : {}),
      ...(foreignWrites ? { foreignWrites } : {}),
      ...(aliases ? { destructured: aliases } : {}),
    });
  }

  for (const { cls, name, write, kind } of expandos) {
    const refs = (thisMembers.get(classKey(cls, true, name)) ?? []).filter((ref) => ref !== write.left);
    targets.push({ kind, scope: 'field', name, isStatic: true, decl: write, init: write.right, annotation: undefined, classNode: cls, refs });
  }

  // Fields never declared, assigned a fresh collection in the constructor (`this.items = []`, JS style).
  const declared = new Set(fields.map((field) => classKey(field.cls, field.def.static, field.name)));
  for (const [key, { cls, name }] of undeclared) {
    if (!assignedNames.has(name)) continue;
    if (declared.has(key)) continue;
    const refs = thisMembers.get(key) ?? [];
    let ctorInit: TSESTree.AssignmentExpression | undefined;
    for (const ref of refs) {
      const parent = parentOf(ref);
      if (parent?.type !== 'AssignmentExpression' || parent.left !== ref || parent.operator !== '=') continue;
      if (thisOwner(ref)?.method?.kind !== 'constructor' || parentOf(parent)?.type !== 'ExpressionStatement') continue;
      ctorInit = parent;
      break;
    }
    if (!ctorInit || isBoundedConstruction(ctorInit.right)) continue;
    const kind = freshKind(ctorInit.right);
    if (!kind) continue;
    const init = ctorInit;
    const foreignWrites = foreignWritesOf(builder, cls, name, refs);
    const aliases = destructured.get(key);
    targets.push({
      kind,
      scope: 'field',
      name,
      isStatic: false,
      decl: init,
      init: init.right,
      ctorInit: init,
      annotation: undefined,
      classNode: cls,
      refs: refs.filter((ref) => ref !== init.left),
      ...(foreignWrites ? { foreignWrites } : {}),
      ...(aliases ? { destructured: aliases } : {}),
    });
  }


  for (const declarator of declarators) {
    const init = declarator.init!;
    const id = declarator.id as TSESTree.Identifier;
    const moduleLevel = isModuleLevel(declarator);
    const declaration = parentOf(declarator) as TSESTree.VariableDeclaration;
    if (isBoundedConstruction(init)) continue;
    let kind = freshKind(init);
    let typed = false;
    if (!kind && moduleLevel && types && !id.typeAnnotation) {
      kind = typedKind(types, init);
      typed = kind !== undefined;
    }
    if (!kind) continue;
    const annotation = id.typeAnnotation?.typeAnnotation;
    if (!annotationAgrees(annotation, kind)) continue;
    if (kind === 'string' && (!moduleLevel || declaration.kind === 'const')) continue;
    if (!moduleLevel && kind !== 'array') continue;
    if (!moduleLevel && parentOf(declaration)?.type === 'ForOfStatement') continue;
    const variable = scopeManager.getDeclaredVariables(declarator)[0];
    if (!variable) continue;
    const refs = variable.references.filter((ref) => !ref.init).map((ref) => ref.identifier as Node);
    targets.push({
      kind,
      scope: moduleLevel ? 'module' : 'local',
      name: id.name,
      isStatic: false,
      decl: declarator,
      init,
      annotation,
      variable,
      refs,
      ...(typed ? { typed } : {}),
    });
  }

  let callsByName: Map<string, TSESTree.CallExpression[]> | undefined;
  const callsNamed = (name: string): readonly TSESTree.CallExpression[] => {
    if (!callsByName) {
      callsByName = new Map();
      for (const call of calls) {
        const callee = unwrap(call.callee);
        const callName =
          callee.type === 'Identifier'
            ? callee.name
            : callee.type === 'MemberExpression' && !callee.computed && callee.property.type === 'Identifier'
              ? callee.property.name
              : callee.type === 'MemberExpression' && callee.property.type === 'PrivateIdentifier'
                ? `#${callee.property.name}`
                : undefined;
        if (callName === undefined) continue;
        const list = callsByName.get(callName);
        if (list) list.push(call);
        else callsByName.set(callName, [call]);
      }
    }
    return callsByName.get(name) ?? [];
  };
  let moduleNames: Set<string> | undefined;
  return {
    targets,
    callsNamed,
    thisRefsNamed: (name) => thisRefs.get(name) ?? [],
    get moduleNames(): Set<string> {
      if (!moduleNames) {
        moduleNames = new Set<string>();
        const scopes = scopeManager.globalScope ? [scopeManager.globalScope, ...scopeManager.globalScope.childScopes] : [];
        const moduleScope = scopes.find((scope) => scope.type === 'module') ?? scopeManager.globalScope;
        if (moduleScope) for (const variable of moduleScope.variables) moduleNames.add(variable.name);
      }
      return moduleNames;
    },
    classesByName,
    news: builder.news,
  };
}

/**
 * Instance fields of one class of the file declared with the type of another (`private readonly state:
 * SubscriptionBaseState`, as a field or a constructor parameter property, or a getter that returns one
 * or is declared with the type): `this.state.clones` in the
 * holder denotes the field `clones` of the typed class, so a removal there (`delete
 * this.state.clones[this.id]`) counts for it (pubnub's subscription objects and their shared state;
 * fresh review 14). Only a plain type reference names the class; a union or a generic does not.
 * O(members of the file's classes).
 */
function typedSlots(classesByName: ReadonlyMap<string, TSESTree.ClassDeclaration>): { holder: ClassNode; slot: string; cls: ClassNode }[] {
  const slots: { holder: ClassNode; slot: string; cls: ClassNode }[] = [];
  const typedClass = (annotation: TSESTree.TSTypeAnnotation | undefined): TSESTree.ClassDeclaration | undefined => {
    const type = annotation?.typeAnnotation;
    return type?.type === 'TSTypeReference' && type.typeName.type === 'Identifier' && !type.typeArguments ? classesByName.get(type.typeName.name) : undefined;
  };
  for (const holder of classesByName.values()) {
    for (const member of holder.body.body) {
      if (member.type === 'PropertyDefinition' && !member.static && !member.computed && member.key.type === 'Identifier') {
        const cls = typedClass(member.typeAnnotation);
        if (cls && cls !== holder) slots.push({ holder, slot: member.key.name, cls });
      } else if (member.type === 'MethodDefinition' && member.kind === 'constructor') {
        for (const param of member.value.params) {
          if (param.type !== 'TSParameterProperty' || param.parameter.type !== 'Identifier') continue;
          const cls = typedClass(param.parameter.typeAnnotation);
          if (cls && cls !== holder) slots.push({ holder, slot: param.parameter.name, cls });
        }
      }
    }
    // `get state() { return this._state }` over such a field (or a getter declared with the type)
    for (const member of holder.body.body) {
      if (member.type !== 'MethodDefinition' || member.kind !== 'get' || member.static || member.computed || member.key.type !== 'Identifier') continue;
      let cls = typedClass(member.value.returnType);
      const body = member.value.body?.body;
      const only = body?.length === 1 ? body[0] : undefined;
      if (!cls && only?.type === 'ReturnStatement' && only.argument?.type === 'MemberExpression' && only.argument.object.type === 'ThisExpression' && !only.argument.computed) {
        const read = keyName(only.argument.property, false);
        cls = slots.find((s) => s.holder === holder && s.slot === read)?.cls as TSESTree.ClassDeclaration | undefined;
      }
      if (cls && cls !== holder) slots.push({ holder, slot: member.key.name, cls });
    }
  }
  return slots;
}

/**
 * Writes to field `name` through an instance other than `this` inside the class body of `cls`
 * (`mgr._pending = []` in `static create()`): in the class's own code a member of that name is the
 * class's field (a `private` or `#` field can only be reached there). Writes through a `this` alias
 * or the class name are already in `refs`. O(writes of that name × refs).
 */
function foreignWritesOf(builder: ModelBuilder, cls: ClassNode, name: string, refs: readonly Node[]): TSESTree.AssignmentExpression[] | undefined {
  const writes = builder.memberWrites.get(name);
  if (!writes) return undefined;
  // `self.x = ...` through `const self = this`, and `ClassName.x = ...` of a static field, are own refs.
  const inside = writes.filter((write) => write.range[0] >= cls.body.range[0] && write.range[1] <= cls.body.range[1] && !refs.includes(write.left));
  return inside.length > 0 ? inside : undefined;
}

/**
 * The members an object pattern binds as plain locals, by member name: `{ queue }` and `{ queue: q }`
 * give `queue → queue` and `queue → q`. A default (`{ queue = [] }`: the local may be a fresh array,
 * not the member), a nested pattern (`{ queue: [first] }`), a computed key and a rest element
 * (`...others`, a copy of the object) bind no alias. Origin: MQTT.js `const { queue } = this` before a
 * `queue.shift()` drain loop (fresh review 3). O(properties).
 */
export function destructuredBindings(pattern: TSESTree.ObjectPattern): [string, TSESTree.Identifier][] {
  const bindings: [string, TSESTree.Identifier][] = [];
  for (const property of pattern.properties) {
    if (property.type !== 'Property' || property.computed) continue;
    // `const { services = [] } = this`: the default only stands in while the field is unset
    // (botbuilder-js' `disconnectService` splices through it; fresh review 8)
    const value = property.value.type === 'AssignmentPattern' ? property.value.left : property.value;
    if (value.type !== 'Identifier') continue;
    const name = keyName(property.key, false);
    if (name !== undefined) bindings.push([name, value]);
  }
  return bindings;
}

/**
 * The declarator of a binding that {@link destructuredBindings} returned (binding, its default's
 * AssignmentPattern if any, its Property, the ObjectPattern, the VariableDeclarator). O(1).
 */
export function declaratorOf(binding: TSESTree.Identifier): TSESTree.VariableDeclarator | undefined {
  let property = parentOf(binding);
  if (property?.type === 'AssignmentPattern') property = parentOf(property);
  const pattern = parentOf(property ?? binding);
  const declarator = pattern && parentOf(pattern);
  return declarator?.type === 'VariableDeclarator' ? declarator : undefined;
}

/** An annotation, when present, must declare the same kind (`x: Foo = {}` is a plain object, not a record). */
function annotationAgrees(annotation: TSESTree.TypeNode | undefined, kind: CollectionKind): boolean {
  return annotation === undefined || annotationKind(annotation) === kind;
}

const LIB_KINDS: Record<string, CollectionKind> = { Array: 'array', Map: 'map', Set: 'set' };

/**
 * With type information: the kind of an initialiser the syntax cannot tell (`makeIndex()` returning
 * `Map<K, V>`), only when its type is exactly the standard library's Array/Map/Set. A subclass, an
 * lru-cache, a runtime `TtlMap` or a WeakMap is a different symbol and therefore never a candidate.
 */
function typedKind(types: NonNullable<AnalysisContext['types']>, init: Node): CollectionKind | undefined {
  const value = unwrap(init);
  if (value.type !== 'CallExpression' && value.type !== 'NewExpression' && value.type !== 'AwaitExpression') return undefined;
  const type = typeAt(types, value);
  if (!type) return undefined;
  const symbol = type.getSymbol() ?? type.aliasSymbol;
  if (!symbol) return undefined;
  const kind = LIB_KINDS[symbol.getName()];
  if (!kind) return undefined;
  const declarations = symbol.getDeclarations() ?? [];
  const fromLib =
    declarations.length > 0 &&
    declarations.every((declaration) => types.program.isSourceFileDefaultLibrary(declaration.getSourceFile()));
  return fromLib ? kind : undefined;
}
