import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, totalmem, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Agent, request } from 'node:http';
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
  return dir;
}

const agent = new Agent({ keepAlive: true, maxSockets: 256 });

/** One request, timed to the last byte. */
function timed(port: number, method: string, path: string, body?: string): Promise<{ status: number; ms: number; bytes: number }> {
  const started = process.hrtime.bigint();
  return new Promise((resolvePromise, reject) => {
    const req = request({ port, host: '127.0.0.1', method, path, agent, headers: { ...ADMIN, ...(body ? { 'Content-Type': 'application/json' } : {}) } }, (res) => {
      let bytes = 0;
      res.on('data', (c: Buffer) => {
        bytes += c.length;
      });
      res.on('end', () => resolvePromise({ status: res.statusCode ?? 0, bytes, ms: Number(process.hrtime.bigint() - started) / 1e6 }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** Closed loop: `workers` concurrent clients issue `total` requests made by `make(i)`; returns ops/s. */
async function closedLoop(port: number, total: number, workers: number, make: (i: number) => { method: string; path: string; body?: string }): Promise<{ opsPerSec: number; failures: number }> {
  let next = 0;
  let failures = 0;
  const started = process.hrtime.bigint();
  await Promise.all(Array.from({ length: workers }, async () => {
    while (next < total) {
      const r = make(next++);
      const res = await timed(port, r.method, r.path, r.body);
      if (res.status >= 300) failures++;
    }
  }));
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  return { opsPerSec: total / seconds, failures };
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

  const instance = makeInstance([10_000, 100_000]);
  const targets: Target[] = [];
  try {
    const ceiling = await startTarget('target-ceiling');
    const bare = await startTarget('target-bare');
    const gateway = await startTarget('target-gateway', { IDM_INSTANCE_DIR: instance, IDM_SANDBOX: 'false' });
    targets.push(ceiling, bare, gateway);
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

    out('## Queries on CSV');
    out();
    out(row(['query', 'rows', 'p50 ms (20 runs)', 'max ms', 'result bytes']));
    out(row(['---', '---:', '---:', '---:', '---:']));
    for (const rows of [10_000, 100_000]) {
      await timed(gateway.port, 'GET', `/openidm/system/csv${rows}/__ACCOUNT__/user1`);
      for (const [label, filter] of [['indexed equality `uid eq`', `uid eq "user${rows - 7}"`], ['full scan `description co`', `description co "number ${rows - 7} "`]] as const) {
        const times: number[] = [];
        let bytes = 0;
        for (let i = 0; i < 20; i++) {
          const r = await timed(gateway.port, 'GET', `/openidm/system/csv${rows}/__ACCOUNT__?_queryFilter=${encodeURIComponent(filter)}`);
          times.push(r.ms);
          bytes = r.bytes;
        }
        out(row([label, fmt(rows), fmt(median(times), 2), fmt(Math.max(...times), 2), fmt(bytes)]));
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
