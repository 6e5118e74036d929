import { boxConnectorType } from '../connectors/box/index.js';
import { csvConnectorType } from '../connectors/csv/index.js';
import { dropboxConnectorType } from '../connectors/dropbox/index.js';
import { restConnectorType } from '../connectors/rest/index.js';
import type { ConnectorType } from './spi.js';

/** The connector types this gateway offers (availableConnectors), keyed by connectorName. */
export class ConnectorCatalogue {
  private readonly types = new Map<string, ConnectorType>();

  constructor(types: readonly ConnectorType[]) {
    for (const t of types) this.types.set(t.connectorRef.connectorName, t);
  }

  get(connectorName: string): ConnectorType | undefined {
    return this.types.get(connectorName);
  }

  list(): ConnectorType[] {
    return [...this.types.values()];
  }
}

/** Every connector type built into the gateway. */
export function builtInConnectorTypes(): ConnectorType[] {
  return [csvConnectorType, dropboxConnectorType, boxConnectorType, restConnectorType];
}
