// node scripts/profile/top.mjs file.cpuprofile [N] : self-time top frames and inclusive by file/package
import { readFileSync } from 'node:fs';
const p = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const N = Number(process.argv[3] ?? 30);
const byId = new Map(p.nodes.map((n) => [n.id, n]));
const self = new Map();
const dt = new Map();
for (let i = 0; i < p.samples.length; i++) dt.set(p.samples[i], (dt.get(p.samples[i]) ?? 0) + (p.timeDeltas[i] ?? 0));
let total = 0;
const parent = new Map();
for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
const label = (n) => { const u = n.callFrame.url.replace(/^file:\/\//, '').replace(/^.*?\/(dist\/)/, '$1'); return `${n.callFrame.functionName || '(anon)'} ${u.replace(/.*node_modules\//, 'nm:')}:${n.callFrame.lineNumber + 1}`; };
const area = (n) => { const u = n.callFrame.url; if (!u) return n.callFrame.functionName.startsWith('(') ? n.callFrame.functionName : '(native)'; const m = /node_modules\/((@[^/]+\/)?[^/]+)/.exec(u); if (m) return 'nm:' + m[1]; if (u.startsWith('node:')) return u; return u.replace(/^file:\/\/.*?\/(dist\/)/, '$1'); };
const incl = new Map();
const selfArea = new Map();
const inclArea = new Map();
for (const [id, t] of dt) {
  total += t;
  const n = byId.get(id);
  self.set(label(n), (self.get(label(n)) ?? 0) + t);
  selfArea.set(area(n), (selfArea.get(area(n)) ?? 0) + t);
  const seen = new Set(), seenA = new Set();
  for (let cur = id; cur !== undefined; cur = parent.get(cur)) {
    const cn = byId.get(cur); const l = label(cn); const a = area(cn);
    if (!seen.has(l)) { seen.add(l); incl.set(l, (incl.get(l) ?? 0) + t); }
    if (!seenA.has(a)) { seenA.add(a); inclArea.set(a, (inclArea.get(a) ?? 0) + t); }
  }
}
const pr = (m, title) => { console.log(`--- ${title} (total ${(total / 1000).toFixed(0)} ms)`); [...m].sort((a, b) => b[1] - a[1]).slice(0, title.startsWith("self by") ? 40 : N).forEach(([k, v]) => console.log(`${(100 * v / total).toFixed(1).padStart(5)}%  ${k}`)); };
pr(self, 'self');
if (process.env.INCL) pr(incl, 'inclusive');
pr(selfArea, 'self by file/package');
pr(inclArea, 'inclusive by file/package');
