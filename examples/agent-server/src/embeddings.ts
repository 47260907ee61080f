import { createHash } from 'node:crypto';

import type { Session } from './types.js';

/**
 * LEAK (unbounded cache): a memo of embeddings keyed by the input text, never evicted. Every distinct
 * prompt stays in memory for the life of the process.
 */
const embeddingCache = new Map<string, number[]>();

export function embed(text: string): number[] {
  const cached = embeddingCache.get(text);
  if (cached) return cached;
  const vector = computeEmbedding(text);
  embeddingCache.set(text, vector);
  return vector;
}

/** BOUNDED: per-session metadata lives exactly as long as the session object. */
const sessionTokens = new WeakMap<Session, number>();

export function addTokens(session: Session, tokens: number): number {
  const total = (sessionTokens.get(session) ?? 0) + tokens;
  sessionTokens.set(session, total);
  return total;
}

/**
 * BOUNDED (seed 003, "Memory-Aware Caching"): a size-capped cache that evicts its oldest entry before
 * inserting past `maxEntries`.
 */
export class SummaryCache {
  private readonly entries = new Map<string, string>();

  constructor(private readonly maxEntries = 500) {}

  get(key: string): string | undefined {
    return this.entries.get(key);
  }

  set(key: string, summary: string): void {
    while (this.entries.size >= this.maxEntries) {
      const oldest = this.entries.keys().next();
      if (oldest.done) break;
      this.entries.delete(oldest.value);
    }
    this.entries.set(key, summary);
  }
}

function computeEmbedding(text: string): number[] {
  const digest = createHash('sha256').update(text).digest();
  return Array.from(digest.subarray(0, 16), (byte) => byte / 255);
}
