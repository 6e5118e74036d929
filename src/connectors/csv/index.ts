import type { ConnectorType } from '../../provisioner/spi.js';
import {
  CSV_DEFAULT_CONFIGURATION_PROPERTIES,
  parseCsvConfiguration,
  validateCsvConfiguration,
} from './csv-configuration.js';
import { CsvConnector } from './csv-connector.js';

/** The CSV File Connector, as listed by `availableConnectors` and built from a provisioner file. */
export const csvConnectorType: ConnectorType = {
  connectorRef: {
    bundleName: 'org.forgerock.openicf.connectors.csvfile-connector',
    bundleVersion: '1.5.20.32',
    connectorName: 'org.forgerock.openicf.csvfile.CSVFileConnector',
    displayName: 'CSV File Connector',
  },
  defaultConfigurationProperties: CSV_DEFAULT_CONFIGURATION_PROPERTIES,
  confidentialProperties: [],
  coreConfigDefaults: {
    resultsHandlerConfig: {
      enableNormalizingResultsHandler: false,
      enableFilteredResultsHandler: false,
      enableCaseInsensitiveFilter: false,
      enableAttributesToGetSearchResultsHandler: true,
    },
    operationTimeout: {
      CREATE: 5000,
      UPDATE: 15000,
      DELETE: 15000,
      TEST: 5000,
      SCRIPT_ON_CONNECTOR: 15000,
      SCRIPT_ON_RESOURCE: 15000,
      GET: 15000,
      RESOLVEUSERNAME: 10000,
      AUTHENTICATE: 10000,
      SEARCH: 15000,
      VALIDATE: 5000,
      SYNC: 15000,
      SCHEMA: 10000,
    },
  },
  validate: validateCsvConfiguration,
  create: (init) => new CsvConnector(parseCsvConfiguration(init.configurationProperties)),
};

export { CsvConnector } from './csv-connector.js';
export type { CsvConfiguration } from './csv-configuration.js';
