import { ObjectClass, SpecialAttribute } from '../../provisioner/objects.js';
import type { AttributeInfo, ConnectorSchema } from '../../provisioner/spi.js';
import type { CsvTable } from './csv-table.js';

/**
 * The schema of a CSV file, from its header (IDM's CSVFileConnector.schema): one object class,
 * `__ACCOUNT__`; the uid column as the required `__NAME__` (idmName = the column), the password
 * column as a non-readable `__PASSWORD__` GuardedString, every other column a string attribute.
 */
export function csvSchema(table: CsvTable): ConnectorSchema {
  const attributes: AttributeInfo[] = table.columns.map((column, i): AttributeInfo => {
    if (i === table.uidIndex) {
      return { name: SpecialAttribute.NAME, type: 'string', nativeType: 'string', required: true, idmName: column.name };
    }
    if (i === table.passwordIndex) {
      return {
        name: SpecialAttribute.PASSWORD,
        type: 'string',
        nativeType: 'JAVA_TYPE_GUARDEDSTRING',
        flags: ['NOT_READABLE', 'NOT_RETURNED_BY_DEFAULT'],
        idmName: column.name,
      };
    }
    return { name: column.name, type: 'string', nativeType: 'string' };
  });
  return { objectClasses: { [ObjectClass.ACCOUNT]: { attributes } } };
}
