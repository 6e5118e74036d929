import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, totalmem, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Agent, request } from 'node:http';
import { DROPBOX_SANDBOX_CREDENTIALS } from '../sandbox/dropbox/dropbox-credentials.js';
import { load, type LoadResult } from './load.js';
import { startTarget, withPeakRss, type Target } from './targets.js';

/**
 * `npm run bench`: every row is measured side by side in one run on this machine and written
 * to docs/performance.md. Servers run in their own processes; this process only generates load.
 */
const REPO = resolve(import.meta.dirname, '../..');
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const ADMIN = { 'X-OpenIDM-Username': 'openidm-admin', 'X-OpenIDM-Password': 'openidm-admin' };
const lines: string[] = [];
/** CSV sizes of the query rows (the largest shows how cost grows; BENCH_MAX_ROWS lowers it). */
const CSV_SIZES = [10_000, 100_000, Number(process.env.BENCH_MAX_ROWS ?? 1_000_000)].filter((n, i, all) => all.indexOf(n) === i);
const DROPBOX_MEMBERS = Number(process.env.BENCH_DROPBOX_MEMBERS ?? 100_000);

function out(line = ''): void {
  console.log(line);
  lines.push(line);
}

function csvRows(count: number): string {
  const rows = ['"uid","username","firstName","lastName","email","mobileTelephoneNumber","description","password"'];
  for (let i = 0; i < count; i++) {
    rows.push(`"user${i}","user${i}@example.com","First${i}","Last${i % 977}","user${i}@example.com","+1 555 ${String(i).padStart(7, '0')}","Generated row number ${i} for the benchmark","Passw0rd!${i}"`);
  }
  return rows.join('\n') + '\n';
}

/** An instance dir with users.json and one CSV system per row count (`csv<rows>`). */
function makeInstance(rowCounts: readonly number[]): string {
  const dir = mkdtempSync(join(tmpdir(), 'idm-bench-'));
  mkdirSync(join(dir, 'conf'));
  mkdirSync(join(dir, 'data'));
  copyFileSync(join(REPO, 'conf', 'users.json'), join(dir, 'conf', 'users.json'));
  const csvConf = JSON.parse(readFileSync(join(REPO, 'conf', 'provisioner.openicf-csv.json'), 'utf8')) as Record<string, unknown>;
  for (const rows of rowCounts) {
    const name = `csv${rows}`;
    writeFileSync(join(dir, 'data', `${name}.csv`), csvRows(rows));
    const conf = structuredClone(csvConf) as { name: string; configurationProperties: Record<string, unknown> };
    conf.name = name;
    conf.configurationProperties.csvFile = `&{idm.instance.dir}/data/${name}.csv`;
    writeFileSync(join(dir, 'conf', `provisioner.openicf-${name}.json`), JSON.stringify(conf));
  }
  copyFileSync(join(REPO, 'conf', 'provisioner.openicf-dropbox.json'), join(dir, 'conf', 'provisioner.openicf-dropbox.json'));
  return dir;
}

const agent = new Agent({ keepAlive: true, maxSockets: 256 });

/** One request, timed to the last byte. */
function timed(port: number, method: string, path: string, body?: string, retried = false): Promise<{ status: number; ms: number; bytes: number; text: string }> {
  const started = process.hrtime.bigint();
  return new Promise((resolvePromise, reject) => {
    const req = request({ port, host: '127.0.0.1', method, path, agent, headers: { ...ADMIN, ...(body ? { 'Content-Type': 'application/json' } : {}) } }, (res) => {
      let bytes = 0;
      // Keeps only the tail, where the paging cookie is, so big answers cost no memory here.
      let tail = '';
      res.on('data', (c: Buffer) => {
        bytes += c.length;
        tail = (tail + c.toString('utf8')).slice(-4096);
      });
      res.on('end', () => resolvePromise({ status: res.statusCode ?? 0, bytes, text: tail, ms: Number(process.hrtime.bigint() - started) / 1e6 }));
    });
    req.on('error', (error: NodeJS.ErrnoException) => {
      // A kept-alive socket the server closed as it was reused (Node's documented retry): the request never arrived.
      if (req.reusedSocket && error.code === 'ECONNRESET' && !retried) timed(port, method, path, body, true).then(resolvePromise, reject);
      else reject(error);
    });
    req.end(body);
  });
}

/** Closed loop: `workers` concurrent clients issue `total` requests made by `make(i)`; returns ops/s. */
async function closedLoop(
  port: number, total: number, workers: number, make: (i: number) => { method: string; path: string; body?: string }, onAnswer?: (text: string) => void,
): Promise<{ opsPerSec: number; failures: number }> {
  let next = 0;
  let failures = 0;
  const started = process.hrtime.bigint();
  await Promise.all(Array.from({ length: workers }, async () => {
    while (next < total) {
      const r = make(next++);
      const res = await timed(port, r.method, r.path, r.body);
      if (res.status >= 300) failures++;
      else onAnswer?.(res.text);
    }
  }));
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  return { opsPerSec: total / seconds, failures };
}

/** An access token from the Dropbox sandbox, for the direct rows. */
async function dropboxToken(port: number): Promise<string> {
  const response = await fetch(`http://127.0.0.1:${port}/sandbox/dropbox/oauth2/token`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: DROPBOX_SANDBOX_CREDENTIALS.refreshToken, client_id: DROPBOX_SANDBOX_CREDENTIALS.clientId, client_secret: DROPBOX_SANDBOX_CREDENTIALS.clientSecret }),
  });
  return ((await response.json()) as { access_token: string }).access_token;
}

/** A generated member whose only group is the team's default one (straight from the sandbox). */
async function defaultGroupOnlyMember(port: number, token: string): Promise<string> {
  const response = await fetch(`http://127.0.0.1:${port}/sandbox/dropbox/2/team/members/list_v2`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ limit: 1000 }),
  });
  const { members } = (await response.json()) as { members: { profile: { team_member_id: string; groups: string[]; status: { '.tag': string } } }[] };
  const found = members.findLast((m) => m.profile.groups.length === 1 && m.profile.status['.tag'] === 'active');
  if (!found) throw new Error('bench: the sandbox team has no active member in the default group only');
  return found.profile.team_member_id;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

const fmt = (n: number, digits = 0): string => n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
const row = (cells: readonly string[]): string => `| ${cells.join(' | ')} |`;

async function main(): Promise<void> {
  const started = Date.now();
  out('# idm-gateway performance');
  out();
  out(`Measured ${new Date().toISOString()} by \`npm run bench\` (${SECONDS} s per load row, autocannon, keep-alive, loopback).`);
  out(`Machine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${fmt(totalmem() / 2 ** 30, 1)} GiB RAM, Node ${process.version}. Servers run in their own processes; the load generator shares the 2 cores.`);
  out();

  const instance = makeInstance(CSV_SIZES);
  const targets: Target[] = [];
  try {
    const ceiling = await startTarget('target-ceiling');
    const bare = await startTarget('target-bare');
    const dropbox = await startTarget('target-sandbox', { BENCH_MEMBERS: String(DROPBOX_MEMBERS) });
    const sandboxUrl = `http://127.0.0.1:${dropbox.port}/sandbox`;
    const gateway = await startTarget('target-gateway', { IDM_INSTANCE_DIR: instance, IDM_SANDBOX: 'false', BENCH_SANDBOX_URL: sandboxUrl });
    targets.push(ceiling, bare, dropbox, gateway);
    const onePath = '/openidm/system/csv100000/__ACCOUNT__/user4242';
    await timed(gateway.port, 'GET', onePath); // loads the 100k file

    out('## GET one object');
    out();
    out(row(['row', 'connections', 'req/s', 'p50 ms', 'p99 ms', 'vs ceiling', 'vs bare stack']));
    out(row(['---', '---:', '---:', '---:', '---:', '---:', '---:']));
    for (const connections of [1, 10, 100]) {
      const results: Record<string, LoadResult> = {};
      results.ceiling = await load(`http://127.0.0.1:${ceiling.port}${onePath}`, { connections, seconds: SECONDS });
      results.bare = await load(`http://127.0.0.1:${bare.port}${onePath}`, { connections, seconds: SECONDS });
      results.gateway = await load(`http://127.0.0.1:${gateway.port}${onePath}`, { connections, seconds: SECONDS, headers: ADMIN });
      for (const [name, label] of [['ceiling', '(1) raw node:http'], ['bare', '(1b) Express 5 + helmet + openapi-validator'], ['gateway', '(2) gateway → CSV (auth, routing, validation)']] as const) {
        const r = results[name]!;
        const bad = r.non2xx + r.errors > 0 ? ` (${r.non2xx + r.errors} failed)` : '';
        out(row([label, String(connections), fmt(r.rps) + bad, fmt(r.p50, 1), fmt(r.p99, 1),
          `${fmt((100 * r.rps) / results.ceiling!.rps)} %`, `${fmt((100 * r.rps) / results.bare!.rps)} %`]));
      }
    }
    out();

    out('## GET one Dropbox member: through the gateway vs straight to the sandbox');
    out();
    const token = await dropboxToken(dropbox.port);
    const direct = `http://127.0.0.1:${dropbox.port}/sandbox/dropbox/2/team/members/get_info_v2`;
    const directBody = JSON.stringify({ members: [{ '.tag': 'team_member_id', team_member_id: 'TEAM_MEMBER_ID' }] });
    // Two members: one in the default group only (one Dropbox call per read), and the seed's, also in a company group (a second call for its access type).
    const reads = [
      { label: '(3) gateway: GET __ACCOUNT__/id, default group only (1 call)', path: `/openidm/system/dropbox/__ACCOUNT__/${encodeURIComponent(await defaultGroupOnlyMember(dropbox.port, token))}` },
      { label: '(3) gateway: GET __ACCOUNT__/id, also in a group (2 calls)', path: '/openidm/system/dropbox/__ACCOUNT__/TEAM_MEMBER_ID' },
    ];
    for (const read of reads) await timed(gateway.port, 'GET', read.path); // the gateway's token, the default group
    out('Direct is one `members/get_info_v2` call. The gateway also resolves the access type of each group the member is in');
    out('(one `groups/get_info` call); the team\'s default group never changes, so it is looked up once per connector.');
    out();
    out(row(['row', 'connections', 'req/s', 'p50 ms', 'p99 ms', 'gateway / direct req/s', 'added p50 ms']));
    out(row(['---', '---:', '---:', '---:', '---:', '---:', '---:']));
    const bad = (r: LoadResult): string => (r.non2xx + r.errors > 0 ? ` (${r.non2xx + r.errors} failed)` : '');
    for (const connections of [1, 10, 100]) {
      const straight = await load(direct, { connections, seconds: SECONDS, method: 'POST', body: directBody, headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' } });
      out(row(['(3) direct: POST members/get_info_v2', String(connections), fmt(straight.rps) + bad(straight), fmt(straight.p50, 1), fmt(straight.p99, 1), '', '']));
      for (const read of reads) {
        const through = await load(`http://127.0.0.1:${gateway.port}${read.path}`, { connections, seconds: SECONDS, headers: ADMIN });
        out(row([read.label, String(connections), fmt(through.rps) + bad(through), fmt(through.p50, 1), fmt(through.p99, 1),
          `${fmt((100 * through.rps) / straight.rps)} %`, fmt(through.p50 - straight.p50, 1)]));
      }
    }
    out();

    out(`## query-all-ids of ${fmt(DROPBOX_MEMBERS)} Dropbox members, paged by 1,000 (gateway → sandbox)`);
    out();
    const walk = await withPeakRss(gateway.pid, async () => {
      let cookie: string | undefined;
      let pages = 0;
      let bytes = 0;
      const begun = process.hrtime.bigint();
      do {
        const r = await timed(gateway.port, 'GET', `/openidm/system/dropbox/__ACCOUNT__?_queryId=query-all-ids&_pageSize=1000${cookie ? `&_pagedResultsCookie=${encodeURIComponent(cookie)}` : ''}`);
        if (r.status !== 200) throw new Error(`query-all-ids page ${pages} answered ${r.status}`);
        pages++;
        bytes += r.bytes;
        cookie = /"pagedResultsCookie"\s*:\s*"([^"]+)"/.exec(r.text)?.[1];
      } while (cookie);
      return { pages, bytes, ms: Number(process.hrtime.bigint() - begun) / 1e6 };
    });
    out(row(['pages', 'time to last byte of last page ms', 'bytes', 'gateway RSS before MB', 'peak RSS growth MB']));
    out(row(['---:', '---:', '---:', '---:', '---:']));
    out(row([fmt(walk.result.pages), fmt(walk.result.ms), fmt(walk.result.bytes), fmt(walk.baseMb, 1), fmt(walk.peakMb - walk.baseMb, 1)]));
    out();

    out('## Writes through the Dropbox sandbox (10 concurrent clients, closed loop)');
    out();
    out(row(['operation', 'ops/s', 'failures']));
    out(row(['---', '---:', '---:']));
    const members = '/openidm/system/dropbox/__ACCOUNT__';
    const ids: string[] = [];
    const dbxN = 200;
    const dbxCreate = await closedLoop(gateway.port, dbxN, 10, (i) => ({ method: 'POST', path: `${members}?_action=create`, body: JSON.stringify({ email: `bench.${i}@example.com`, given_name: 'Bench', surname: `Member${i}` }) }), (text) => {
      const id = /"_id"\s*:\s*"([^"]+)"/.exec(text)?.[1];
      if (id) ids.push(id);
    });
    const dbxUpdate = await closedLoop(gateway.port, ids.length, 10, (i) => ({ method: 'PUT', path: `${members}/${encodeURIComponent(ids[i]!)}`, body: JSON.stringify({ given_name: `Updated${i}` }) }));
    const dbxDelete = await closedLoop(gateway.port, ids.length, 10, (i) => ({ method: 'DELETE', path: `${members}/${encodeURIComponent(ids[i]!)}` }));
    out(row(['create (members/add_v2)', fmt(dbxCreate.opsPerSec), String(dbxCreate.failures)]));
    out(row(['update (PUT: set_profile_v2)', fmt(dbxUpdate.opsPerSec), String(dbxUpdate.failures)]));
    out(row(['delete (members/remove + job)', fmt(dbxDelete.opsPerSec), String(dbxDelete.failures)]));
    out();

    out('## Queries on CSV');
    out();
    out('The first run of a filter scans the file snapshot; repeats of the same filter on an unchanged file are served');
    out('from the connector\'s small result cache (it makes paging through one result cheap), so both are shown.');
    out();
    out(row(['query', 'rows', 'first run ms', 'p50 ms (20 runs)', 'max ms', 'result bytes']));
    out(row(['---', '---:', '---:', '---:', '---:', '---:']));
    for (const rows of CSV_SIZES) {
      const load = await timed(gateway.port, 'GET', `/openidm/system/csv${rows}/__ACCOUNT__/user1`);
      console.log(`  (csv${rows} loaded in ${fmt(load.ms)} ms)`);
      for (const [label, filter] of [['indexed equality `uid eq`', `uid eq "user${rows - 7}"`], ['full scan `description co`', `description co "number ${rows - 7} "`]] as const) {
        const times: number[] = [];
        let bytes = 0;
        for (let i = 0; i < 20; i++) {
          const r = await timed(gateway.port, 'GET', `/openidm/system/csv${rows}/__ACCOUNT__?_queryFilter=${encodeURIComponent(filter)}`);
          times.push(r.ms);
          bytes = r.bytes;
        }
        out(row([label, fmt(rows), fmt(times[0]!, 2), fmt(median(times), 2), fmt(Math.max(...times), 2), fmt(bytes)]));
      }
    }
    out();

    out('## Streaming: `query-all-ids` and full query of 100,000 CSV rows');
    out();
    out(row(['request', 'time to last byte ms', 'bytes', 'gateway RSS before MB', 'peak RSS growth MB']));
    out(row(['---', '---:', '---:', '---:', '---:']));
    for (const [label, path] of [['_queryId=query-all-ids', '?_queryId=query-all-ids'], ['_queryFilter=true (all attributes)', '?_queryFilter=true']] as const) {
      const { result, peakMb, baseMb } = await withPeakRss(gateway.pid, () => timed(gateway.port, 'GET', `/openidm/system/csv100000/__ACCOUNT__${path}`));
      out(row([label, fmt(result.ms, 0), fmt(result.bytes), fmt(baseMb, 1), fmt(peakMb - baseMb, 1)]));
    }
    out();

    out('## Writes on CSV (10,000-row file, 10 concurrent clients, closed loop)');
    out();
    out(row(['operation', 'ops/s', 'failures']));
    out(row(['---', '---:', '---:']));
    const base = '/openidm/system/csv10000/__ACCOUNT__';
    const n = 500;
    const create = await closedLoop(gateway.port, n, 10, (i) => ({ method: 'POST', path: `${base}?_action=create`, body: JSON.stringify({ uid: `bench${i}`, lastName: 'Bench', email: `bench${i}@example.com` }) }));
    const update = await closedLoop(gateway.port, n, 10, (i) => ({ method: 'PUT', path: `${base}/bench${i}`, body: JSON.stringify({ description: `updated ${i}` }) }));
    const del = await closedLoop(gateway.port, n, 10, (i) => ({ method: 'DELETE', path: `${base}/bench${i}` }));
    out(row(['create', fmt(create.opsPerSec), String(create.failures)]));
    out(row(['update (PUT)', fmt(update.opsPerSec), String(update.failures)]));
    out(row(['delete', fmt(del.opsPerSec), String(del.failures)]));
    out();
  } finally {
    for (const t of targets) await t.stop();
    rmSync(instance, { recursive: true, force: true });
  }
  out(`Total bench time: ${fmt((Date.now() - started) / 1000, 0)} s.`);
  mkdirSync(join(REPO, 'docs'), { recursive: true });
  writeFileSync(join(REPO, 'docs', 'performance.md'), lines.join('\n') + '\n');
  console.log(`\nwritten to docs/performance.md`);
}

await main();
agent.destroy();
