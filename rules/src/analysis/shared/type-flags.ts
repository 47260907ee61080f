/**
 * TypeScript's `TypeFlags`, read from the installed compiler: their numeric values changed between
 * TypeScript 5 and 6 (`String` is 4 in 5.x and 32 in 6.0), so they must not be written as literals.
 * TypeScript is already loaded by the parser, so this costs nothing extra.
 */
import ts from 'typescript';

export const TypeFlags: typeof ts.TypeFlags = ts.TypeFlags;

/** Flags of the types that have finitely many values: literals, enums, booleans, `undefined`, `null`, unique symbols. */
export const FINITE_TYPE_FLAGS: number =
  TypeFlags.Boolean |
  TypeFlags.Enum |
  TypeFlags.StringLiteral |
  TypeFlags.NumberLiteral |
  TypeFlags.BooleanLiteral |
  TypeFlags.EnumLiteral |
  TypeFlags.BigIntLiteral |
  TypeFlags.UniqueESSymbol |
  TypeFlags.Undefined |
  TypeFlags.Null;
