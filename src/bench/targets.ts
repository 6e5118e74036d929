import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** A server process under load: its port and pid, for RSS sampling. */
export interface Target {
  readonly port: number;
  readonly pid: number;
  stop(): Promise<void>;
}

/** Starts `dist/bench/<script>.js` in its own process and waits for its `PORT=` line. */
export function startTarget(script: string, env: Record<string, string> = {}): Promise<Target> {
  const child: ChildProcess = spawn(process.execPath, [join(import.meta.dirname, `${script}.js`)], {
    env: { ...process.env, LOG_LEVEL: 'silent', ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    let buffer = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      buffer += chunk.toString();
      const match = /PORT=(\d+)/.exec(buffer);
      if (match) {
        resolve({
          port: Number(match[1]),
          pid: child.pid!,
          stop: () => new Promise((done) => {
            child.once('exit', () => done());
            child.kill('SIGTERM');
          }),
        });
      }
    });
    child.once('exit', (code) => reject(new Error(`${script} exited with ${code} before listening`)));
  });
}

/** Resident set size of a process in MB (Linux /proc). */
export function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return kb / 1024;
}

/** Samples a process's RSS every 20 ms while `work` runs; returns the work's result and the peak. */
export async function withPeakRss<T>(pid: number, work: () => Promise<T>): Promise<{ result: T; peakMb: number; baseMb: number }> {
  const baseMb = rssMb(pid);
  let peakMb = baseMb;
  const timer = setInterval(() => {
    peakMb = Math.max(peakMb, rssMb(pid));
  }, 20);
  try {
    const result = await work();
    peakMb = Math.max(peakMb, rssMb(pid));
    return { result, peakMb, baseMb };
  } finally {
    clearInterval(timer);
  }
}
