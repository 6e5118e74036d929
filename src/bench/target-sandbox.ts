import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startDropboxSandboxServer } from '../sandbox/dropbox/dropbox-sandbox-server.js';

// Row (3)–(5) backend: the Dropbox sandbox alone in its own process, with BENCH_MEMBERS generated members.
const running = await startDropboxSandboxServer({ dataFile: join(mkdtempSync(join(tmpdir(), 'idm-bench-dbx-')), 'dropbox.json') });
const members = Number(process.env.BENCH_MEMBERS ?? 0);
if (members > 0) await running.sandbox.seedMembers(members);
// Room for the write rows: the sandbox enforces the team's license count like Dropbox.
await running.admin('licenses', { num_licensed_users: members + 100_000 });
console.log(`PORT=${new URL(running.baseUrl).port}`);
for (const signal of ['SIGTERM', 'SIGINT'] as const) process.on(signal, () => process.exit(0));
