/**
 * Owner lifetimes read across files, from a type-checked program (ESLint `parserServices.program`, or
 * the codemod's ts-morph project). One file cannot tell whether an exported class is made once for the
 * process or once per call: gemini-cli's `Turn` is constructed in `client.ts` for each message
 * (`const turn = new Turn(chat, promptId)`), botbuilder's `TurnContext` per incoming activity. Without a
 * program the rules keep such fields as candidates; with one they look at every construction.
 *
 * The test is the cross-file form of the same-file `constructedPerCall` of the collection family: every
 * value reference of the class outside its own body and outside test files is a `new C(...)` whose
 * instance lands in one slot the next call replaces, in a function that runs many times. Fresh reviews
 * 6–8 counted "owner made per call elsewhere" as the second largest class of false positives (about
 * seventy of three hundred); see docs/evaluation.md, session 9.
 */
import ts from 'typescript';

import { SETUP_NAME, SYNC_ITERATION } from './ast.js';

const verdicts = new WeakMap<ts.Program, Map<ts.Symbol, boolean>>();

/**
 * Whether every construction of `classDecl` in `program` makes a per-call instance: each value
 * reference of the class in a source file of the program (declaration files, `node_modules` and files
 * for which `skipFile` answers true, the test files, are not read), other than its own body, is a
 * `new C(...)` that
 *   - runs in a function that runs many times: not the module top level, a constructor, a field
 *     initialiser, a static block, a setup function (`init*`, `setup*`, `register*`, ...) or a fluent
 *     method that ends in `return this`; and
 *   - lands in a local (`const turn = new Turn()`) only used through its members: not returned,
 *     stored, reassigned or passed on, since whoever receives the instance may keep it for good.
 * A field slot (`this.cache = new ResultCache()`) is not per call here, unlike the same-file test: the
 * owner keeps the instance across its other calls until the next replacement (gemini-cli's file-search
 * `ResultCache`, rebuilt only when the watched files change, grows with every search in between).
 * A subclass (`extends C`), a static member read (`C.create()`), a reference passed as a value, or a
 * class whose body reads `this` as a value (`registry.add(this)`, `return this`) makes the answer
 * false, and so do zero constructions. Type positions, `implements`, `instanceof`, imports and exports
 * are not constructions and are skipped.
 *
 * Memoised per program and class symbol. O(files of the program) for a text pre-check per class, then
 * O(nodes) of the files whose text holds the class name.
 */
export function constructedPerCallInProgram(classDecl: ts.ClassLikeDeclaration, program: ts.Program, skipFile: (fileName: string) => boolean): boolean {
  if (!classDecl.name) return false;
  const checker = program.getTypeChecker();
  const symbol = checker.getSymbolAtLocation(classDecl.name);
  if (!symbol) return false;
  let known = verdicts.get(program);
  if (!known) verdicts.set(program, (known = new Map()));
  let verdict = known.get(symbol);
  if (verdict === undefined) {
    verdict = !thisEscapes(classDecl) && everyConstructionPerCall(classDecl, classDecl.name.text, symbol, program, checker, skipFile);
    known.set(symbol, verdict);
  }
  return verdict;
}

function everyConstructionPerCall(
  classDecl: ts.ClassLikeDeclaration,
  name: string,
  symbol: ts.Symbol,
  program: ts.Program,
  checker: ts.TypeChecker,
  skipFile: (fileName: string) => boolean,
): boolean {
  let constructions = 0;
  for (const file of program.getSourceFiles()) {
    if (file.isDeclarationFile || program.isSourceFileFromExternalLibrary(file) || /[\\/]node_modules[\\/]/u.test(file.fileName)) continue;
    if (!file.text.includes(name) || skipFile(file.fileName)) continue;
    let perCall = true;
    const visit = (node: ts.Node): void => {
      if (!perCall) return;
      if (node === classDecl) return;
      if (ts.isIdentifier(node) && node.text === name) {
        const kind = referenceKind(node, symbol, checker);
        if (kind === 'construction') {
          if (replacedPerCall(node.parent as ts.NewExpression, checker)) constructions++;
          else perCall = false;
        } else if (kind === 'value') {
          perCall = false;
        }
        return;
      }
      ts.forEachChild(node, visit);
    };
    visit(file);
    if (!perCall) return false;
  }
  return constructions > 0;
}

/**
 * Whether the class hands its instance on by itself: `this` read as a value anywhere in its body
 * (`registry.add(this)`, `return this`, `emit('open', this)`), not as the object of a member access.
 * Such an instance may outlive the call that made it, whatever the caller does with it. O(class nodes).
 */
function thisEscapes(classDecl: ts.ClassLikeDeclaration): boolean {
  let escapes = false;
  const visit = (node: ts.Node): void => {
    if (escapes) return;
    if (node.kind === ts.SyntaxKind.ThisKeyword) {
      const parent = node.parent;
      if (!((ts.isPropertyAccessExpression(parent) || ts.isElementAccessExpression(parent)) && parent.expression === node)) escapes = true;
      return;
    }
    ts.forEachChild(node, visit);
  };
  for (const member of classDecl.members) visit(member);
  return escapes;
}

/** How `id` (an identifier spelled like the class) refers to `symbol`: not at all, as a type, import, export or `instanceof` operand (neutral), as the callee of `new`, or as any other value. */
function referenceKind(id: ts.Identifier, symbol: ts.Symbol, checker: ts.TypeChecker): 'none' | 'neutral' | 'construction' | 'value' {
  const parent = id.parent;
  // A property name (`x.Turn`, `{ Turn: 1 }`) is not a reference to the binding.
  if (ts.isPropertyAccessExpression(parent) && parent.name === id) return 'none';
  if ((ts.isPropertyAssignment(parent) || ts.isMethodDeclaration(parent) || ts.isPropertyDeclaration(parent)) && parent.name === id) return 'none';
  let resolved = checker.getSymbolAtLocation(id);
  if (resolved && resolved.flags & ts.SymbolFlags.Alias) {
    if (ts.isImportSpecifier(parent) || ts.isImportClause(parent) || ts.isExportSpecifier(parent) || ts.isNamespaceImport(parent) || ts.isImportEqualsDeclaration(parent)) {
      return 'neutral';
    }
    try {
      resolved = checker.getAliasedSymbol(resolved);
    } catch {
      return 'none';
    }
  }
  if (resolved !== symbol) return 'none';
  if (ts.isImportSpecifier(parent) || ts.isImportClause(parent) || ts.isExportSpecifier(parent) || ts.isExportAssignment(parent)) return 'neutral';
  if (ts.isTypeReferenceNode(parent) || ts.isTypeQueryNode(parent) || ts.isQualifiedName(parent)) return 'neutral';
  if (ts.isExpressionWithTypeArguments(parent)) {
    // `implements C` says nothing of lifetime; `extends C` makes instances of another class.
    const clause = parent.parent;
    return ts.isHeritageClause(clause) && clause.token === ts.SyntaxKind.ImplementsKeyword ? 'neutral' : 'value';
  }
  if (ts.isBinaryExpression(parent) && parent.right === id && parent.operatorToken.kind === ts.SyntaxKind.InstanceOfKeyword) return 'neutral';
  if (ts.isNewExpression(parent) && parent.expression === id) return 'construction';
  return 'value';
}

/** Steps up through `x!`, `x as T`, `x satisfies T`, `<T>x` and parentheses. */
function outermost(node: ts.Node): ts.Node {
  let current = node;
  while (
    ts.isParenthesizedExpression(current.parent) ||
    ts.isAsExpression(current.parent) ||
    ts.isSatisfiesExpression(current.parent) ||
    ts.isNonNullExpression(current.parent) ||
    ts.isTypeAssertionExpression(current.parent)
  ) {
    current = current.parent;
  }
  return current;
}

/**
 * The function whose invocations run `node`, skipping callbacks of synchronous array iteration; undefined
 * when `node` runs once per instance or module: the module top level, a field initialiser or a static block.
 */
function drivingFunction(node: ts.Node): ts.FunctionLikeDeclaration | undefined {
  for (let up = node.parent; up; up = up.parent) {
    if (ts.isSourceFile(up) || ts.isPropertyDeclaration(up) || ts.isClassStaticBlockDeclaration(up)) return undefined;
    if (!ts.isFunctionLike(up) || !('body' in up) || up.body === undefined) continue;
    const fn = up as ts.FunctionLikeDeclaration;
    if ((ts.isArrowFunction(fn) || ts.isFunctionExpression(fn)) && ts.isCallExpression(fn.parent) && fn.parent.arguments.includes(fn)) {
      const callee = fn.parent.expression;
      if (ts.isPropertyAccessExpression(callee) && SYNC_ITERATION.has(callee.name.text)) continue;
    }
    return fn;
  }
  return undefined;
}

/** A constructor, a setup-named function, or a fluent method that ends in `return this`: it runs a bounded number of times. */
function runsOnce(fn: ts.FunctionLikeDeclaration): boolean {
  if (ts.isConstructorDeclaration(fn)) return true;
  const name = fn.name && (ts.isIdentifier(fn.name) || ts.isPrivateIdentifier(fn.name)) ? fn.name.text.replace(/^#/u, '') : undefined;
  if (name !== undefined && SETUP_NAME.test(name)) return true;
  const body = fn.body;
  if (body && ts.isBlock(body)) {
    const last = body.statements.at(-1);
    if (last && ts.isReturnStatement(last) && last.expression && unwrapped(last.expression).kind === ts.SyntaxKind.ThisKeyword) return true;
  }
  return false;
}

function unwrapped(node: ts.Expression): ts.Expression {
  let current = node;
  while (ts.isParenthesizedExpression(current) || ts.isAsExpression(current) || ts.isNonNullExpression(current) || ts.isSatisfiesExpression(current)) current = current.expression;
  return current;
}

/** Whether the instance `construction` makes is kept in one slot that the next call replaces (see {@link constructedPerCallInProgram}). */
function replacedPerCall(construction: ts.NewExpression, checker: ts.TypeChecker): boolean {
  const fn = drivingFunction(construction);
  if (!fn || runsOnce(fn)) return false;
  const expr = outermost(construction);
  const slot = expr.parent;
  if (ts.isVariableDeclaration(slot) && slot.initializer === expr && ts.isIdentifier(slot.name)) {
    const local = checker.getSymbolAtLocation(slot.name);
    if (!local) return false;
    const localName = slot.name.text;
    let onlyMembers = true;
    const visit = (node: ts.Node): void => {
      if (!onlyMembers) return;
      if (ts.isIdentifier(node) && node.text === localName && node !== slot.name) {
        const parent = node.parent;
        if (ts.isPropertyAccessExpression(parent) && parent.name === node) return;
        // `{ eventStore }` hands the instance on (the checker resolves the name to the property).
        if (ts.isShorthandPropertyAssignment(parent)) {
          if (checker.getShorthandAssignmentValueSymbol(parent) === local) onlyMembers = false;
          return;
        }
        if (checker.getSymbolAtLocation(node) !== local) return;
        if (!((ts.isPropertyAccessExpression(parent) || ts.isElementAccessExpression(parent)) && parent.expression === node)) onlyMembers = false;
        return;
      }
      ts.forEachChild(node, visit);
    };
    if (fn.body) visit(fn.body);
    return onlyMembers;
  }
  return false;
}

