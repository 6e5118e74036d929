import { csvConnectorType } from '../../src/connectors/csv/index.js';
import { parseCsvConfiguration } from '../../src/connectors/csv/csv-configuration.js';
import { CsvConnector } from '../../src/connectors/csv/csv-connector.js';
import { ConfigurationError } from '../../src/provisioner/connector-errors.js';
import type { JsonObject } from '../../src/util/json.js';

const valid: JsonObject = { ...csvConnectorType.defaultConfigurationProperties, csvFile: '/data/csvConnectorData.csv' };

describe('csvConnectorType', () => {
  test('when listed, then its connectorRef is IDM\'s CSV File Connector', () => {
    expect(csvConnectorType.connectorRef).toEqual({
      bundleName: 'org.forgerock.openicf.connectors.csvfile-connector',
      bundleVersion: '1.5.20.32',
      connectorName: 'org.forgerock.openicf.csvfile.CSVFileConnector',
      displayName: 'CSV File Connector',
    });
    expect(csvConnectorType.confidentialProperties).toEqual([]);
  });

  test('when a core config is generated, then properties and defaults are exactly createCoreConfig\'s', () => {
    expect(csvConnectorType.defaultConfigurationProperties).toEqual({
      headerPassword: 'password',
      spaceReplacementString: '_',
      csvFile: null,
      newlineString: '\n',
      headerUid: 'uid',
      quoteCharacter: '"',
      escapeCharacter: '\\',
      fieldDelimiter: ',',
      syncFileRetentionCount: 3,
    });
  });

  test('when someone tries to change the defaults, then they cannot', () => {
    expect(Object.isFrozen(csvConnectorType.defaultConfigurationProperties)).toBe(true);
  });

  test('when created with a valid configuration, then a CsvConnector with sort and offset support is built without touching the file', () => {
    const c = csvConnectorType.create({ configurationProperties: { csvFile: '/does/not/exist.csv' }, systemName: 'csv' });
    expect(c).toBeInstanceOf(CsvConnector);
    expect((c as CsvConnector).supportsSort).toBe(true);
    expect((c as CsvConnector).supportsOffset).toBe(true);
  });

  test('when created with an invalid configuration, then ConfigurationError lists the problems', () => {
    expect(() => csvConnectorType.create({ configurationProperties: { csvFile: null }, systemName: 'csv' })).toThrow(
      new ConfigurationError('Invalid CSV connector configuration: csvFile is required: the path of the CSV file'),
    );
  });
});

describe('validate', () => {
  test('when the configuration is the core config with a csvFile, then there is no problem', () => {
    expect(csvConnectorType.validate(valid)).toEqual([]);
    expect(csvConnectorType.validate({ csvFile: 'data.csv' })).toEqual([]);
  });

  test.each<[string, JsonObject, string]>([
    ['csvFile null', { csvFile: null }, 'csvFile is required: the path of the CSV file'],
    ['csvFile absent', {}, 'csvFile is required: the path of the CSV file'],
    ['csvFile a number', { csvFile: 3 }, 'csvFile must be a string path, got number 3'],
    ['fieldDelimiter of two characters', { fieldDelimiter: ';;' }, 'fieldDelimiter must be a single character, got string ";;"'],
    ['fieldDelimiter empty', { fieldDelimiter: '' }, 'fieldDelimiter must be a single character, got string ""'],
    ['quoteCharacter a number', { quoteCharacter: 1 }, 'quoteCharacter must be a single character, got number 1'],
    ['escapeCharacter of two characters', { escapeCharacter: '\\\\' }, 'escapeCharacter must be a single character, got string "\\\\\\\\"'],
    ['a line break as delimiter', { fieldDelimiter: '\n' }, 'fieldDelimiter must not be a line break'],
    ['delimiter equal to quote', { fieldDelimiter: '"' }, "fieldDelimiter and quoteCharacter must differ (both are '\"')"],
    ['delimiter equal to escape', { fieldDelimiter: '\\' }, "fieldDelimiter and escapeCharacter must differ (both are '\\')"],
    ['headerUid empty', { headerUid: '' }, 'headerUid must not be empty'],
    ['headerUid an array', { headerUid: ['uid'] }, 'headerUid must be a string, got an array'],
    ['headerPassword equal to headerUid', { headerPassword: 'uid' }, "headerPassword must differ from headerUid ('uid')"],
    ['headerPassword an object', { headerPassword: {} }, 'headerPassword must be a column name (string) or null, got an object'],
    ['newlineString not a line break', { newlineString: ';' }, 'newlineString must be "\\n", "\\r\\n" or "\\r", got ";"'],
    ['spaceReplacementString with a space', { spaceReplacementString: 'a b' }, 'spaceReplacementString must not contain spaces'],
    ['negative syncFileRetentionCount', { syncFileRetentionCount: -1 }, 'syncFileRetentionCount must be a non-negative integer, got number -1'],
    ['fractional syncFileRetentionCount', { syncFileRetentionCount: 1.5 }, 'syncFileRetentionCount must be a non-negative integer, got number 1.5'],
    ['an unsupported encoding', { encoding: 'latin1' }, 'encoding must be "utf-8" (the only supported encoding), got string "latin1"'],
  ])('when %s, then validate names the property', (_name, override, problem) => {
    const properties = { ...valid, ...override };
    if (_name === 'csvFile absent') delete properties['csvFile'];
    expect(csvConnectorType.validate(properties)).toEqual([problem]);
  });

  test('when a property is unknown, then validate names it', () => {
    expect(csvConnectorType.validate({ ...valid, filePath: 'x' })[0]).toMatch(/^unknown property 'filePath'; the CSV connector knows headerPassword, /);
  });

  test('when several properties are wrong, then every problem is reported', () => {
    expect(csvConnectorType.validate({ csvFile: null, fieldDelimiter: 'ab', syncFileRetentionCount: 'x' })).toHaveLength(3);
  });
});

describe('parseCsvConfiguration', () => {
  test('when optional properties are absent or null, then the defaults apply', () => {
    expect(parseCsvConfiguration({ csvFile: 'a.csv', spaceReplacementString: null })).toEqual({
      csvFile: 'a.csv',
      headerUid: 'uid',
      headerPassword: 'password',
      fieldDelimiter: ',',
      quoteCharacter: '"',
      escapeCharacter: '\\',
      newlineString: '\n',
      spaceReplacementString: '_',
      syncFileRetentionCount: 3,
    });
  });

  test('when headerPassword is null and escapeCharacter is null, then there is no password column and quotes are doubled', () => {
    const config = parseCsvConfiguration({ csvFile: 'a.csv', headerPassword: null, escapeCharacter: null, quoteCharacter: "'" });
    expect(config.headerPassword).toBeNull();
    expect(config.escapeCharacter).toBe("'");
  });

  test('when syncFileRetentionCount is a numeric string (after &{…} substitution), then it is accepted', () => {
    expect(parseCsvConfiguration({ csvFile: 'a.csv', syncFileRetentionCount: '5' }).syncFileRetentionCount).toBe(5);
  });
});
