import type { ProvisionerConfig } from '../../src/config/provisioner-config.js';
import { ResourceError } from '../../src/crest/resource-error.js';
import { OperationTimeoutError } from '../../src/provisioner/connector-errors.js';
import { ConnectorFacade, SKIPPED, type FacadeQuery } from '../../src/provisioner/connector-facade.js';
import type { Filter } from '../../src/provisioner/filter.js';
import type { ConnectorObject } from '../../src/provisioner/objects.js';
import { supportedOperations } from '../../src/provisioner/capabilities.js';
import type {
  Connector, NativeQuery, OperationContext, SearchOp, SearchOptions, SearchPage, SyncDelta, SyncOp, SyncToken, TestOp,
} from '../../src/provisioner/spi.js';

/** An in-memory backend that pages by a numeric cookie and can translate only `eq` on `dept`. */
class PagedBackend implements Connector, SearchOp<Filter>, TestOp {
  searches = 0;
  disposed = false;
  constructor(private readonly objects: ConnectorObject[], private readonly pageCap = 3, private readonly testDelayMs = 0) {}

  async dispose(): Promise<void> {
    this.disposed = true;
  }

  translateFilter(_oc: string, filter: Filter): NativeQuery<Filter> | null {
    if (filter.type === 'eq' && filter.attribute === 'dept') return { query: filter, exact: true };
    if (filter.type === 'and' && filter.filters.some((f) => f.type === 'eq' && f.attribute === 'dept')) {
      return { query: filter.filters.find((f) => f.type === 'eq' && f.attribute === 'dept')!, exact: false };
    }
    return null;
  }

  async search(_oc: string, query: Filter | null, options: SearchOptions): Promise<SearchPage> {
    this.searches++;
    const matching = this.objects.filter((o) => !query || (query.type === 'eq' && o.attributes.dept === query.value));
    const start = options.pagedResultsCookie ? Number(options.pagedResultsCookie) : 0;
    const size = Math.min(options.pageSize ?? this.pageCap, this.pageCap);
    const end = start + size;
    return { objects: matching.slice(start, end), pagedResultsCookie: end < matching.length ? String(end) : null };
  }

  async test(ctx: OperationContext): Promise<void> {
    await new Promise((resolve, reject) => {
      const timer = setTimeout(resolve, this.testDelayMs);
      ctx.signal.addEventListener('abort', () => {
        clearTimeout(timer);
        reject(ctx.signal.reason);
      });
    });
  }
}

const people: ConnectorObject[] = Array.from({ length: 10 }, (_, i) => ({
  objectClass: '__ACCOUNT__',
  uid: { value: `u${i}` },
  attributes: { __NAME__: `u${i}`, dept: i % 2 === 0 ? 'eng' : 'ops', age: 20 + i },
}));

const baseConfig: ProvisionerConfig = { name: 'mock', connectorRef: { connectorName: 'mock' } };
const ctx: OperationContext = { signal: new AbortController().signal, operation: 'SEARCH', options: {} };

async function collect(facade: ConnectorFacade, query: FacadeQuery): Promise<{ ids: string[]; cookie: string | null }> {
  const ids: string[] = [];
  const result = await facade.query('__ACCOUNT__', query, ctx, async (o) => {
    ids.push(o.uid.value);
  });
  return { ids, cookie: result.pagedResultsCookie };
}

async function pageThrough(facade: ConnectorFacade, query: FacadeQuery): Promise<string[][]> {
  const pages: string[][] = [];
  let cookie: string | undefined;
  for (let i = 0; i < 50; i++) {
    const page = await collect(facade, { ...query, ...(cookie ? { pagedResultsCookie: cookie } : {}) });
    pages.push(page.ids);
    if (!page.cookie) break;
    cookie = page.cookie;
  }
  return pages;
}

describe('connector facade queries', () => {
  test('when the query has no filter and no page size, then every backend page is streamed', async () => {
    const backend = new PagedBackend(people);
    const { ids, cookie } = await collect(new ConnectorFacade(backend, baseConfig), { filter: null });
    expect(ids).toEqual(people.map((p) => p.uid.value));
    expect(cookie).toBeNull();
    expect(backend.searches).toBe(4);
  });

  test('when the backend translates the filter exactly, then its pages and cookies pass through', async () => {
    const facade = new ConnectorFacade(new PagedBackend(people), baseConfig);
    const pages = await pageThrough(facade, { filter: { type: 'eq', attribute: 'dept', value: 'eng' }, pageSize: 2 });
    expect(pages).toEqual([['u0', 'u2'], ['u4', 'u6'], ['u8']]);
  });

  test('when the filter is not translatable, then the facade filters and its pages are exactly the page size', async () => {
    const facade = new ConnectorFacade(new PagedBackend(people), baseConfig);
    const pages = await pageThrough(facade, { filter: { type: 'ge', attribute: 'age', value: 23 }, pageSize: 2 });
    expect(pages).toEqual([['u3', 'u4'], ['u5', 'u6'], ['u7', 'u8'], ['u9']]);
  });

  test('when the translation is a superset, then the residual filter still applies', async () => {
    const facade = new ConnectorFacade(new PagedBackend(people), baseConfig);
    const filter: Filter = { type: 'and', filters: [{ type: 'eq', attribute: 'dept', value: 'ops' }, { type: 'gt', attribute: 'age', value: 24 }] };
    expect((await collect(facade, { filter })).ids).toEqual(['u5', 'u7', 'u9']);
  });

  test('when an offset is asked of a backend without offsets, then the facade skips matches', async () => {
    const facade = new ConnectorFacade(new PagedBackend(people), baseConfig);
    expect((await collect(facade, { filter: null, pagedResultsOffset: 7, pageSize: 2 })).ids).toEqual(['u7', 'u8']);
  });

  test('when sort keys are asked of a backend that cannot sort, then the facade sorts and pages by index', async () => {
    const facade = new ConnectorFacade(new PagedBackend(people), baseConfig);
    const pages = await pageThrough(facade, { filter: null, sortKeys: [{ attribute: 'age', ascending: false }], pageSize: 4 });
    expect(pages).toEqual([['u9', 'u8', 'u7', 'u6'], ['u5', 'u4', 'u3', 'u2'], ['u1', 'u0']]);
  });

  test('when case-insensitive filtering is configured, then matching ignores case', async () => {
    const mixed = people.map((p, i) => ({ ...p, attributes: { ...p.attributes, dept: i === 0 ? 'ENG' : p.attributes.dept } }));
    const facade = new ConnectorFacade(new PagedBackend(mixed), { ...baseConfig, resultsHandlerConfig: { enableCaseInsensitiveFilter: true } });
    expect((await collect(facade, { filter: { type: 'eq', attribute: 'dept', value: 'eng' } })).ids).toEqual(['u0', 'u2', 'u4', 'u6', 'u8']);
  });

  test('when a cookie was not issued by the facade, then the query is a 400', async () => {
    const facade = new ConnectorFacade(new PagedBackend(people), baseConfig);
    await expect(collect(facade, { filter: { type: 'ge', attribute: 'age', value: 1 }, pagedResultsCookie: 'not-a-cookie' }))
      .rejects.toMatchObject({ code: 400 });
  });
});

describe('connector facade guards', () => {
  const run = (facade: ConnectorFacade) => facade.run('TEST', null, {}, (c) => facade.test(c));

  test('when an operation exceeds operationTimeout, then it fails with OperationTimeoutError and the backend is aborted', async () => {
    const facade = new ConnectorFacade(new PagedBackend(people, 3, 5_000), { ...baseConfig, operationTimeout: { TEST: 50 } });
    const started = Date.now();
    await expect(run(facade)).rejects.toBeInstanceOf(OperationTimeoutError);
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  test('when operationTimeout is -1, then there is no timeout', async () => {
    const facade = new ConnectorFacade(new PagedBackend(people, 3, 30), { ...baseConfig, operationTimeout: { TEST: -1 } });
    await expect(run(facade)).resolves.toBeUndefined();
  });

  test('when an operation is denied with THROW_EXCEPTION, then it is a 403 naming the ICF operation', async () => {
    const facade = new ConnectorFacade(new PagedBackend(people), { ...baseConfig, operationOptions: { TEST: { denied: true, onDeny: 'THROW_EXCEPTION' } } });
    await expect(run(facade)).rejects.toEqual(new ResourceError(403, 'Operation org.identityconnectors.framework.api.operations.TestApiOp is configured to be denied'));
  });

  test('when an operation is denied with DO_NOTHING, then it is skipped without reaching the backend', async () => {
    const backend = new PagedBackend(people);
    const facade = new ConnectorFacade(backend, { ...baseConfig, operationOptions: { SEARCH: { denied: true, onDeny: 'DO_NOTHING' } } });
    const result = await facade.run('SEARCH', '__ACCOUNT__', {}, (c) => facade.query('__ACCOUNT__', { filter: null }, c, async () => undefined));
    expect(result).toBe(SKIPPED);
    expect(backend.searches).toBe(0);
  });

  test('when objectFeatures deny one object class, then only that class is denied', async () => {
    const facade = new ConnectorFacade(new PagedBackend(people), {
      ...baseConfig,
      operationOptions: { SEARCH: { denied: false, objectFeatures: { __GROUP__: { denied: true, onDeny: 'THROW_EXCEPTION' } } } },
    });
    const search = (oc: string) => facade.run('SEARCH', oc, {}, (c) => facade.query(oc, { filter: null }, c, async () => undefined));
    await expect(search('__ACCOUNT__')).resolves.toMatchObject({ pagedResultsCookie: null });
    await expect(search('__GROUP__')).rejects.toMatchObject({ code: 403 });
  });

  test('when operationRateLimits allow 2 per 200 ms, then the third call waits for the window', async () => {
    const facade = new ConnectorFacade(new PagedBackend(people), { ...baseConfig, operationRateLimits: { TEST: { requestLimit: 2, requestPeriod: 200, requestTimeout: 5_000 } } });
    const started = Date.now();
    await Promise.all([run(facade), run(facade), run(facade)]);
    expect(Date.now() - started).toBeGreaterThanOrEqual(190);
  });

  test('when a rate-limit slot would come after requestTimeout, then the call fails with OperationTimeoutError', async () => {
    const facade = new ConnectorFacade(new PagedBackend(people), { ...baseConfig, operationRateLimits: { TEST: { requestLimit: 1, requestPeriod: 10_000, requestTimeout: 50 } } });
    await run(facade);
    await expect(run(facade)).rejects.toBeInstanceOf(OperationTimeoutError);
  });
});

describe('connector facade sync', () => {
  /** A backend whose changes are a counter: each sync reports one delta per step since the token. */
  class CountingSync implements Connector, SyncOp {
    now = 5;
    disposed = false;
    async dispose(): Promise<void> {
      this.disposed = true;
    }
    async latestSyncToken(): Promise<SyncToken> {
      return this.now;
    }
    async sync(_oc: string, token: SyncToken): Promise<{ deltas: readonly SyncDelta[]; token: SyncToken }> {
      const deltas = Array.from({ length: this.now - Number(token) }, (_, i): SyncDelta => ({ type: 'DELETE', uid: { value: `u${i}` } }));
      return { deltas, token: this.now };
    }
  }
  const syncCtx: OperationContext = { signal: new AbortController().signal, operation: 'SYNC', options: {} };

  test('when the connector has SyncOp, then SYNC is among its operations and the facade passes sync through', async () => {
    const backend = new CountingSync();
    const facade = new ConnectorFacade(backend, baseConfig);
    expect([facade.canSync, supportedOperations(backend)]).toEqual([true, ['SYNC']]);
    const token = await facade.latestSyncToken('__ACCOUNT__', syncCtx);
    backend.now = 7;
    expect(await facade.sync('__ACCOUNT__', token, syncCtx)).toEqual({ deltas: [expect.anything(), expect.anything()], token: 7 });
  });

  test('when the connector has no SyncOp, then sync is IDM\'s 501 naming SyncApiOp', async () => {
    const facade = new ConnectorFacade(new PagedBackend(people), baseConfig);
    expect(facade.canSync).toBe(false);
    await expect(facade.latestSyncToken('__ACCOUNT__', syncCtx)).rejects.toEqual(
      new ResourceError(501, 'Operation org.identityconnectors.framework.api.operations.SyncApiOp is not supported by the Connector'));
  });

  test('when SYNC is denied at the top or for the class, then denied() says so whatever onDeny is', () => {
    const top = new ConnectorFacade(new CountingSync(), { ...baseConfig, operationOptions: { SYNC: { denied: true } } });
    const perClass = new ConnectorFacade(new CountingSync(), { ...baseConfig, operationOptions: { SYNC: { objectFeatures: { __ACCOUNT__: { denied: true, onDeny: 'THROW_EXCEPTION' } } } } });
    expect([top.denied('SYNC', '__ACCOUNT__'), perClass.denied('SYNC', '__ACCOUNT__'), perClass.denied('SYNC', '__GROUP__'), top.denied('SEARCH', '__ACCOUNT__')])
      .toEqual([true, true, false, false]);
  });
});
