// node scripts/profile/owners.mjs file.cpuprofile REQS : each sample goes to the first owner (in list order) found anywhere in its stack
import { readFileSync } from 'node:fs';
const p = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const REQ = Number(process.argv[3] ?? 0);
const O = [
  ['idle', /^\(idle\)/], ['gc', /^\(garbage collector\)/],
  ['startup/module load', /node:internal\/modules|ModuleJob|loadDirectory|seedMembers|compile nm:ajv/],
  ['token source', /oauth-token-source|authenticator\.js/],
  ['axios request (client side, incl. node http client)', /nm:axios/],
  ['backend response (socket read, parse)', /_http_client|socketOnData|parserOnIncomingClient/],
  ['http-client.ts own', /connectors\/shared\/http-client/],
  ['dropbox connector', /connectors\/dropbox/],
  ['facade/provisioner', /dist\/provisioner/],
  ['auth', /dist\/auth/],
  ['observability', /dist\/observability|prom-client/],
  ['response send', /sendResource|sendJson/],
  ['system routes', /system-routes|crest/],
  ['express/router/helmet/body', /nm:(express|router|helmet|body-parser|path-to-regexp|parseurl)/],
  ['node http server', /_http_server|_http_common|_http_incoming|_http_outgoing/],
  ['microtasks', /runMicrotasks|processTicksAndRejections/],
];
const byId = new Map(p.nodes.map((n) => [n.id, n]));
const parent = new Map();
for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
const label = (n) => `${n.callFrame.functionName || '(anon)'} ${n.callFrame.url.replace(/^file:\/\//, '').replace(/^.*?\/(dist\/)/, '$1').replace(/.*node_modules\//, 'nm:')}:${n.callFrame.lineNumber + 1}`;
const cache = new Map();
const ownerOf = (id) => {
  if (cache.has(id)) return cache.get(id);
  const labels = []; for (let cur = id; cur !== undefined; cur = parent.get(cur)) labels.push(label(byId.get(cur)));
  let o = 'other'; for (const [name, re] of O) if (labels.some((l) => re.test(l))) { o = name; break; }
  cache.set(id, o); return o;
};
const agg = new Map(); let total = 0;
for (let i = 0; i < p.samples.length; i++) { const t = p.timeDeltas[i] ?? 0; total += t; const o = ownerOf(p.samples[i]); agg.set(o, (agg.get(o) ?? 0) + t); }
const busy = total - (agg.get('idle') ?? 0) - (agg.get('startup/module load') ?? 0);
console.log(`busy (w/o idle, startup) ${(busy / 1000).toFixed(0)} ms`);
[...agg].sort((a, b) => b[1] - a[1]).forEach(([k, v]) => console.log(`${(100 * v / busy).toFixed(1).padStart(6)}%  ${REQ ? (v / REQ).toFixed(1).padStart(7) + 'us' : ''}  ${k}`));
