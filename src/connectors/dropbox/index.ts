import type { ConnectorType } from '../../provisioner/spi.js';
import {
  DROPBOX_CONFIDENTIAL_PROPERTIES, DROPBOX_DEFAULT_CONFIGURATION_PROPERTIES, parseDropboxConfiguration, validateDropboxConfiguration,
} from './dropbox-configuration.js';
import { DropboxConnector } from './dropbox-connector.js';

/** The Dropbox Connector, as listed by `availableConnectors` and built from a provisioner file. */
export const dropboxConnectorType: ConnectorType = {
  connectorRef: {
    bundleName: 'org.forgerock.openicf.connectors.dropbox-connector',
    bundleVersion: '1.5.20.34',
    connectorName: 'org.forgerock.openicf.connectors.dropbox.DropboxConnector',
    displayName: 'Dropbox Connector',
  },
  defaultConfigurationProperties: DROPBOX_DEFAULT_CONFIGURATION_PROPERTIES,
  confidentialProperties: DROPBOX_CONFIDENTIAL_PROPERTIES,
  validate: validateDropboxConfiguration,
  create: (init) => new DropboxConnector(parseDropboxConfiguration(init.configurationProperties), init),
};

export { DropboxConnector } from './dropbox-connector.js';
export { DROPBOX_SCHEMA } from './dropbox-schema.js';
