import { Agent, createServer, request, type Server } from 'node:http';
import { gracefulShutdown, trackResponses } from '../../src/graceful-shutdown.js';

function listen(handler: Parameters<typeof createServer>[1]): Promise<{ server: Server; port: number }> {
  const server = createServer(handler);
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => {
    const address = server.address();
    resolve({ server, port: typeof address === 'object' && address ? address.port : 0 });
  }));
}

function get(port: number): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    request({ port, host: '127.0.0.1', path: '/', agent: false }, (res) => {
      let body = '';
      res.on('data', (c: Buffer) => (body += c.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    }).on('error', reject).end();
  });
}

test('when shutdown starts during a slow request, then that request completes, new ones are refused, and cleanup runs after', async () => {
  const events: string[] = [];
  const { server, port } = await listen((_req, res) => {
    setTimeout(() => {
      events.push('response');
      res.end('done');
    }, 200);
  });
  const inFlight = get(port);
  await new Promise((r) => setTimeout(r, 50));
  const stopping = gracefulShutdown(server, async () => {
    events.push('cleanup');
  });
  await expect(get(port)).rejects.toThrow();
  expect(await inFlight).toEqual({ status: 200, body: 'done' });
  expect(await stopping).toBe(true);
  expect(events).toEqual(['response', 'cleanup']);
});

test('when the in-flight request was on a keep-alive connection, then shutdown ends soon after it, not after the keep-alive timeout', async () => {
  const { server, port } = await listen((_req, res) => {
    setTimeout(() => res.end('done'), 200);
  });
  const agent = new Agent({ keepAlive: true });
  const inFlight = new Promise<string>((resolve, reject) => {
    request({ port, host: '127.0.0.1', path: '/', agent }, (res) => {
      let body = '';
      res.on('data', (c: Buffer) => (body += c.toString()));
      res.on('end', () => resolve(body));
    }).on('error', reject).end();
  });
  await new Promise((r) => setTimeout(r, 50));
  const started = Date.now();
  const stopping = gracefulShutdown(server, async () => undefined);
  expect(await inFlight).toBe('done');
  expect(await stopping).toBe(true);
  expect(Date.now() - started).toBeLessThan(1_000);
  agent.destroy();
});

test('when a request outlives the grace period, then its connection is cut and cleanup still runs', async () => {
  let cleaned = false;
  const { server, port } = await listen(() => undefined);
  const hanging = get(port).catch((error: Error) => error);
  await new Promise((r) => setTimeout(r, 50));
  const inTime = await gracefulShutdown(server, async () => {
    cleaned = true;
  }, 100);
  expect(inTime).toBe(false);
  expect(cleaned).toBe(true);
  expect(await hanging).toMatchObject({ code: 'ECONNRESET' });
});

test('when shutdown starts while an answer on a keep-alive connection is pending, then that answer says Connection: close, so the client does not reuse it', async () => {
  const { server, port } = await listen((_req, res) => {
    setTimeout(() => res.end('done'), 200);
  });
  trackResponses(server);
  const agent = new Agent({ keepAlive: true });
  const answer = new Promise<{ connection: string | undefined; body: string }>((resolve, reject) => {
    request({ port, host: '127.0.0.1', path: '/', agent }, (res) => {
      let body = '';
      res.on('data', (c: Buffer) => (body += c.toString()));
      res.on('end', () => resolve({ connection: res.headers.connection, body }));
    }).on('error', reject).end();
  });
  await new Promise((r) => setTimeout(r, 50));
  const stopping = gracefulShutdown(server, async () => undefined);
  expect(await answer).toEqual({ connection: 'close', body: 'done' });
  expect(await stopping).toBe(true);
  agent.destroy();
});

test('when no shutdown is under way, then tracked answers keep their connection alive', async () => {
  const { server, port } = await listen((_req, res) => res.end('done'));
  trackResponses(server);
  const agent = new Agent({ keepAlive: true });
  const connection = await new Promise<string | undefined>((resolve, reject) => {
    request({ port, host: '127.0.0.1', path: '/', agent }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.headers.connection));
    }).on('error', reject).end();
  });
  expect(connection).toBe('keep-alive');
  agent.destroy();
  await gracefulShutdown(server, async () => undefined);
});
