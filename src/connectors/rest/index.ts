import type { ConnectorType } from '../../provisioner/spi.js';
import { RestConnector } from './rest-connector.js';
import {
  parseRestConfiguration, REST_CONFIDENTIAL_PROPERTIES, REST_DEFAULT_CONFIGURATION_PROPERTIES, validateRestConfiguration,
} from './rest-configuration.js';

/** The SaaS REST Connector, as listed by `availableConnectors` and built from a provisioner file. */
export const restConnectorType: ConnectorType = {
  connectorRef: {
    bundleName: 'org.forgerock.openicf.connectors.rest-connector',
    bundleVersion: '1.5.20.34',
    connectorName: 'org.forgerock.openicf.connectors.rest.RestConnector',
    displayName: 'Rest Connector',
  },
  defaultConfigurationProperties: REST_DEFAULT_CONFIGURATION_PROPERTIES,
  confidentialProperties: REST_CONFIDENTIAL_PROPERTIES,
  validate: validateRestConfiguration,
  create: (init) => new RestConnector(parseRestConfiguration(init.configurationProperties), init),
};

export { RestConnector } from './rest-connector.js';
export { parseRestConfiguration, validateRestConfiguration } from './rest-configuration.js';
