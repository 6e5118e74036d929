import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';

/** What a scripted loopback server saw of one request. */
export interface SeenRequest {
  readonly method: string;
  readonly url: string;
  readonly headers: http.IncomingHttpHeaders;
  readonly body: string;
}

/** Answers a request: status, headers and body; or 'reset' to drop the connection. */
export interface Answer {
  status: number;
  headers?: Record<string, string>;
  body?: string;
  delayMs?: number;
}
export type Reply = Answer | 'reset';

/** A real HTTP(S) server on 127.0.0.1:0 that records requests and answers with a script. */
export interface LoopbackServer {
  readonly url: string;
  readonly seen: SeenRequest[];
  /** Most concurrent open requests observed. */
  readonly maxConcurrent: () => number;
  close(): Promise<void>;
}

export async function startLoopbackServer(
  handler: (req: SeenRequest, index: number) => Reply | Promise<Reply>,
  tls?: { key: string; cert: string },
): Promise<LoopbackServer> {
  const seen: SeenRequest[] = [];
  let open = 0;
  let peak = 0;
  const listener = (req: http.IncomingMessage, res: http.ServerResponse): void => {
    open++;
    peak = Math.max(peak, open);
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const request: SeenRequest = { method: req.method ?? '', url: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') };
      seen.push(request);
      void Promise.resolve(handler(request, seen.length - 1)).then(async (reply) => {
        if (reply === 'reset') {
          open--;
          req.socket.destroy();
          return;
        }
        if (reply.delayMs) await new Promise((r) => setTimeout(r, reply.delayMs));
        open--;
        res.writeHead(reply.status, { 'Content-Type': 'application/json', ...reply.headers });
        res.end(reply.body ?? '');
      });
    });
  };
  const server = tls ? https.createServer(tls, listener) : http.createServer(listener);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `${tls ? 'https' : 'http'}://127.0.0.1:${port}`,
    seen,
    maxConcurrent: () => peak,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** JSON reply helper. */
export function json(status: number, body: unknown, headers: Record<string, string> = {}): Answer {
  return { status, headers, body: JSON.stringify(body) };
}
