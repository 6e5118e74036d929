import type { IncomingMessage, Server, ServerResponse } from 'node:http';

/** How soon a connection that went idle during shutdown is closed. */
const IDLE_SWEEP_MS = 50;

interface Tracked {
  readonly open: Set<ServerResponse>;
  readonly closes: (req: IncomingMessage) => boolean;
}

const tracked = new WeakMap<Server, Tracked>();

/**
 * Remembers the server's answers in flight, so that a shutdown can send them with
 * `Connection: close`: a client must not reuse a connection the shutdown is about to close.
 * `closes` picks the requests this applies to (default: all).
 */
export function trackResponses(server: Server, closes: (req: IncomingMessage) => boolean = () => true): void {
  const open = new Set<ServerResponse>();
  tracked.set(server, { open, closes });
  // Ahead of the app: Express rewrites req.url as it routes.
  server.prependListener('request', (req: IncomingMessage, res: ServerResponse) => {
    if (!closes(req)) return;
    open.add(res);
    res.once('close', () => open.delete(res));
  });
}

/**
 * Stops a server the way a rolling deploy needs: refuse new connections, let in-flight requests
 * finish (idle keep-alive sockets are closed at once), then run `cleanup` (flush CSV/lowdb writes).
 * After `graceMs` the remaining sockets are cut so a stuck client cannot hold the process.
 * For a server passed to trackResponses, answers not yet started and requests still arriving on
 * open connections go out with `Connection: close`.
 * @returns true when everything finished within the grace period.
 */
export async function gracefulShutdown(server: Server, cleanup: () => Promise<void>, graceMs = 10_000): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const track = tracked.get(server);
  if (track) {
    for (const res of track.open) if (!res.headersSent) res.setHeader('Connection', 'close');
    server.prependListener('request', (req: IncomingMessage, res: ServerResponse) => {
      if (track.closes(req)) res.setHeader('Connection', 'close');
    });
  }
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
