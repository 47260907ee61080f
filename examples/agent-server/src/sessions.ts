import type { Run, Session } from './types.js';

/**
 * Open sessions by id.
 * BOUNDED: every session is deleted when it closes, and `clear()` runs on shutdown.
 */
export class SessionStore {
  private readonly sessions = new Map<string, Session>();

  open(id: string, userId: string): Session {
    const session: Session = { id, userId, createdAt: Date.now(), lastSeenAt: Date.now() };
    this.sessions.set(id, session);
    return session;
  }

  touch(id: string): Session | undefined {
    const session = this.sessions.get(id);
    if (session) session.lastSeenAt = Date.now();
    return session;
  }

  close(id: string): void {
    this.sessions.delete(id);
  }

  get size(): number {
    return this.sessions.size;
  }

  clear(): void {
    this.sessions.clear();
  }
}

/**
 * Workflow runs by id (seed 002, finding #2).
 * LEAK: `#runs` is cleaned up only when a run does not end suspended; suspended runs stay forever.
 */
export class WorkflowRegistry {
  #runs: Map<string, Run> = new Map();

  createRun(workflowId: string, runId: string, output: Run['output']): Run {
    const run: Run = {
      runId,
      workflowId, output,
      status: 'running',
      cleanup: () => {
        this.#runs.delete(runId);
      },
    };
    this.#runs.set(runId, run);
    return run;
  }

  complete(runId: string, status: Run['status']): void {
    const run = this.#runs.get(runId);
    if (!run) return;
    run.status = status;
    if (status !== 'suspended') {
      run.cleanup();
    }
  }

  get(runId: string): Run | undefined {
    return this.#runs.get(runId);
  }
}
