import type { ConnectorType } from '../../provisioner/spi.js';
import {
  BOX_CONFIDENTIAL_PROPERTIES, BOX_DEFAULT_CONFIGURATION_PROPERTIES, parseBoxConfiguration, validateBoxConfiguration,
} from './box-configuration.js';
import { BoxConnector } from './box-connector.js';

/** The Box.com Connector, as listed by `availableConnectors` and built from a provisioner file. */
export const boxConnectorType: ConnectorType = {
  connectorRef: {
    bundleName: 'org.forgerock.openicf.connectors.box-connector',
    bundleVersion: '1.5.20.34',
    connectorName: 'org.forgerock.openicf.connectors.box.BoxConnector',
    // The page's test output shows the bundle's display name as the connector class name.
    displayName: 'org.forgerock.openicf.connectors.box.BoxConnector',
  },
  defaultConfigurationProperties: BOX_DEFAULT_CONFIGURATION_PROPERTIES,
  confidentialProperties: BOX_CONFIDENTIAL_PROPERTIES,
  validate: validateBoxConfiguration,
  create: (init) => new BoxConnector(parseBoxConfiguration(init.configurationProperties), init),
};

export { BoxConnector } from './box-connector.js';
export { BOX_SCHEMA } from './box-schema.js';
