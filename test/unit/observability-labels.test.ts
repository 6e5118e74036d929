import { GatewayMetrics } from '../../src/observability/gateway-metrics.js';
import { LabelBudget } from '../../src/observability/label-budget.js';
import { operationLabel } from '../../src/observability/operation-label.js';
import { transactionIdFrom } from '../../src/observability/transaction-id.js';
import { metricSample } from '../support/gateway-harness.js';

describe('transactionIdFrom', () => {
  test('when the header is printable and at most 128 characters, then it is kept', () => {
    expect(transactionIdFrom('f00-ba4/1')).toBe('f00-ba4/1');
    expect(transactionIdFrom('a'.repeat(128))).toBe('a'.repeat(128));
  });

  test('when the header is absent, empty, too long, or has spaces or control characters, then a UUID replaces it', () => {
    for (const bad of [undefined, '', 'a'.repeat(129), 'a b', 'a\tb', 'é']) {
      expect(transactionIdFrom(bad)).toMatch(/^[0-9a-f-]{36}$/);
    }
  });
});

describe('operationLabel', () => {
  test('when the request is an action, then only known action names become part of the label', () => {
    expect(operationLabel({ type: 'query' })).toBe('query');
    expect(operationLabel({ type: 'action', action: 'TEST' })).toBe('action:test');
    expect(operationLabel({ type: 'action', action: 'createfullconfig' })).toBe('action:createFullConfig');
    expect(operationLabel({ type: 'action', action: 'x'.repeat(50) })).toBe('action');
  });
});

describe('label budgets', () => {
  test('when more distinct values come than the budget allows, then the rest are "other"', () => {
    const budget = new LabelBudget(2);
    expect(['a', 'b', 'c', 'a', 'd'].map((v) => budget.value(v))).toEqual(['a', 'b', 'other', 'a', 'other']);
    expect(new LabelBudget(10, 5).value('toolong')).toBe('other');
  });

  test('when a connector reports hundreds of raw routes, then the backend histogram keeps at most 100 per system', async () => {
    const metrics = new GatewayMetrics({ defaultMetrics: false });
    for (let i = 0; i < 300; i++) {
      metrics.observeBackendCall('box', { operation: 'GET', method: 'get', route: `/2.0/users/${i}`, status: 200, durationMs: 5 });
    }
    metrics.observeBackendCall('dropbox', { operation: 'GET', method: 'BREW', route: '/2/x', status: 999, durationMs: 5 });
    const text = await metrics.scrape();
    const routes = new Set([...text.matchAll(/idm_gateway_backend_call_seconds_count\{[^}]*route="([^"]*)"/g)].map((m) => m[1]));
    expect(routes.size).toBe(102);
    expect(metricSample(text, 'idm_gateway_backend_call_seconds_count', { system: 'box', operation: 'GET', method: 'GET', route: 'other', status: '200' }))
      .toBe(200);
    expect(metricSample(text, 'idm_gateway_backend_call_seconds_count', { system: 'dropbox', operation: 'GET', method: 'other', route: '/2/x', status: 'other' }))
      .toBe(1);
  });

  test('when two metric sets exist, then they count independently (no global registry)', async () => {
    const a = new GatewayMetrics({ defaultMetrics: false });
    const b = new GatewayMetrics({ defaultMetrics: false });
    a.countTokenRefresh('box', 'success');
    expect(metricSample(await a.scrape(), 'idm_gateway_tokens_refreshed_total', { system: 'box', outcome: 'success' })).toBe(1);
    expect(metricSample(await b.scrape(), 'idm_gateway_tokens_refreshed_total', { system: 'box', outcome: 'success' })).toBeUndefined();
  });
});
