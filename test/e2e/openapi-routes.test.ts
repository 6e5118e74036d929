import { ADMIN, startGateway, type Gateway } from '../support/gateway-harness.js';

let gw: Gateway;
beforeAll(async () => {
  gw = await startGateway();
});
afterAll(() => gw.close());

describe('serving the OpenAPI document', () => {
  test('when /openapi.json is fetched without credentials, then the whole document comes back', async () => {
    const res = await gw.http.get('/openapi.json');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/json; charset=utf-8$/i);
    expect(res.body.openapi).toBe('3.1.0');
    expect(Object.keys(res.body.paths)).toEqual(expect.arrayContaining(['/openidm/system/csv/__ACCOUNT__', '/openidm/system/csv/__ACCOUNT__/{id}']));
    expect(res.body.components.securitySchemes).toEqual({
      idmUsername: expect.objectContaining({ type: 'apiKey', in: 'header', name: 'X-OpenIDM-Username' }),
      idmPassword: expect.objectContaining({ type: 'apiKey', in: 'header', name: 'X-OpenIDM-Password' }),
      basic: { type: 'http', scheme: 'basic' },
    });
  });

  test('when GET /openidm/?_api is sent without credentials, then 401 as for the rest of /openidm', async () => {
    const res = await gw.http.get('/openidm/?_api');
    expect(res.status).toBe(401);
    expect(res.body).toEqual({ code: 401, reason: 'Unauthorized', message: 'Access Denied' });
  });

  test('when GET /openidm/?_api is sent with credentials, then the same document comes back, pretty on request', async () => {
    const open = await gw.http.get('/openapi.json');
    const res = await gw.http.get('/openidm/?_api').set(ADMIN);
    expect(res.status).toBe(200);
    expect(res.body).toEqual(open.body);
    const upper = await gw.http.get('/openidm?_API&_prettyPrint=true').auth('openidm-admin', 'openidm-admin');
    expect(upper.status).toBe(200);
    expect(upper.text).toContain('\n  "openapi": "3.1.0"');
  });

  test('when /openidm/ is asked without _api, then it stays IDM\'s 404', async () => {
    const res = await gw.http.get('/openidm/').set(ADMIN);
    expect(res.status).toBe(404);
  });
});

describe('the API explorer', () => {
  test('when /api-explorer is asked, then it redirects to the page, which loads the local Swagger UI', async () => {
    const redirect = await gw.http.get('/api-explorer');
    expect(redirect.status).toBe(301);
    expect(redirect.headers.location).toBe('/api-explorer/');
    const page = await gw.http.get('/api-explorer/');
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    expect(page.text).toContain('<script src="swagger-ui-bundle.js"></script>');
    expect(page.text).not.toMatch(/https?:\/\//);
    // Same-origin calls must stay plain http on a plain-http gateway.
    expect(page.headers['content-security-policy']).not.toContain('upgrade-insecure-requests');
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
  });

  test.each(['swagger-ui-bundle.js', 'swagger-ui.css', 'explorer-init.js'])('when %s is asked, then it is served', async (asset) => {
    const res = await gw.http.get(`/api-explorer/${asset}`);
    expect(res.status).toBe(200);
    expect(res.text.length).toBeGreaterThan(0);
  });

  test('when the initializer is read, then it points at /openapi.json and at no external validator', async () => {
    const res = await gw.http.get('/api-explorer/explorer-init.js');
    expect(res.text).toContain("url: '../openapi.json'");
    expect(res.text).toContain('validatorUrl: null');
  });

  test.each(['swagger-initializer.js', 'index.html', '..%2Fpackage.json'])('when another file (%s) is asked, then 404', async (asset) => {
    const res = await gw.http.get(`/api-explorer/${asset}`);
    expect(res.status).toBe(404);
  });
});
