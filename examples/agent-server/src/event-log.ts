import type { AgentEvent } from './types.js';

/**
 * Every event of every session, for the debug endpoint.
 * LEAK (seed 003, "Unbounded Event History"): `events` only ever grows.
 */
export class EventLog {
  private events: AgentEvent[] = [];

  add(event: AgentEvent): void {
    this.events.push(event);
  }

  get count(): number {
    return this.events.length;
  }

  recent(limit: number): AgentEvent[] {
    return this.events.slice(-limit);
  }
}

export const MAX_EVENTS_BUFFER = 100;

/**
 * The recent events of one stream, flushed in batches (seed 000, "Capped Buffer with Early Flush").
 * BOUNDED: when the buffer is full, the older half is spliced off and handed to `flush`.
 */
export class RecentEvents {
  private readonly buffer: AgentEvent[] = [];

  constructor(private readonly flush: (batch: AgentEvent[]) => void) {}

  push(event: AgentEvent): void {
    if (this.buffer.length >= MAX_EVENTS_BUFFER) {
      this.flush(this.buffer.splice(0, MAX_EVENTS_BUFFER / 2));
    }
    this.buffer.push(event);
  }

  snapshot(): AgentEvent[] {
    return this.buffer.slice();
  }
}
