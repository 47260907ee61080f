import { createAgentServer } from './server.js';

const port = Number(process.env.PORT ?? 8787);
const { server, stop } = createAgentServer();

server.listen(port, () => {
  console.log(`agent server listening on http://localhost:${port}`);
});

// Process-lifetime handler at module top level: not a leak.
process.on('SIGTERM', () => {
  void stop().then(() => process.exit(0));
});
