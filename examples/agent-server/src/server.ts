import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';

import { AgentCore, runAgentStreaming } from './agent.js';
import { addTokens, SummaryCache } from './embeddings.js';
import { EventLog, RecentEvents } from './event-log.js';
import { Heartbeat, MemoryMonitor } from './monitor.js';
import { SessionStore, WorkflowRegistry } from './sessions.js';
import { StreamOutput } from './stream.js';
import { ToolCallLog } from './tool-calls.js';

const MAX_BODY_BYTES = 64 * 1024;

/** Aborted once, when the whole server shuts down; shared by every request. */
const shutdown = new AbortController();

const sessions = new SessionStore();
const workflows = new WorkflowRegistry();
const eventLog = new EventLog();
const toolCalls = new ToolCallLog();
const summaries = new SummaryCache(200);
const monitor = new MemoryMonitor();
const agents = new Map<string, AgentCore>();
/** Responses currently streaming; each is removed when its request ends. */
const openStreams = new Set<ServerResponse>();

async function readBody(req: IncomingMessage): Promise<string> {
  req.setEncoding('utf8');
  let body = '';
  for await (const part of req) {
    body += String(part);
    if (body.length > MAX_BODY_BYTES) throw new Error('request body too large');
  }
  return body;
}

function agentFor(sessionId: string): AgentCore {
  let agent = agents.get(sessionId);
  if (!agent) {
    agent = new AgentCore();
    agents.set(sessionId, agent);
  }
  return agent;
}

async function handleMessage(sessionId: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const session = sessions.touch(sessionId);
  if (!session) {
    res.writeHead(404).end();
    return;
  }
  const prompt = await readBody(req);
  const output = new StreamOutput();
  const run = workflows.createRun('chat', randomUUID(), output);

  // LEAK: a listener per request on the server-wide shutdown signal, never removed.
  shutdown.signal.addEventListener('abort', () => {
    res.end();
  });

  res.writeHead(200, { 'content-type': 'application/x-ndjson' });
  openStreams.add(res);
  output.trace();
  output.pipeTo(res);
  try {
    const events = await runAgentStreaming(sessionId, prompt, output);
    const recent = new RecentEvents((batch) => {
      for (const event of batch) eventLog.add(event);
    });
    for (const event of events) {
      recent.push(event);
      if (event.type === 'tool-call') {
        toolCalls.start({ callId: event.id, tool: 'search', args: { prompt }, startedAt: event.at });
      }
    }
    for (const event of recent.snapshot()) eventLog.add(event);
    agentFor(sessionId).addEvents(events);
    addTokens(session, output.text.length);
    summaries.set(sessionId, output.text.slice(0, 200));
    workflows.complete(run.runId, output.text.includes('wait') ? 'suspended' : 'success');
  } catch (error) {
    workflows.complete(run.runId, 'failed');
    throw error;
  } finally {
    output.untrace();
    output.close();
    openStreams.delete(res);
    res.end();
  }
}

async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://localhost');
  const [, resource, id, action] = url.pathname.split('/');
  if (req.method === 'POST' && resource === 'sessions' && id === undefined) {
    const session = sessions.open(randomUUID(), req.headers['x-user-id']?.toString() ?? 'anonymous');
    res.writeHead(201, { 'content-type': 'application/json' }).end(JSON.stringify(session));
  } else if (req.method === 'POST' && resource === 'sessions' && id !== undefined && action === 'messages') {
    await handleMessage(id, req, res);
  } else if (req.method === 'DELETE' && resource === 'sessions' && id !== undefined) {
    sessions.close(id);
    agents.delete(id);
    res.writeHead(204).end();
  } else if (req.method === 'GET' && resource === 'debug') {
    const body = { sessions: sessions.size, events: eventLog.recent(50), tools: toolCalls.usedTools() };
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  } else {
    res.writeHead(404).end();
  }
}

/** Creates the agent server; `stop()` closes it and releases its timers. */
export function createAgentServer(): { server: Server; stop: () => Promise<void> } {
  const server = createServer((req, res) => {
    route(req, res).catch((error: unknown) => {
      if (!res.headersSent) res.writeHead(500);
      res.end(String(error));
    });
  });
  const heartbeat = new Heartbeat(() => {
    for (const res of openStreams) res.write('\n');
  });
  heartbeat.start();
  monitor.startMonitoring();
  return {
    server,
    stop: () =>
      new Promise<void>((resolve) => {
        heartbeat.stop();
        shutdown.abort();
        sessions.clear();
        server.close(() => resolve());
      }),
  };
}
