// Narrow, repeatable slices of `npm run bench` for profiling (see docs/profiling.md). Needs `npm run build`.
//   ROWS=csv,dbx,walk   which rows: GET one CSV object (gateway vs bare Express), GET one Dropbox member
//                       (gateway vs direct sandbox), query-all-ids walk of the Dropbox members
//   CONNS=1,10  SECS=5  MEMBERS=<sandbox members>  WALKS=1  NOBARE=1 (skip the bare-Express target)
//   REPO=<dir>          the checkout whose dist/ runs (compare two builds side by side)
//   PROFILE=1           --cpu-prof of the gateway into PROFDIR (default /tmp/idm-profile)
//   BAREPROF=1          --cpu-prof of the bare-Express target into PROFDIR/bare
//   HEAPSAMPLE=1        inspector heap sampling incl. collected objects (heapsample.mjs) into PROFDIR
//   TRACEGC=1           --trace-gc summary of the gateway
// Each load row also prints the target's CPU time per request (utime+stime from /proc over the
// row / requests): far steadier than req/s on a 2-core machine shared with the load generator.
import { mkdirSync, mkdtempSync, copyFileSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { request, Agent } from 'node:http';
const gcLines = [];
const REPO = process.env.REPO ?? fileURLToPath(new URL('../..', import.meta.url));
const { withPeakRss } = await import(`${REPO}/dist/bench/targets.js`);
import { spawn } from 'node:child_process';
function startTarget(script, env = {}, args = []) {
  const child = spawn(process.execPath, [...args, join(REPO, 'dist/bench', `${script}.js`)], { env: { ...process.env, LOG_LEVEL: 'silent', ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
  if (process.env.TRACEGC && script === 'target-gateway') child.stdout.on('data', (c) => { for (const l of String(c).split('\n')) if (/Mark-Compact|Scavenge/.test(l)) gcLines.push(l); });
  return new Promise((resolve, reject) => {
    let buffer = '';
    child.stdout.on('data', (c) => { buffer += c; const m = /PORT=(\d+)/.exec(buffer); if (m) resolve({ port: Number(m[1]), pid: child.pid, stop: () => new Promise((d) => { child.once('exit', () => d()); child.kill('SIGTERM'); }) }); });
    child.once('exit', (code) => reject(new Error(`${script} exited ${code}`)));
  });
}
const { load } = await import(`${REPO}/dist/bench/load.js`);
const { DROPBOX_SANDBOX_CREDENTIALS } = await import(`${REPO}/dist/sandbox/dropbox/dropbox-credentials.js`);
const SECONDS = Number(process.env.SECS ?? 5);
const ROWS = (process.env.ROWS ?? 'csv,dbx,walk').split(',');
const CONNS = (process.env.CONNS ?? '1,10').split(',').map(Number);
const MEMBERS = Number(process.env.MEMBERS ?? (ROWS.includes('walk') ? 100000 : 1000));
const ADMIN = { 'X-OpenIDM-Username': 'openidm-admin', 'X-OpenIDM-Password': 'openidm-admin' };
const profDir = process.env.PROFDIR ?? '/tmp/idm-profile';
const gwArgs = [...(process.env.PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${profDir}`] : []), ...(process.env.HEAPPROF ? ['--heap-prof', `--heap-prof-dir=${profDir}`] : []), ...(process.env.TRACEGC ? ['--trace-gc'] : []), ...(process.env.HEAPSAMPLE ? ['--import', fileURLToPath(new URL('./heapsample.mjs', import.meta.url))] : [])];

function csvRows(count) {
  const rows = ['"uid","username","firstName","lastName","email","mobileTelephoneNumber","description","password"'];
  for (let i = 0; i < count; i++) rows.push(`"user${i}","user${i}@example.com","First${i}","Last${i % 977}","user${i}@example.com","+1 555 ${String(i).padStart(7, '0')}","Generated row number ${i} for the benchmark","Passw0rd!${i}"`);
  return rows.join('\n') + '\n';
}
const dir = mkdtempSync(join(tmpdir(), 'idm-nb-'));
mkdirSync(join(dir, 'conf')); mkdirSync(join(dir, 'data'));
copyFileSync(join(REPO, 'conf', 'users.json'), join(dir, 'conf', 'users.json'));
const csvConf = JSON.parse(readFileSync(join(REPO, 'conf', 'provisioner.openicf-csv.json'), 'utf8'));
writeFileSync(join(dir, 'data', 'csv100000.csv'), csvRows(100000));
csvConf.name = 'csv100000'; csvConf.configurationProperties.csvFile = '&{idm.instance.dir}/data/csv100000.csv';
writeFileSync(join(dir, 'conf', 'provisioner.openicf-csv100000.json'), JSON.stringify(csvConf));
copyFileSync(join(REPO, 'conf', 'provisioner.openicf-dropbox.json'), join(dir, 'conf', 'provisioner.openicf-dropbox.json'));

const agent = new Agent({ keepAlive: true });
function timed(port, path) {
  const t = process.hrtime.bigint();
  return new Promise((res, rej) => {
    const req = request({ port, host: '127.0.0.1', path, agent, headers: ADMIN }, (r) => {
      let bytes = 0, tail = '';
      r.on('data', (c) => { bytes += c.length; tail = (tail + c.toString()).slice(-4096); });
      r.on('end', () => res({ status: r.statusCode, bytes, text: tail, ms: Number(process.hrtime.bigint() - t) / 1e6 }));
    });
    req.on('error', rej); req.end();
  });
}
const fmt = (n) => n.toFixed(1);
const cpuMs = (pid) => { const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' '); return (Number(f[11]) + Number(f[12])) * 10; };
async function measured(pid, fn) { const c0 = cpuMs(pid); const r = await fn(); const c = cpuMs(pid) - c0; r.cpuUs = 1000 * c / (r.rps * SECONDS); return r; }
const needDbx = ROWS.includes('dbx') || ROWS.includes('walk');
const bare = ROWS.includes('csv') && !process.env.NOBARE ? await startTarget('target-bare', {}, process.env.BAREPROF ? ['--cpu-prof', `--cpu-prof-dir=${profDir}/bare`] : []) : undefined;
const dropbox = needDbx ? await startTarget('target-sandbox', { BENCH_MEMBERS: String(MEMBERS) }) : undefined;
const gateway = await startTarget('target-gateway', { IDM_INSTANCE_DIR: dir, IDM_SANDBOX: 'false', ...(dropbox ? { BENCH_SANDBOX_URL: `http://127.0.0.1:${dropbox.port}/sandbox` } : {}), }, gwArgs);
try {
  const onePath = '/openidm/system/csv100000/__ACCOUNT__/user4242';
  if (ROWS.includes('csv')) {
    await timed(gateway.port, onePath);
    for (const c of CONNS) {
      const b = bare ? await measured(bare.pid, () => load(`http://127.0.0.1:${bare.port}${onePath}`, { connections: c, seconds: SECONDS })) : { rps: NaN };
      const g = await measured(gateway.pid, () => load(`http://127.0.0.1:${gateway.port}${onePath}`, { connections: c, seconds: SECONDS, headers: ADMIN }));
      console.log(`csv c=${c} bare ${b.rps.toFixed(0)} rps p50 ${b.p50} cpu/req ${b.cpuUs?.toFixed(0)}us  gateway ${g.rps.toFixed(0)} rps p50 ${g.p50} p99 ${g.p99} fail ${g.non2xx + g.errors} cpu/req ${g.cpuUs.toFixed(0)}us  ratio ${(100 * g.rps / b.rps).toFixed(0)} %`);
    }
  }
  if (ROWS.includes('dbx')) {
    const r = await fetch(`http://127.0.0.1:${dropbox.port}/sandbox/dropbox/oauth2/token`, { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: DROPBOX_SANDBOX_CREDENTIALS.refreshToken, client_id: DROPBOX_SANDBOX_CREDENTIALS.clientId, client_secret: DROPBOX_SANDBOX_CREDENTIALS.clientSecret }) });
    const token = (await r.json()).access_token;
    const memberPath = '/openidm/system/dropbox/__ACCOUNT__/TEAM_MEMBER_ID' + (process.env.DBX_QS ?? '');
    const first = await timed(gateway.port, memberPath);
    console.log('first member read', first.status, first.ms.toFixed(1), 'ms');
    for (const c of CONNS) {
      const d = await load(`http://127.0.0.1:${dropbox.port}/sandbox/dropbox/2/team/members/get_info_v2`, { connections: c, seconds: SECONDS, method: 'POST', body: JSON.stringify({ members: [{ '.tag': 'team_member_id', team_member_id: 'TEAM_MEMBER_ID' }] }), headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' } });
      const g = await measured(gateway.pid, () => load(`http://127.0.0.1:${gateway.port}${memberPath}`, { connections: c, seconds: SECONDS, headers: ADMIN }));
      console.log(`dbx c=${c} direct ${d.rps.toFixed(0)} rps p50 ${d.p50}  gateway ${g.rps.toFixed(0)} rps p50 ${g.p50} p99 ${g.p99} fail ${g.non2xx + g.errors} cpu/req ${g.cpuUs.toFixed(0)}us  ratio ${(100 * g.rps / d.rps).toFixed(0)} % added p50 ${g.p50 - d.p50}`);
    }
  }
  if (ROWS.includes('walk')) {
    for (let rep = 0; rep < Number(process.env.WALKS ?? 1); rep++) {
      const walk = await withPeakRss(gateway.pid, async () => {
        let cookie, pages = 0, bytes = 0; const t = process.hrtime.bigint();
        do {
          const r = await timed(gateway.port, `/openidm/system/dropbox/__ACCOUNT__?_queryId=query-all-ids&_pageSize=1000${cookie ? `&_pagedResultsCookie=${encodeURIComponent(cookie)}` : ''}`);
          if (r.status !== 200) throw new Error(`page ${pages} ${r.status}`);
          pages++; bytes += r.bytes;
          cookie = /"pagedResultsCookie"\s*:\s*"([^"]+)"/.exec(r.text)?.[1];
        } while (cookie);
        return { pages, bytes, ms: Number(process.hrtime.bigint() - t) / 1e6 };
      });
      console.log(`walk pages ${walk.result.pages} ms ${walk.result.ms.toFixed(0)} bytes ${walk.result.bytes} rss before ${fmt(walk.baseMb)} growth ${fmt(walk.peakMb - walk.baseMb)}`);
    }
  }
} finally {
  await gateway.stop(); if (dropbox) await dropbox.stop(); if (bare) await bare.stop();
  rmSync(dir, { recursive: true, force: true });
  agent.destroy();
  if (process.env.TRACEGC) { const mc = gcLines.filter((l) => /Mark-Compact/.test(l)); console.log('scavenges', gcLines.length - mc.length, 'mark-compacts', mc.length); mc.slice(-8).forEach((l) => console.log(l.replace(/^\[\d+:0x[0-9a-f]+\]\s+/, ''))); }
}
