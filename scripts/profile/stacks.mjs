// node scripts/profile/stacks.mjs file.cpuprofile REGEX: where the time of frames matching REGEX comes from (outermost match and its 3 callers)
import { readFileSync } from 'node:fs';
const p = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const re = new RegExp(process.argv[3]);
const byId = new Map(p.nodes.map((n) => [n.id, n]));
const parent = new Map();
for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
const dt = new Map(); let total = 0;
for (let i = 0; i < p.samples.length; i++) { dt.set(p.samples[i], (dt.get(p.samples[i]) ?? 0) + (p.timeDeltas[i] ?? 0)); total += p.timeDeltas[i] ?? 0; }
const label = (n) => `${n.callFrame.functionName || '(anon)'} ${n.callFrame.url.replace(/^file:\/\//, '').replace(/^.*?\/(dist\/)/, '$1').replace(/.*node_modules\//, 'nm:')}:${n.callFrame.lineNumber + 1}`;
const agg = new Map(); let hit = 0;
for (const [id, t] of dt) {
  const chain = [];
  for (let cur = id; cur !== undefined; cur = parent.get(cur)) chain.push(byId.get(cur));
  // outermost matching frame
  let idx = -1;
  for (let i = chain.length - 1; i >= 0; i--) if (re.test(label(chain[i]))) { idx = i; break; }
  if (idx < 0) continue;
  hit += t;
  const callers = chain.slice(idx + 1, idx + 4).map(label).join(' <- ');
  const k = `${label(chain[idx])}  [called from ${callers}]`;
  agg.set(k, (agg.get(k) ?? 0) + t);
}
console.log(`matching: ${(100 * hit / total).toFixed(1)}% of ${(total/1000).toFixed(0)} ms`);
[...agg].sort((a, b) => b[1] - a[1]).slice(0, 15).forEach(([k, v]) => console.log(`${(100 * v / total).toFixed(1).padStart(5)}%  ${k}`));
