// node scripts/profile/heaptop.mjs file.heapprofile [N]: allocation sites by sampled bytes (with 2 callers)
import { readFileSync } from 'node:fs';
const p = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const N = Number(process.argv[3] ?? 25);
const self = new Map(); let total = 0;
const label = (n) => `${n.callFrame.functionName || '(anon)'} ${n.callFrame.url.replace(/^file:\/\//, '').replace(/^.*?\/(dist\/)/, '$1').replace(/.*node_modules\//, 'nm:')}:${n.callFrame.lineNumber + 1}`;
const walk = (n, path) => { const l = label(n); const s = n.selfSize; total += s; if (s) self.set(l + '  <- ' + path.slice(-2).join(' <- '), (self.get(l + '  <- ' + path.slice(-2).join(' <- ')) ?? 0) + s); for (const c of n.children) walk(c, [...path, l].slice(-3)); };
walk(p.head, []);
console.log(`sampled allocations total ${(total / 2 ** 20).toFixed(0)} MB`);
[...self].sort((a, b) => b[1] - a[1]).slice(0, N).forEach(([k, v]) => console.log(`${(v / 2 ** 20).toFixed(1).padStart(7)} MB  ${k}`));
