import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pino } from 'pino';
import { propertyResolver } from '../../src/config/substitute.js';
import { OpenApiService, type OpenApiSnapshot } from '../../src/openapi/openapi-service.js';
import { builtInConnectorTypes, ConnectorCatalogue } from '../../src/provisioner/connector-types.js';
import { SystemRegistry } from '../../src/provisioner/system-registry.js';
import type { JsonObject } from '../../src/util/json.js';
import { REPO } from '../support/gateway-harness.js';

const csvConf = JSON.parse(readFileSync(join(REPO, 'conf', 'provisioner.openicf-csv.json'), 'utf8')) as JsonObject;
const logger = pino({ level: 'silent' });

function registry(): SystemRegistry {
  return new SystemRegistry(new ConnectorCatalogue(builtInConnectorTypes()), propertyResolver({ 'idm.instance.dir': REPO }));
}

const flush = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));
const systemPaths = (s: OpenApiSnapshot): string[] => Object.keys(s.document.paths as JsonObject).filter((p) => p.startsWith('/openidm/system/'));

describe('OpenApiService', () => {
  test('when nothing changes, then every caller gets the same snapshot', () => {
    const service = new OpenApiService(registry(), logger);
    const first = service.current();
    expect(service.current()).toBe(first);
    expect(first.json).toBe(JSON.stringify(first.document));
  });

  test('when several systems are put in one tick, then the document is rebuilt once, eagerly, and listeners hear of it', async () => {
    const reg = registry();
    const service = new OpenApiService(reg, logger);
    const heard: number[] = [];
    service.onRebuild((s) => heard.push(s.generation));
    reg.put('a', { ...csvConf, name: 'a' });
    reg.put('b', { ...csvConf, name: 'b' });
    reg.put('c', { ...csvConf, name: 'c' });
    await flush();
    expect(heard).toEqual([2]);
    expect(systemPaths(service.current())).toEqual(expect.arrayContaining(['/openidm/system/a', '/openidm/system/b', '/openidm/system/c']));
  });

  test('when a change is read before the rebuild was due, then the reader already gets the new document', async () => {
    const reg = registry();
    const service = new OpenApiService(reg, logger);
    reg.put('a', { ...csvConf, name: 'a' });
    expect(systemPaths(service.current())).toContain('/openidm/system/a');
    await flush();
    expect(service.current().generation).toBe(2);
  });

  test('when closed, then it stops following the registry', async () => {
    const reg = registry();
    const service = new OpenApiService(reg, logger);
    service.close();
    reg.put('a', { ...csvConf, name: 'a' });
    await flush();
    expect(service.current().generation).toBe(1);
  });
});
