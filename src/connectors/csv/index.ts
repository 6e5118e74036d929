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
  // createCoreConfig's resultsHandlerConfig and operationTimeout are ICF's generic defaults (system-actions.ts).
  validate: validateCsvConfiguration,
  create: (init) => new CsvConnector(parseCsvConfiguration(init.configurationProperties)),
};

export { CsvConnector } from './csv-connector.js';
export type { CsvConfiguration } from './csv-configuration.js';
