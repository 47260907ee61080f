// SCAFFOLD: owned by the listener analysis (no-leaked-listener, no-leaked-interval).
import type { AnalysisContext } from '../context.js';
import type { Finding } from '../types.js';

/** Options of the listener family, keyed by rule name; each rule passes its own options object. */
export interface ListenerOptions {
  readonly [rule: string]: unknown;
}

/** Findings of no-leaked-listener and no-leaked-interval for one file. */
export function analyzeListeners(_context: AnalysisContext, _options: ListenerOptions = {}): Finding[] {
  return [];
}
