import type { Server } from 'node:http';

/**
 * Stops a server the way a rolling deploy needs: refuse new connections, let in-flight requests
 * finish (idle keep-alive sockets are closed at once), then run `cleanup` (flush CSV/lowdb writes).
 * After `graceMs` the remaining sockets are cut so a stuck client cannot hold the process.
 * @returns true when everything finished within the grace period.
 */
export async function gracefulShutdown(server: Server, cleanup: () => Promise<void>, graceMs = 10_000): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
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
  await cleanup();
  return inTime;
}
