import type { ToolCall } from './types.js';

/**
 * Audit trail of tool calls.
 * LEAK: `#calls` (array), `toolNames` (Set) and `#argsDeltas` (record) only ever grow.
 */
export class ToolCallLog {
  #calls: ToolCall[] = [];
  readonly toolNames = new Set<string>();
  #argsDeltas: Record<string, string[]> = {};

  start(call: ToolCall): void {
    this.#calls.push(call);
    this.toolNames.add(call.tool);
  }

  appendArgs(callId: string, delta: string): void {
    (this.#argsDeltas[callId] ??= []).push(delta);
  }

  argsText(callId: string): string {
    return (this.#argsDeltas[callId] ?? []).join('');
  }

  finish(callId: string, result: unknown): void {
    for (const call of this.#calls) {
      if (call.callId === callId) call.result = result;
    }
  }

  get size(): number {
    return this.#calls.length;
  }

  usedTools(): string[] {
    return [...this.toolNames].sort();
  }
}
