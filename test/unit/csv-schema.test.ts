import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { provisionerProblems } from '../../src/config/provisioner-schema.js';
import { csvConnectorType } from '../../src/connectors/csv/index.js';
import { CsvConnector } from '../../src/connectors/csv/csv-connector.js';
import type { OperationContext } from '../../src/provisioner/spi.js';
import { isJsonObject, type JsonObject, type JsonValue } from '../../src/util/json.js';

const ACCOUNT = '__ACCOUNT__';
const CTX: OperationContext = { signal: new AbortController().signal, operation: 'SCHEMA', options: {} };
const ROOT = fileURLToPath(new URL('../../', import.meta.url));

let dir: string;

function connectorFor(content: string, properties: JsonObject = {}): CsvConnector {
  const file = join(dir, 'data.csv');
  writeFileSync(file, content);
  const c = csvConnectorType.create({
    configurationProperties: { ...csvConnectorType.defaultConfigurationProperties, csvFile: file, ...properties },
    systemName: 'csv',
  });
  if (!(c instanceof CsvConnector)) throw new Error('expected a CsvConnector');
  return c;
}

function objectAt(value: JsonValue | undefined, ...path: string[]): JsonObject {
  let current = value;
  for (const key of path) current = isJsonObject(current) ? current[key] : undefined;
  if (!isJsonObject(current)) throw new Error(`no object at ${path.join('.')}`);
  return current;
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'csv-schema-'));
});

afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('schema', () => {
  test('when the header has uid and password columns, then they are __NAME__ and a non-readable __PASSWORD__', async () => {
    const schema = await connectorFor('uid,first name,lastName,password\n').schema(CTX);
    expect(schema).toEqual({
      objectClasses: {
        __ACCOUNT__: {
          attributes: [
            { name: '__NAME__', type: 'string', nativeType: 'string', required: true, idmName: 'uid' },
            { name: 'first_name', type: 'string', nativeType: 'string' },
            { name: 'lastName', type: 'string', nativeType: 'string' },
            {
              name: '__PASSWORD__',
              type: 'string',
              nativeType: 'JAVA_TYPE_GUARDEDSTRING',
              flags: ['NOT_READABLE', 'NOT_RETURNED_BY_DEFAULT'],
              idmName: 'password',
            },
          ],
        },
      },
    });
  });

  test('when the file has no password column, then the schema has no __PASSWORD__', async () => {
    const schema = await connectorFor('email,login\n', { headerUid: 'login' }).schema(CTX);
    expect(schema.objectClasses['__ACCOUNT__']?.attributes.map((a) => a.name)).toEqual(['email', '__NAME__']);
  });

  test('when the header changes on disk, then the schema follows it', async () => {
    const c = connectorFor('uid,a\n');
    await c.schema(CTX);
    writeFileSync(join(dir, 'data.csv'), 'uid,a,b\n');
    expect((await c.schema(CTX)).objectClasses['__ACCOUNT__']?.attributes.map((a) => a.name)).toEqual(['__NAME__', 'a', 'b']);
  });
});

describe('conf/provisioner.openicf-csv.json and sample-data/csvConnectorData.csv', () => {
  const provisioner: unknown = JSON.parse(readFileSync(join(ROOT, 'conf', 'provisioner.openicf-csv.json'), 'utf8'));
  const document = isJsonObject(provisioner) ? provisioner : {};

  test('when the provisioner file is read, then it is a valid provisioner named csv for this connector type', () => {
    expect(provisionerProblems(document)).toEqual([]);
    expect(document['name']).toBe('csv');
    expect(objectAt(document, 'connectorRef')).toEqual(csvConnectorType.connectorRef);
    const properties = objectAt(document, 'configurationProperties');
    expect(properties['csvFile']).toBe('&{idm.instance.dir}/data/csvConnectorData.csv');
    expect(csvConnectorType.validate(properties)).toEqual([]);
    expect(objectAt(document, 'resultsHandlerConfig')['enableCaseInsensitiveFilter']).toBe(false);
  });

  test('when the objectTypes are compared with the sample file\'s schema, then every nativeName exists and uid / lastName are required', async () => {
    copyFileSync(join(ROOT, 'sample-data', 'csvConnectorData.csv'), join(dir, 'data.csv'));
    const c = csvConnectorType.create({
      configurationProperties: { ...objectAt(document, 'configurationProperties'), csvFile: join(dir, 'data.csv') },
      systemName: 'csv',
    });
    if (!(c instanceof CsvConnector)) throw new Error('expected a CsvConnector');
    const native = new Set((await c.schema(CTX)).objectClasses['__ACCOUNT__']!.attributes.map((a) => a.name));
    const objectTypes = objectAt(document, 'objectTypes');
    const accountTypes = Object.keys(objectTypes).filter((k) => objectAt(objectTypes, k)['nativeType'] === ACCOUNT);
    expect(accountTypes).toHaveLength(1);
    const account = objectAt(objectTypes, accountTypes[0]!);
    const properties = objectAt(account, 'properties');
    for (const name of Object.keys(properties)) {
      const nativeName = objectAt(properties, name)['nativeName'];
      expect({ name, nativeName, exists: native.has(String(nativeName)) }).toEqual({ name, nativeName, exists: true });
    }
    expect(objectAt(properties, 'uid')).toMatchObject({ nativeName: '__NAME__', required: true });
    expect(objectAt(properties, 'lastName')).toMatchObject({ nativeName: 'lastName', required: true });
    expect(objectAt(properties, 'password')).toMatchObject({
      nativeName: '__PASSWORD__',
      nativeType: 'JAVA_TYPE_GUARDEDSTRING',
      flags: ['NOT_READABLE', 'NOT_RETURNED_BY_DEFAULT'],
    });
  });

  test('when the sample file is served, then it passes test, has 10 users and bjensen can authenticate', async () => {
    copyFileSync(join(ROOT, 'sample-data', 'csvConnectorData.csv'), join(dir, 'data.csv'));
    const c = csvConnectorType.create({
      configurationProperties: { ...objectAt(document, 'configurationProperties'), csvFile: join(dir, 'data.csv') },
      systemName: 'csv',
    });
    if (!(c instanceof CsvConnector)) throw new Error('expected a CsvConnector');
    await c.test({ ...CTX, operation: 'TEST' });
    const page = await c.search(ACCOUNT, null, {}, { ...CTX, operation: 'SEARCH' });
    expect(page.totalCount).toBe(10);
    expect(page.objects[0]?.attributes).toMatchObject({ __NAME__: 'bjensen', firstName: 'Barbara', lastName: 'Jensen' });
    await expect(c.authenticate(ACCOUNT, 'bjensen', 'Passw0rd!bj', { ...CTX, operation: 'AUTHENTICATE' })).resolves.toMatchObject({
      value: 'bjensen',
    });
  });
});
