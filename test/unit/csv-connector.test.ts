import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { csvConnectorType } from '../../src/connectors/csv/index.js';
import { CsvConnector } from '../../src/connectors/csv/csv-connector.js';
import {
  AlreadyExistsError,
  ConfigurationError,
  ConnectorError,
  InvalidAttributeValueError,
  InvalidCredentialError,
  InvalidPasswordError,
  OperationTimeoutError,
  PreconditionFailedError,
  UnknownUidError,
  UnsupportedOperationError,
} from '../../src/provisioner/connector-errors.js';
import type { OperationContext, OperationName } from '../../src/provisioner/spi.js';
import type { JsonObject } from '../../src/util/json.js';

const ACCOUNT = '__ACCOUNT__';
const HEADER = 'uid,username,firstName,lastName,email,mobileTelephoneNumber,description,password';
const SAMPLE = [
  HEADER,
  'bjensen,bjensen@example.com,Barbara,Jensen,bjensen@example.com,555-1862,Created by CSV,Passw0rd1',
  'scarter,scarter@example.com,Steven,Carter,scarter@example.com,,Created by CSV,Passw0rd2',
  'jdoe,jdoe@example.com,John,Doe,,,,',
].join('\n');

function ctx(operation: OperationName = 'GET', signal: AbortSignal = new AbortController().signal): OperationContext {
  return { signal, operation, options: {} };
}

let dir: string;
let file: string;

function connectorFor(content: string, properties: JsonObject = {}): CsvConnector {
  writeFileSync(file, content);
  const connector = csvConnectorType.create({
    configurationProperties: { ...csvConnectorType.defaultConfigurationProperties, csvFile: file, ...properties },
    systemName: 'csv',
  });
  if (!(connector instanceof CsvConnector)) throw new Error('expected a CsvConnector');
  return connector;
}

function fileRows(): string[][] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => l.split(',').map((v) => v.replace(/^"|"$/g, '')));
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'csv-connector-'));
  file = join(dir, 'csvConnectorData.csv');
});

afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('get', () => {
  test('when a uid exists, then get returns its columns, __NAME__ and a revision, but not the password', async () => {
    const c = connectorFor(SAMPLE);
    const o = await c.get(ACCOUNT, { value: 'bjensen' }, {}, ctx());
    expect(o).toEqual({
      objectClass: ACCOUNT,
      uid: { value: 'bjensen', revision: expect.stringMatching(/^[0-9a-f]{32}$/) },
      attributes: {
        __NAME__: 'bjensen',
        uid: 'bjensen',
        username: 'bjensen@example.com',
        firstName: 'Barbara',
        lastName: 'Jensen',
        email: 'bjensen@example.com',
        mobileTelephoneNumber: '555-1862',
        description: 'Created by CSV',
      },
    });
  });

  test('when cells are empty, then those attributes are absent', async () => {
    const c = connectorFor(SAMPLE);
    const o = await c.get(ACCOUNT, { value: 'jdoe' }, {}, ctx());
    expect(o?.attributes).toEqual({ __NAME__: 'jdoe', uid: 'jdoe', username: 'jdoe@example.com', firstName: 'John', lastName: 'Doe' });
  });

  test('when attributesToGet names the password, then it is returned under the asked name', async () => {
    const c = connectorFor(SAMPLE);
    const o = await c.get(ACCOUNT, { value: 'bjensen' }, { attributesToGet: ['__PASSWORD__', 'lastName', 'nope'] }, ctx());
    expect(o?.attributes).toEqual({ __NAME__: 'bjensen', __PASSWORD__: 'Passw0rd1', lastName: 'Jensen' });
    const p = await c.get(ACCOUNT, { value: 'bjensen' }, { attributesToGet: ['password'] }, ctx());
    expect(p?.attributes).toEqual({ __NAME__: 'bjensen', password: 'Passw0rd1' });
  });

  test('when the uid does not exist, then get returns null', async () => {
    const c = connectorFor(SAMPLE);
    expect(await c.get(ACCOUNT, { value: 'nobody' }, {}, ctx())).toBeNull();
  });

  test('when the object class is not __ACCOUNT__, then the operation is unsupported', async () => {
    const c = connectorFor(SAMPLE);
    await expect(c.get('__GROUP__', { value: 'bjensen' }, {}, ctx())).rejects.toThrow(UnsupportedOperationError);
  });

  test('when the operation was already aborted, then it fails with OperationTimeoutError', async () => {
    const c = connectorFor(SAMPLE);
    const controller = new AbortController();
    controller.abort();
    await expect(c.get(ACCOUNT, { value: 'bjensen' }, {}, ctx('GET', controller.signal))).rejects.toThrow(OperationTimeoutError);
  });
});

describe('create', () => {
  test('when a new uid is created, then the row is appended in header order and the uid has a revision', async () => {
    const c = connectorFor(SAMPLE);
    const uid = await c.create(ACCOUNT, { __NAME__: 'ajones', lastName: 'Jones', firstName: 'Ann', __PASSWORD__: 'secret' }, ctx('CREATE'));
    expect(uid.value).toBe('ajones');
    expect(uid.revision).toMatch(/^[0-9a-f]{32}$/);
    expect(fileRows().at(-1)).toEqual(['ajones', '', 'Ann', 'Jones', '', '', '', 'secret']);
    const read = await c.get(ACCOUNT, { value: 'ajones' }, {}, ctx());
    expect(read?.uid.revision).toBe(uid.revision);
  });

  test('when numbers, booleans and one-element arrays are given, then they are stored as text', async () => {
    const c = connectorFor(SAMPLE);
    await c.create(ACCOUNT, { __NAME__: 'n1', lastName: ['One'], mobileTelephoneNumber: 5550100, description: true }, ctx('CREATE'));
    const o = await c.get(ACCOUNT, { value: 'n1' }, {}, ctx());
    expect(o?.attributes).toMatchObject({ lastName: 'One', mobileTelephoneNumber: '5550100', description: 'true' });
  });

  test('when no name is given, then a random UUID becomes the uid (as IDM does)', async () => {
    const c = connectorFor(SAMPLE);
    const uid = await c.create(ACCOUNT, { lastName: 'Anonymous' }, ctx('CREATE'));
    expect(uid.value).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
  });

  test('when the uid exists, then create throws AlreadyExistsError and the file is unchanged', async () => {
    const c = connectorFor(SAMPLE);
    const before = readFileSync(file, 'utf8');
    await expect(c.create(ACCOUNT, { __NAME__: 'bjensen', lastName: 'X' }, ctx('CREATE'))).rejects.toThrow(AlreadyExistsError);
    expect(readFileSync(file, 'utf8')).toBe(before);
  });

  test('when an attribute is not a column, then create throws InvalidAttributeValueError naming it', async () => {
    const c = connectorFor(SAMPLE);
    await expect(c.create(ACCOUNT, { __NAME__: 'x1', shoeSize: '42' }, ctx('CREATE'))).rejects.toThrow(
      new InvalidAttributeValueError(
        "Attribute 'shoeSize' is not a column of the CSV file; its columns are uid, username, firstName, lastName, email, mobileTelephoneNumber, description, password",
      ),
    );
  });

  test('when a value has several elements or is an object, then create throws InvalidAttributeValueError', async () => {
    const c = connectorFor(SAMPLE);
    await expect(c.create(ACCOUNT, { __NAME__: 'x1', email: ['a@x', 'b@x'] }, ctx('CREATE'))).rejects.toThrow(
      /'email' is single-valued in a CSV file, got 2 values/,
    );
    await expect(c.create(ACCOUNT, { __NAME__: 'x1', email: { a: 1 } }, ctx('CREATE'))).rejects.toThrow(InvalidAttributeValueError);
  });

  test('when __NAME__ and the uid column disagree, then create throws InvalidAttributeValueError', async () => {
    const c = connectorFor(SAMPLE);
    await expect(c.create(ACCOUNT, { __NAME__: 'a', uid: 'b' }, ctx('CREATE'))).rejects.toThrow(/both set the uid column/);
  });

  test('when the file has no password column, then a password is refused with InvalidAttributeValueError', async () => {
    const c = connectorFor('uid,lastName\nbjensen,Jensen\n');
    await expect(c.create(ACCOUNT, { __NAME__: 'x', __PASSWORD__: 'p' }, ctx('CREATE'))).rejects.toThrow(/no password column/);
  });

  test('when a value contains the delimiter, quotes, backslashes and a newline, then it reads back unchanged', async () => {
    const c = connectorFor(SAMPLE);
    const tricky = 'a,b "quoted" C:\\path\\ \nsecond line';
    await c.create(ACCOUNT, { __NAME__: 'tricky', lastName: 'T', description: tricky }, ctx('CREATE'));
    const fresh = connectorFor(readFileSync(file, 'utf8'));
    expect((await fresh.get(ACCOUNT, { value: 'tricky' }, {}, ctx()))?.attributes['description']).toBe(tricky);
  });
});

describe('update', () => {
  test('when attributes are given, then only they change and null clears one', async () => {
    const c = connectorFor(SAMPLE);
    const uid = await c.update(ACCOUNT, { value: 'bjensen' }, { firstName: 'Babs', mobileTelephoneNumber: null }, ctx('UPDATE'));
    expect(uid.value).toBe('bjensen');
    const o = await c.get(ACCOUNT, { value: 'bjensen' }, {}, ctx());
    expect(o?.attributes).toMatchObject({ firstName: 'Babs', lastName: 'Jensen', email: 'bjensen@example.com' });
    expect(o?.attributes).not.toHaveProperty('mobileTelephoneNumber');
    expect(o?.uid.revision).toBe(uid.revision);
  });

  test('when the revision matches, then the update succeeds and returns a new revision', async () => {
    const c = connectorFor(SAMPLE);
    const before = (await c.get(ACCOUNT, { value: 'bjensen' }, {}, ctx()))!.uid;
    const after = await c.update(ACCOUNT, before, { description: 'changed' }, ctx('UPDATE'));
    expect(after.revision).not.toBe(before.revision);
  });

  test('when the revision is stale, then update throws PreconditionFailedError and nothing changes', async () => {
    const c = connectorFor(SAMPLE);
    const before = readFileSync(file, 'utf8');
    await expect(
      c.update(ACCOUNT, { value: 'bjensen', revision: 'stale' }, { description: 'x' }, ctx('UPDATE')),
    ).rejects.toThrow(PreconditionFailedError);
    expect(readFileSync(file, 'utf8')).toBe(before);
  });

  test('when __NAME__ changes, then the row is renamed in place and the new uid is returned', async () => {
    const c = connectorFor(SAMPLE);
    const uid = await c.update(ACCOUNT, { value: 'scarter' }, { __NAME__: 'stcarter' }, ctx('UPDATE'));
    expect(uid.value).toBe('stcarter');
    expect(await c.get(ACCOUNT, { value: 'scarter' }, {}, ctx())).toBeNull();
    expect((await c.get(ACCOUNT, { value: 'stcarter' }, {}, ctx()))?.attributes['lastName']).toBe('Carter');
    expect(fileRows().map((r) => r[0])).toEqual(['uid', 'bjensen', 'stcarter', 'jdoe']);
  });

  test('when renaming onto an existing uid, then update throws AlreadyExistsError', async () => {
    const c = connectorFor(SAMPLE);
    await expect(c.update(ACCOUNT, { value: 'scarter' }, { __NAME__: 'bjensen' }, ctx('UPDATE'))).rejects.toThrow(AlreadyExistsError);
  });

  test('when __NAME__ is cleared, then update throws InvalidAttributeValueError', async () => {
    const c = connectorFor(SAMPLE);
    await expect(c.update(ACCOUNT, { value: 'scarter' }, { __NAME__: null }, ctx('UPDATE'))).rejects.toThrow(/cannot be cleared/);
  });

  test('when the uid does not exist, then update throws UnknownUidError', async () => {
    const c = connectorFor(SAMPLE);
    await expect(c.update(ACCOUNT, { value: 'nobody' }, { lastName: 'X' }, ctx('UPDATE'))).rejects.toThrow(UnknownUidError);
  });

  test('when an attribute is not a column, then update throws InvalidAttributeValueError', async () => {
    const c = connectorFor(SAMPLE);
    await expect(c.update(ACCOUNT, { value: 'bjensen' }, { shoeSize: '42' }, ctx('UPDATE'))).rejects.toThrow(/'shoeSize'/);
  });

  test('when nothing changes, then the file is not rewritten', async () => {
    const c = connectorFor(SAMPLE);
    const before = readFileSync(file, 'utf8');
    const uid = await c.update(ACCOUNT, { value: 'bjensen' }, { lastName: 'Jensen' }, ctx('UPDATE'));
    expect(readFileSync(file, 'utf8')).toBe(before);
    expect(uid.revision).toBe((await c.get(ACCOUNT, { value: 'bjensen' }, {}, ctx()))?.uid.revision);
  });

  test('when only the password changes, then the revision stays the same (it reveals nothing about passwords)', async () => {
    const c = connectorFor(SAMPLE);
    const before = (await c.get(ACCOUNT, { value: 'bjensen' }, {}, ctx()))!.uid;
    const after = await c.update(ACCOUNT, before, { __PASSWORD__: 'n3w' }, ctx('UPDATE'));
    expect(after.revision).toBe(before.revision);
    await expect(c.authenticate(ACCOUNT, 'bjensen', 'n3w', ctx('AUTHENTICATE'))).resolves.toMatchObject({ value: 'bjensen' });
  });
});

describe('addAttributeValues and removeAttributeValues', () => {
  test('when a value is added, then the cell holds it', async () => {
    const c = connectorFor(SAMPLE);
    await c.addAttributeValues(ACCOUNT, { value: 'jdoe' }, { email: ['jdoe@example.com'] }, ctx('UPDATE'));
    expect((await c.get(ACCOUNT, { value: 'jdoe' }, {}, ctx()))?.attributes['email']).toBe('jdoe@example.com');
  });

  test('when two values are added to one cell, then InvalidAttributeValueError', async () => {
    const c = connectorFor(SAMPLE);
    await expect(c.addAttributeValues(ACCOUNT, { value: 'jdoe' }, { email: ['a@x', 'b@x'] }, ctx('UPDATE'))).rejects.toThrow(
      InvalidAttributeValueError,
    );
  });

  test('when the current value is removed, then the cell is cleared; another value is ignored', async () => {
    const c = connectorFor(SAMPLE);
    await c.removeAttributeValues(ACCOUNT, { value: 'bjensen' }, { firstName: ['Someone'], lastName: ['Jensen'] }, ctx('UPDATE'));
    const o = await c.get(ACCOUNT, { value: 'bjensen' }, {}, ctx());
    expect(o?.attributes['firstName']).toBe('Barbara');
    expect(o?.attributes).not.toHaveProperty('lastName');
  });

  test('when the uid is added or removed, then InvalidAttributeValueError (renames go through update)', async () => {
    const c = connectorFor(SAMPLE);
    await expect(c.addAttributeValues(ACCOUNT, { value: 'jdoe' }, { __NAME__: 'x' }, ctx('UPDATE'))).rejects.toThrow(/rename with update/);
    await expect(c.removeAttributeValues(ACCOUNT, { value: 'jdoe' }, { uid: 'jdoe' }, ctx('UPDATE'))).rejects.toThrow(/rename with update/);
  });

  test('when the uid does not exist, then UnknownUidError', async () => {
    const c = connectorFor(SAMPLE);
    await expect(c.removeAttributeValues(ACCOUNT, { value: 'nobody' }, { email: 'x' }, ctx('UPDATE'))).rejects.toThrow(UnknownUidError);
  });
});

describe('delete', () => {
  test('when the uid exists, then its row is removed from the file', async () => {
    const c = connectorFor(SAMPLE);
    await c.delete(ACCOUNT, { value: 'scarter' }, ctx('DELETE'));
    expect(await c.get(ACCOUNT, { value: 'scarter' }, {}, ctx())).toBeNull();
    expect(fileRows().map((r) => r[0])).toEqual(['uid', 'bjensen', 'jdoe']);
  });

  test('when the uid does not exist, then delete throws UnknownUidError', async () => {
    const c = connectorFor(SAMPLE);
    await expect(c.delete(ACCOUNT, { value: 'nobody' }, ctx('DELETE'))).rejects.toThrow(UnknownUidError);
  });

  test('when the revision is stale, then delete throws PreconditionFailedError and keeps the row', async () => {
    const c = connectorFor(SAMPLE);
    await expect(c.delete(ACCOUNT, { value: 'scarter', revision: 'old' }, ctx('DELETE'))).rejects.toThrow(PreconditionFailedError);
    expect(await c.get(ACCOUNT, { value: 'scarter' }, {}, ctx())).not.toBeNull();
  });
});

describe('authenticate', () => {
  test('when the password is right, then the uid with its revision is returned', async () => {
    const c = connectorFor(SAMPLE);
    const uid = await c.authenticate(ACCOUNT, 'bjensen', 'Passw0rd1', ctx('AUTHENTICATE'));
    expect(uid).toEqual({ value: 'bjensen', revision: (await c.get(ACCOUNT, { value: 'bjensen' }, {}, ctx()))?.uid.revision });
  });

  test('when the password is wrong or empty, then InvalidPasswordError', async () => {
    const c = connectorFor(SAMPLE);
    await expect(c.authenticate(ACCOUNT, 'bjensen', 'wrong', ctx('AUTHENTICATE'))).rejects.toThrow(InvalidPasswordError);
    await expect(c.authenticate(ACCOUNT, 'bjensen', '', ctx('AUTHENTICATE'))).rejects.toThrow(InvalidPasswordError);
  });

  test('when the row has no password, then even an empty password is refused with InvalidPasswordError', async () => {
    const c = connectorFor(SAMPLE);
    await expect(c.authenticate(ACCOUNT, 'jdoe', '', ctx('AUTHENTICATE'))).rejects.toThrow(InvalidPasswordError);
  });

  test('when the user does not exist, then InvalidCredentialError (IDM: "Account … does not exist.", 401)', async () => {
    const c = connectorFor(SAMPLE);
    const error = await c.authenticate(ACCOUNT, 'nobody', 'x', ctx('AUTHENTICATE')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidCredentialError);
    expect(error).not.toBeInstanceOf(InvalidPasswordError);
    expect(error).not.toBeInstanceOf(UnknownUidError);
  });

  test('when the file has no password column, then ConfigurationError', async () => {
    const c = connectorFor('uid,lastName\nbjensen,Jensen\n');
    await expect(c.authenticate(ACCOUNT, 'bjensen', 'x', ctx('AUTHENTICATE'))).rejects.toThrow(ConfigurationError);
  });
});

describe('test', () => {
  test('when the file is readable and has the uid column, then test passes', async () => {
    await expect(connectorFor(SAMPLE).test(ctx('TEST'))).resolves.toBeUndefined();
  });

  test('when the file does not exist, then test throws ConfigurationError naming it', async () => {
    const c = connectorFor(SAMPLE);
    rmSync(file);
    const error = await c.test(ctx('TEST')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigurationError);
    expect((error as Error).message).toBe(`CSV file ${file} does not exist; at least a file with a header row must exist`);
  });

  test('when the header lacks the uid column, then test throws ConfigurationError listing the columns', async () => {
    const c = connectorFor('id,lastName\n1,Jensen\n');
    await expect(c.test(ctx('TEST'))).rejects.toThrow(/has no 'uid' column \(headerUid\); its columns are id, lastName/);
  });

  test('when the file is empty, then test throws ConfigurationError', async () => {
    await expect(connectorFor('').test(ctx('TEST'))).rejects.toThrow(/has no header row/);
  });

  test('when the header repeats a column, then test throws ConfigurationError', async () => {
    await expect(connectorFor('uid,a,a\n').test(ctx('TEST'))).rejects.toThrow(/'a' more than once/);
  });

  test('when a record repeats a uid or has an empty uid or too many fields, then operations fail naming the record', async () => {
    await expect(connectorFor('uid,a\nx,1\nx,2\n').test(ctx('TEST'))).rejects.toThrow(/uid 'x' appears more than once/);
    await expect(connectorFor('uid,a\n,1\n').test(ctx('TEST'))).rejects.toThrow(/record 1 has an empty 'uid' value/);
    await expect(connectorFor('uid,a\nx,1,2\n').test(ctx('TEST'))).rejects.toThrow(ConnectorError);
  });

  test('when a record is short, then the missing cells are absent attributes', async () => {
    const c = connectorFor('uid,a,b\nx,1\n');
    expect((await c.get(ACCOUNT, { value: 'x' }, {}, ctx()))?.attributes).toEqual({ __NAME__: 'x', uid: 'x', a: '1' });
  });

  test('when a quote is never closed, then operations fail with a parse error naming the file', async () => {
    await expect(connectorFor('uid,a\nx,"open\n').test(ctx('TEST'))).rejects.toThrow(/cannot be parsed/);
  });
});

describe('headers', () => {
  test('when columns contain spaces, then attribute names use spaceReplacementString and the file keeps the header', async () => {
    const c = connectorFor('uid,first name\nx,Ann\n', { spaceReplacementString: '_' });
    expect((await c.get(ACCOUNT, { value: 'x' }, {}, ctx()))?.attributes).toEqual({ __NAME__: 'x', uid: 'x', first_name: 'Ann' });
    await c.update(ACCOUNT, { value: 'x' }, { first_name: 'Bea' }, ctx('UPDATE'));
    expect(readFileSync(file, 'utf8')).toBe('"uid","first name"\n"x","Bea"\n');
  });

  test('when headerUid and headerPassword name other columns, then those columns are the uid and the password', async () => {
    const c = connectorFor('login,pwd,sn\nann,s3cret,Smith\n', { headerUid: 'login', headerPassword: 'pwd' });
    const o = await c.get(ACCOUNT, { value: 'ann' }, {}, ctx());
    expect(o?.attributes).toEqual({ __NAME__: 'ann', login: 'ann', sn: 'Smith' });
    await expect(c.authenticate(ACCOUNT, 'ann', 's3cret', ctx('AUTHENTICATE'))).resolves.toMatchObject({ value: 'ann' });
  });

  test('when the file starts with a byte-order mark, then it is read and kept on write', async () => {
    const c = connectorFor('\ufeffuid,a\nx,1\n');
    expect((await c.get(ACCOUNT, { value: 'x' }, {}, ctx()))?.attributes['a']).toBe('1');
    await c.update(ACCOUNT, { value: 'x' }, { a: '2' }, ctx('UPDATE'));
    expect(readFileSync(file, 'utf8')).toBe('\ufeff"uid","a"\n"x","2"\n');
  });
});

describe('dispose', () => {
  test('when disposed, then a later operation reads the file again', async () => {
    const c = connectorFor(SAMPLE);
    await c.dispose();
    expect(await c.get(ACCOUNT, { value: 'bjensen' }, {}, ctx())).not.toBeNull();
  });
});
