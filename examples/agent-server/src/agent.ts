import { embed } from './embeddings.js';
import { MAX_EVENTS_BUFFER } from './event-log.js';
import type { StreamOutput } from './stream.js';
import type { AgentEvent, Chunk } from './types.js';

/** A fake model: streams the prompt back word by word. */
export async function* callModel(prompt: string): AsyncGenerator<Chunk> {
  for (const word of prompt.split(/\s+/)) {
    if (word.startsWith('@')) {
      yield { type: 'tool-call-delta', callId: `call-${word.slice(1)}`, argsDelta: `{"query":"${word.slice(1)}"}` };
    } else {
      yield { type: 'text-delta', text: `${word} ` };
    }
  }
  yield { type: 'finish', reason: 'stop' };
}

function toEvent(sessionId: string, chunk: Chunk, seq: number): AgentEvent {
  const type = chunk.type === 'finish' ? 'step-finish' : chunk.type === 'text-delta' ? 'text-delta' : 'tool-call';
  return { id: `${sessionId}-${seq}`, sessionId, type, at: Date.now(), payload: chunk };
}

/**
 * LEAK (seed 000, `runPythonAgentStreaming`): `chunks` keeps a second copy of every chunk it forwards, for a
 * stream that may run for minutes; with many concurrent streams this is the whole traffic in memory.
 */
export async function runAgentStreaming(sessionId: string, prompt: string, output: StreamOutput): Promise<AgentEvent[]> {
  const chunks: Chunk[] = [];
  embed(prompt);
  for await (const chunk of callModel(prompt)) {
    chunks.push(chunk);
    output.write(chunk);
  }
  return chunks.map((chunk, seq) => toEvent(sessionId, chunk, seq));
}

/**
 * BOUNDED (seed 000, the fix): the buffer is flushed and trimmed to half when it reaches
 * `MAX_EVENTS_BUFFER`.
 */
export async function runAgentStreamingCapped(
  sessionId: string,
  prompt: string,
  output: StreamOutput,
  flush: (batch: AgentEvent[]) => void,
): Promise<void> {
  const events: AgentEvent[] = [];
  let seq = 0;
  for await (const chunk of callModel(prompt)) {
    if (events.length >= MAX_EVENTS_BUFFER) {
      flush(events.splice(0, MAX_EVENTS_BUFFER / 2));
    }
    events.push(toEvent(sessionId, chunk, seq++));
    output.write(chunk);
  }
  flush(events);
}

/**
 * The state of one long-lived agent (seed 004, a Durable Object's `AgentCore`).
 * LEAK: `_events` is loaded from storage and then only grows; assigning the loaded array is not a trim.
 */
export class AgentCore {
  private _events: AgentEvent[] = [];

  initializeWithEvents(events: AgentEvent[]): void {
    this._events = events;
  }

  addEvents(events: AgentEvent[]): void {
    for (const event of events) this._events.push(event);
  }

  get eventCount(): number {
    return this._events.length;
  }

  lastEvents(limit: number): AgentEvent[] {
    return this._events.slice(-limit);
  }
}
