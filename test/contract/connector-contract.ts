import type { JsonObject } from '../../src/util/json.js';
import { ADMIN, type Gateway } from '../support/gateway-harness.js';

/** What the contract needs to know about one connector under test. */
export interface ContractSubject {
  /** Label of the describe block. */
  readonly label: string;
  /** Starts a gateway whose `system` is wired to the connector's backend (a sandbox on port 0, a temp file…). */
  start(): Promise<Gateway>;
  /** Stops what `start` started besides the gateway (sandbox servers). */
  stop?(): Promise<void>;
  readonly system: string;
  readonly objectType: string;
  /** A valid create body, unique for `n`. */
  newObject(n: number): JsonObject;
  /** A PUT body changing a readable property, and the property/value to see afterwards. */
  readonly change: { readonly body: JsonObject; readonly property: string; readonly value: unknown };
  /** A `_queryFilter` selecting exactly the object created from `body`. */
  filterFor(body: JsonObject): string;
  /** A body that must conflict with `body` (412), when the backend enforces uniqueness. */
  duplicateOf?(body: JsonObject): JsonObject;
  /** An id that never exists on this backend. */
  readonly unknownId: string;
}

/**
 * ONE suite every connector must pass: CRUD, queries, paging and the error contract, as a user
 * of the REST API sees them. Each assertion checks the response and then the backend's state
 * through a fresh read.
 */
export function connectorContract(subject: ContractSubject): void {
  describe(`connector contract: ${subject.label}`, () => {
    let gw: Gateway;
    const base = `/openidm/system/${subject.system}/${subject.objectType}`;

    beforeAll(async () => {
      gw = await subject.start();
    });
    afterAll(async () => {
      await gw.close();
      await subject.stop?.();
    });

    test('when the connector is tested, then it reports ok', async () => {
      const res = await gw.http.post(`/openidm/system/${subject.system}?_action=test`).set(ADMIN);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ name: subject.system, ok: true });
    });

    test('when an object is created, then it is 201 and a read returns it', async () => {
      const body = subject.newObject(1);
      const created = await gw.http.post(`${base}?_action=create`).set(ADMIN).send(body);
      expect(created.status).toBe(201);
      expect(typeof created.body._id).toBe('string');
      const read = await gw.http.get(`${base}/${encodeURIComponent(created.body._id)}`).set(ADMIN);
      expect(read.status).toBe(200);
      expect(read.body._id).toBe(created.body._id);
    });

    test('when a query filter selects a created object, then exactly that object is returned', async () => {
      const body = subject.newObject(2);
      const created = await gw.http.post(`${base}?_action=create`).set(ADMIN).send(body);
      expect(created.status).toBe(201);
      const res = await gw.http.get(base).query({ _queryFilter: subject.filterFor(body) }).set(ADMIN);
      expect(res.status).toBe(200);
      expect(res.body.result.map((o: JsonObject) => o._id)).toEqual([created.body._id]);
      expect(res.body).toMatchObject({ resultCount: 1, pagedResultsCookie: null, totalPagedResultsPolicy: 'NONE', totalPagedResults: -1, remainingPagedResults: -1 });
    });

    test('when query-all-ids is paged by 2, then every id comes exactly once and the last cookie is null', async () => {
      const all = await gw.http.get(base).query({ _queryId: 'query-all-ids' }).set(ADMIN);
      expect(all.status).toBe(200);
      const expected = all.body.result.map((o: JsonObject) => o._id).sort();
      const seen: string[] = [];
      let cookie: string | null = null;
      for (let i = 0; i < 10_000; i++) {
        const page: { status: number; body: { result: JsonObject[]; pagedResultsCookie: string | null } } = await gw.http.get(base)
          .query({ _queryId: 'query-all-ids', _pageSize: 2, ...(cookie ? { _pagedResultsCookie: cookie } : {}) }).set(ADMIN);
        expect(page.status).toBe(200);
        expect(page.body.result.length).toBeLessThanOrEqual(2);
        seen.push(...page.body.result.map((o) => o._id as string));
        cookie = page.body.pagedResultsCookie;
        if (!cookie) break;
      }
      expect(seen.sort()).toEqual(expected);
    });

    test('when an object is updated with PUT If-Match *, then the response and a fresh read show the change', async () => {
      const created = await gw.http.post(`${base}?_action=create`).set(ADMIN).send(subject.newObject(3));
      expect(created.status).toBe(201);
      const id = encodeURIComponent(created.body._id);
      const updated = await gw.http.put(`${base}/${id}`).set(ADMIN).set('If-Match', '*').send(subject.change.body);
      expect(updated.status).toBe(200);
      expect(updated.body[subject.change.property]).toEqual(subject.change.value);
      const read = await gw.http.get(`${base}/${encodeURIComponent(updated.body._id)}`).set(ADMIN);
      expect(read.body[subject.change.property]).toEqual(subject.change.value);
    });

    test('when an object is deleted, then the response is the object and a read is 404', async () => {
      const created = await gw.http.post(`${base}?_action=create`).set(ADMIN).send(subject.newObject(4));
      const id = encodeURIComponent(created.body._id);
      const deleted = await gw.http.delete(`${base}/${id}`).set(ADMIN);
      expect(deleted.status).toBe(200);
      expect(deleted.body._id).toBe(created.body._id);
      const read = await gw.http.get(`${base}/${id}`).set(ADMIN);
      expect(read.status).toBe(404);
      expect(read.body).toMatchObject({ code: 404, reason: 'Not Found' });
    });

    test('when an unknown id is read, updated or deleted, then each answers 404 in CREST form', async () => {
      const id = encodeURIComponent(subject.unknownId);
      const read = await gw.http.get(`${base}/${id}`).set(ADMIN);
      const put = await gw.http.put(`${base}/${id}`).set(ADMIN).set('If-Match', '*').send(subject.change.body);
      const del = await gw.http.delete(`${base}/${id}`).set(ADMIN);
      for (const res of [read, put, del]) {
        expect(res.status).toBe(404);
        expect(res.body).toMatchObject({ code: 404, reason: 'Not Found' });
        expect(typeof res.body.message).toBe('string');
      }
    });

    test('when a create names an attribute the type does not have, then it is 400 and nothing is created', async () => {
      const before = await gw.http.get(base).query({ _queryId: 'query-all-ids' }).set(ADMIN);
      const res = await gw.http.post(`${base}?_action=create`).set(ADMIN).send({ ...subject.newObject(5), notAnAttribute: 'x' });
      expect(res.status).toBe(400);
      expect(res.body.message).toBe('Target does not support attribute notAnAttribute');
      const after = await gw.http.get(base).query({ _queryId: 'query-all-ids' }).set(ADMIN);
      expect(after.body.resultCount).toBe(before.body.resultCount);
    });

    if (subject.duplicateOf) {
      test('when an object is created twice, then the second create is 412 and the first is unchanged', async () => {
        const body = subject.newObject(6);
        const first = await gw.http.post(`${base}?_action=create`).set(ADMIN).send(body);
        expect(first.status).toBe(201);
        const second = await gw.http.post(`${base}?_action=create`).set(ADMIN).send(subject.duplicateOf!(body));
        expect(second.status).toBe(412);
        expect(second.body.reason).toBe('Precondition Failed');
        const read = await gw.http.get(`${base}/${encodeURIComponent(first.body._id)}`).set(ADMIN);
        expect(read.status).toBe(200);
      });
    }
  });
}
