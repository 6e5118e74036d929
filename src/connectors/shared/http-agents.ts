import http from 'node:http';
import https from 'node:https';
import type { Duplex } from 'node:stream';
import type { HttpSettings } from './saas-settings.js';

/** Error code of a connection that did not open within `connectionTimeout`. */
export const CONNECT_TIMEOUT_CODE = 'ECONNTIMEOUT';

/** The keep-alive agents of one system: one pool per scheme, sized by `maximumConnections`. */
export interface HttpAgents {
  readonly http: http.Agent;
  readonly https: https.Agent;
  destroy(): void;
}

/** Builds the system's agents with the pool size, connect timeout and TLS flags of its settings. */
export function createHttpAgents(settings: HttpSettings): HttpAgents {
  const pool = { keepAlive: true, maxSockets: settings.maximumConnections, maxFreeSockets: settings.maximumConnections, scheduling: 'lifo' as const };
  const tls: https.AgentOptions = {
    rejectUnauthorized: !settings.acceptSelfSignedCertificates,
    // Skipping only the host-name check keeps chain validation (unlike acceptSelfSignedCertificates).
    ...(settings.disableHostNameVerifier ? { checkServerIdentity: () => undefined } : {}),
  };
  const httpAgent = withConnectTimeout(new http.Agent(pool), settings.connectionTimeoutMs);
  const httpsAgent = withConnectTimeout(new https.Agent({ ...pool, ...tls }), settings.connectionTimeoutMs);
  return {
    http: httpAgent,
    https: httpsAgent,
    destroy: () => {
      httpAgent.destroy();
      httpsAgent.destroy();
    },
  };
}

type CreateConnection = (options: object, callback?: (err: Error | null, socket: Duplex) => void) => Duplex;

/** Node has no connect timeout of its own: destroy a socket that is not connected in time. */
function withConnectTimeout<A extends http.Agent>(agent: A, timeoutMs: number): A {
  const target = agent as unknown as { createConnection: CreateConnection };
  const original = target.createConnection.bind(agent);
  target.createConnection = (options, callback) => {
    const socket = original(options, callback);
    const connectedEvent = agent instanceof https.Agent ? 'secureConnect' : 'connect';
    const timer = setTimeout(() => {
      const error = Object.assign(new Error(`connection not established within ${timeoutMs} ms`), { code: CONNECT_TIMEOUT_CODE });
      socket.destroy(error);
    }, timeoutMs);
    timer.unref();
    const clear = (): void => clearTimeout(timer);
    socket.once(connectedEvent, clear);
    socket.once('close', clear);
    return socket;
  };
  return agent;
}
