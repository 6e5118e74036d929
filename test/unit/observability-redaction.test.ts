import express from 'express';
import supertest from 'supertest';
import { createLogger } from '../../src/observability/create-logger.js';
import { loggableUrl } from '../../src/observability/loggable-url.js';
import { Observability } from '../../src/observability/observability.js';
import { errorMiddleware } from '../../src/routes/error-middleware.js';
import { captureLogs } from '../support/gateway-harness.js';

const SECRET = 'Zz-Secret-9931';

function memory(): { write(chunk: string): void; text(): string } {
  const chunks: string[] = [];
  return { write: (chunk) => void chunks.push(chunk), text: () => chunks.join('') };
}

describe('createLogger', () => {
  test('when credentials sit in headers or secret-named fields, then the line shows [REDACTED]', () => {
    const out = memory();
    const logger = createLogger('info', out);
    logger.info({
      req: { headers: { authorization: `Basic ${SECRET}`, 'x-openidm-password': SECRET, cookie: SECRET, accept: 'application/json' } },
      config: { configurationProperties: { clientSecret: SECRET, password: SECRET, baseUrl: 'https://x' } },
    }, 'hello');
    const line = JSON.parse(out.text()) as Record<string, unknown>;
    expect(out.text()).not.toContain(SECRET);
    expect(line).toMatchObject({
      name: 'idm-gateway',
      req: { headers: { authorization: '[REDACTED]', accept: 'application/json' } },
      config: { configurationProperties: { clientSecret: '[REDACTED]', password: '[REDACTED]', baseUrl: 'https://x' } },
    });
  });

  test('when LOG_LEVEL is warn, then info lines are dropped', () => {
    const out = memory();
    const logger = createLogger('warn', out);
    logger.info('quiet');
    logger.warn('loud');
    expect(out.text()).not.toContain('quiet');
    expect(out.text()).toContain('loud');
  });
});

describe('Observability logger', () => {
  test('when the caller passes a logger without redaction, then the app still redacts', () => {
    const logs = captureLogs('info');
    new Observability(logs.logger, { defaultMetrics: false }).logger.info({ headers: { authorization: SECRET }, apiKey: SECRET }, 'x');
    expect(logs.text()).not.toContain(SECRET);
    expect(logs.lines()[0]).toMatchObject({ headers: { authorization: '[REDACTED]' }, apiKey: '[REDACTED]' });
  });
});

describe('loggableUrl', () => {
  test('when the query holds filters and unknown parameters, then only CREST paging/field values are kept', () => {
    expect(loggableUrl(`/openidm/system/csv/__ACCOUNT__?_queryFilter=password%20eq%20%22${SECRET}%22&_pageSize=5&_fields=uid,email&token=${SECRET}`))
      .toEqual({
        path: '/openidm/system/csv/__ACCOUNT__',
        query: { _queryFilter: '[REDACTED]', _pageSize: '5', _fields: 'uid,email', token: '[REDACTED]' },
      });
  });

  test('when there is no query, then only the path is given', () => {
    expect(loggableUrl('/openidm/info/ping')).toEqual({ path: '/openidm/info/ping' });
    expect(loggableUrl('/openidm/info/ping?')).toEqual({ path: '/openidm/info/ping' });
  });

  test('when the path is huge, then it is cut', () => {
    expect(loggableUrl(`/x/${'a'.repeat(2000)}`).path.length).toBeLessThanOrEqual(513);
  });
});

describe('errorMiddleware', () => {
  test('when an unexpected error quotes a configured secret, then the logged error masks it and the caller sees a bare 500', async () => {
    const logs = captureLogs('info');
    const app = express();
    app.get('/boom', () => {
      throw new Error(`cannot log in with ${SECRET}`);
    });
    app.use(errorMiddleware(logs.logger, (text) => text.split(SECRET).join('***')));
    const res = await supertest(app).get('/boom');
    expect(res.status).toBe(500);
    expect(res.body).toEqual({ code: 500, reason: 'Internal Server Error', message: 'Internal Server Error' });
    expect(logs.text()).not.toContain(SECRET);
    expect(logs.lines()[0]).toMatchObject({ level: 50, msg: 'unexpected error', error: { type: 'Error', message: 'cannot log in with ***' } });
  });
});

describe('connector-specific secret names', () => {
  test('when a connector type declares a confidential property, then a field of that name is redacted', () => {
    const logs = captureLogs('info');
    const { logger } = new Observability(logs.logger, { defaultMetrics: false, secretFields: ['vaultToken', 'not a name'] });
    logger.info({ configurationProperties: { vaultToken: SECRET, region: 'eu' } }, 'x');
    expect(logs.text()).not.toContain(SECRET);
    expect(logs.lines()[0]).toMatchObject({ configurationProperties: { vaultToken: '[REDACTED]', region: 'eu' } });
  });
});
