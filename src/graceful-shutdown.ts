import type { Server } from 'node:http';

/** How soon a connection that went idle during shutdown is closed. */
const IDLE_SWEEP_MS = 50;

/**
 * Stops a server the way a rolling deploy needs: refuse new connections, let in-flight requests
 * finish (idle keep-alive sockets are closed at once), then run `cleanup` (flush CSV/lowdb writes).
 * After `graceMs` the remaining sockets are cut so a stuck client cannot hold the process.
 * @returns true when everything finished within the grace period.
 */
export async function gracefulShutdown(server: Server, cleanup: () => Promise<void>, graceMs = 10_000): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  // A keep-alive connection whose request ends during shutdown is idle only then: closing idle
  // ones once would leave it (and the close) waiting for the keep-alive timeout.
  const sweeper = setInterval(() => server.closeIdleConnections(), IDLE_SWEEP_MS);
  const closed = new Promise<boolean>((resolve) => {
    server.close(() => resolve(true));
    server.closeIdleConnections();
  });
  const expired = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => {
      server.closeAllConnections();
      resolve(false);
    }, graceMs);
  });
  const inTime = await Promise.race([closed, expired]);
  if (timer) clearTimeout(timer);
  clearInterval(sweeper);
  await cleanup();
  return inTime;
}
