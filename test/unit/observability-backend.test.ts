import type {
  BackendObserver, Connector, ConnectorType, OperationContext, SearchOp, SearchPage,
} from '../../src/provisioner/spi.js';
import { BackendObservers, type BackendSink } from '../../src/observability/backend-observers.js';
import { ADMIN, captureLogs, metricSample, startGateway, type CapturedLogs, type Gateway } from '../support/gateway-harness.js';

/** A connector that reports what an HTTP connector would: a token fetch, a 503 retried, a 200. */
class ChattyConnector implements Connector, SearchOp {
  constructor(private readonly observer: BackendObserver | undefined) {}

  /** Nothing to release. */
  async dispose(): Promise<void> {
    return undefined;
  }

  async search(_objectClass: string, _query: unknown, _options: unknown, ctx: OperationContext): Promise<SearchPage> {
    const o = this.observer;
    o?.tokenRefreshed('success');
    o?.call({ operation: ctx.operation, method: 'POST', route: 'token', status: 200, durationMs: 12 });
    o?.call({ operation: ctx.operation, method: 'GET', route: '/2.0/users', status: 503, durationMs: 30 });
    o?.retry(ctx.operation, '503', 40);
    o?.call({ operation: ctx.operation, method: 'GET', route: '/2.0/users', status: 200, durationMs: 250 });
    return { objects: [{ objectClass: '__ACCOUNT__', uid: { value: 'u1' }, attributes: { __NAME__: 'u1' } }] };
  }
}

/** Records whether the gateway handed the connector an observer at all. */
const built: { observer: BackendObserver | undefined; systemName: string }[] = [];

const chattyType: ConnectorType = {
  connectorRef: {
    bundleName: 'org.example.chatty', bundleVersion: '1.0.0', connectorName: 'org.example.ChattyConnector', displayName: 'Chatty',
  },
  defaultConfigurationProperties: {},
  confidentialProperties: [],
  validate: () => [],
  create: (init) => {
    built.push({ observer: init.observer, systemName: init.systemName });
    return new ChattyConnector(init.observer);
  },
};

const chattyConfig = {
  name: 'chatty',
  connectorRef: { ...chattyType.connectorRef },
  configurationProperties: {},
  // One SEARCH per 300 ms: the second query waits for the facade's limiter.
  operationRateLimits: { SEARCH: { requestLimit: 1, requestPeriod: 300, requestTimeout: 5000 } },
  objectTypes: {
    account: { nativeType: '__ACCOUNT__', properties: { userName: { type: 'string', nativeName: '__NAME__' } } },
  },
};

let gw: Gateway;
let logs: CapturedLogs;

beforeAll(async () => {
  logs = captureLogs('debug');
  gw = await startGateway({ confFiles: [], connectorTypes: [chattyType], extraConfigs: { chatty: chattyConfig }, logger: logs.logger });
});
afterAll(async () => {
  await gw.close();
});

describe('backend observer wiring', () => {
  test('when a system is built, then its connector gets an observer', () => {
    expect(built.at(-1)).toMatchObject({ systemName: 'chatty' });
    expect(built.at(-1)!.observer).toBeDefined();
  });

  test('when a connector reports calls, retries, tokens and the facade rate-limits, then the scrape and the logs show them', async () => {
    const first = await gw.http.get('/openidm/system/chatty/account?_queryFilter=true').set(ADMIN).set('X-ForgeRock-TransactionId', 'tx-chatty-1');
    const second = await gw.http.get('/openidm/system/chatty/account?_queryFilter=true').set(ADMIN).set('X-ForgeRock-TransactionId', 'tx-chatty-2');
    expect([first.status, second.status]).toEqual([200, 200]);
    expect(second.body.result).toEqual([{ _id: 'u1', userName: 'u1' }]);

    const scrape = (await gw.http.get('/openidm/metrics/prometheus').set(ADMIN)).text;
    const call = (route: string, method: string, status: string): number | undefined =>
      metricSample(scrape, 'idm_gateway_backend_call_seconds_count', { system: 'chatty', operation: 'SEARCH', method, route, status });
    expect(call('/2.0/users', 'GET', '200')).toBe(2);
    expect(call('/2.0/users', 'GET', '503')).toBe(2);
    expect(call('token', 'POST', '200')).toBe(2);
    // 250 ms falls in the 0.25 bucket, not in 0.1.
    const ok = { system: 'chatty', operation: 'SEARCH', method: 'GET', route: '/2.0/users', status: '200' };
    expect(metricSample(scrape, 'idm_gateway_backend_call_seconds_bucket', { ...ok, le: '0.1' })).toBe(0);
    expect(metricSample(scrape, 'idm_gateway_backend_call_seconds_bucket', { ...ok, le: '0.25' })).toBe(2);
    expect(metricSample(scrape, 'idm_gateway_backend_retries_total', { system: 'chatty', operation: 'SEARCH', reason: '503' })).toBe(2);
    expect(metricSample(scrape, 'idm_gateway_tokens_refreshed_total', { system: 'chatty', outcome: 'success' })).toBe(2);
    expect(metricSample(scrape, 'idm_gateway_rate_limit_wait_seconds_count', { system: 'chatty', operation: 'SEARCH' })).toBeGreaterThanOrEqual(1);
    expect(metricSample(scrape, 'idm_gateway_rate_limit_wait_seconds_sum', { system: 'chatty', operation: 'SEARCH' })).toBeGreaterThan(0.1);
    expect(metricSample(scrape, 'idm_gateway_requests_seconds_count', {
      system: 'chatty', object_type: 'account', operation: 'query', status: '200',
    })).toBe(2);

    // Backend lines are written inside the request: they carry its transaction id.
    const lines = logs.lines();
    const backend = lines.filter((l) => l.msg === 'backend call' && l.transactionId === 'tx-chatty-2');
    expect(backend).toHaveLength(3);
    expect(backend[2]).toMatchObject({ level: 20, system: 'chatty', operation: 'SEARCH', method: 'GET', route: '/2.0/users', status: 200, durationMs: 250 });
    expect(lines.find((l) => l.msg === 'backend call retried' && l.transactionId === 'tx-chatty-1'))
      .toMatchObject({ level: 30, system: 'chatty', reason: '503', delayMs: 40 });
    expect(lines.find((l) => l.msg === 'waited for a rate-limit slot' && l.transactionId === 'tx-chatty-2'))
      .toMatchObject({ level: 20, system: 'chatty', operation: 'SEARCH' });
  });
});

describe('BackendObservers', () => {
  const noop: BackendSink = { call: () => undefined, retry: () => undefined, rateLimitWait: () => undefined, tokenRefreshed: () => undefined };

  test('when a sink throws, then the connector is unaffected and the other sinks still hear the event', () => {
    const observers = new BackendObservers();
    const heard: string[] = [];
    observers.add({ ...noop, call: () => { throw new Error('broken sink'); } });
    observers.add({ ...noop, call: (system, e) => void heard.push(`${system} ${e.method} ${e.route}`) });
    expect(() => observers.forSystem('box').call({ operation: 'GET', method: 'GET', route: '/x', status: 200, durationMs: 1 })).not.toThrow();
    expect(heard).toEqual(['box GET /x']);
  });

  test('when a sink is attached after the observer was handed out, then it still receives the events', () => {
    const observers = new BackendObservers();
    const observer = observers.forSystem('late');
    const heard: string[] = [];
    const detach = observers.add({ ...noop, tokenRefreshed: (system, outcome) => void heard.push(`${system} ${outcome}`) });
    observer.tokenRefreshed('failure');
    detach();
    observer.tokenRefreshed('success');
    expect(heard).toEqual(['late failure']);
  });
});
