// Preloaded into the gateway by narrow.mjs (HEAPSAMPLE=1): samples allocations including objects the GC
// already collected (what --heap-prof leaves out), written as a .heapprofile on SIGTERM.
import { Session } from 'node:inspector';
import { mkdirSync, writeFileSync } from 'node:fs';
const s = new Session(); s.connect();
s.post('HeapProfiler.enable');
s.post('HeapProfiler.startSampling', { samplingInterval: 16384, includeObjectsCollectedByMajorGC: true, includeObjectsCollectedByMinorGC: true });
process.prependListener('SIGTERM', () => {
  s.post('HeapProfiler.stopSampling', (err, r) => { if (err) console.error(err); else { mkdirSync(process.env.PROFDIR ?? '/tmp/idm-profile', { recursive: true }); writeFileSync(`${process.env.PROFDIR ?? '/tmp/idm-profile'}/heap-${process.pid}.heapprofile`, JSON.stringify(r.profile)); } });
});
