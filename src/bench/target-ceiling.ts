import { createServer } from 'node:http';
import { ACCOUNT_BODY } from './bench-body.js';

// Row (1): the physical limit of this machine for a JSON answer of the same size.
const server = createServer((_req, res) => {
  res.writeHead(200, { 'Content-Type': 'application/json; charset=UTF-8', 'Cache-Control': 'no-cache' });
  res.end(ACCOUNT_BODY);
});
server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  console.log(`PORT=${typeof address === 'object' && address ? address.port : 0}`);
});

// Exit cleanly on SIGTERM/SIGINT so --cpu-prof profiles are written.
for (const signal of ['SIGTERM', 'SIGINT'] as const) process.on(signal, () => process.exit(0));
