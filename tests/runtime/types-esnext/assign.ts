// Compiled by tests/runtime/types-esnext.test.ts with `lib: ["ESNext"]` (TypeScript 6.0.3), where Map
// gains getOrInsert/getOrInsertComputed and Set the ES2025 methods, and by the root tsconfig (ES2023).
// TtlMap and TtlSet must stay assignable to Map and Set under both.
import { TtlMap, TtlSet } from 'bounded';

export const map: Map<string, number> = new TtlMap<string, number>({ max: 10 });
export const readonlyMap: ReadonlyMap<string, number> = new TtlMap<string, number>({ ttl: 1000 });
export const set: Set<string> = new TtlSet<string>({ max: 10 });
export const readonlySet: ReadonlySet<string> = new TtlSet<string>({ ttl: 1000 });
export const union: Set<string | number> = new TtlSet<string>({ max: 10 }).union(new Set([1]));
