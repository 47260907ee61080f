/** Shapes shared by the agent server. */
import type { StreamOutput } from './stream.js';

export interface AgentEvent {
  readonly id: string;
  readonly sessionId: string;
  readonly type: 'text-delta' | 'tool-call' | 'tool-result' | 'step-finish' | 'error';
  readonly at: number;
  readonly payload: unknown;
}

export interface ToolCall {
  readonly callId: string;
  readonly tool: string;
  readonly args: Record<string, unknown>;
  readonly startedAt: number;
  result?: unknown;
}

export type Chunk =
  | { readonly type: 'text-delta'; readonly text: string }
  | { readonly type: 'tool-call-delta'; readonly callId: string; readonly argsDelta: string }
  | { readonly type: 'finish'; readonly reason: 'stop' | 'length' | 'tool-calls' };

export interface Session {
  readonly id: string;
  readonly userId: string;
  readonly createdAt: number;
  lastSeenAt: number;
}

export type RunStatus = 'running' | 'success' | 'failed' | 'suspended';

export interface Run {
  readonly runId: string;
  readonly workflowId: string;
  status: RunStatus;
  /** The run's output stream, kept with the run (seed 002: the workflow run holds the model output). */
  readonly output: StreamOutput;
  readonly cleanup: () => void;
}
