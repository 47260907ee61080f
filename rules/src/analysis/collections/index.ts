// SCAFFOLD: owned by the collections analysis (no-unbounded-collection, -cache, -string).
import type { AnalysisContext } from '../context.js';
import type { Finding } from '../types.js';

/** Options of the collection family, keyed by rule name; each rule passes its own options object. */
export interface CollectionOptions {
  readonly [rule: string]: unknown;
}

/** Findings of no-unbounded-collection, no-unbounded-cache and no-unbounded-string for one file. */
export function analyzeCollections(_context: AnalysisContext, _options: CollectionOptions = {}): Finding[] {
  return [];
}
