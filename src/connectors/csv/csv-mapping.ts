import { InvalidAttributeValueError } from '../../provisioner/connector-errors.js';
import { SpecialAttribute, type AttributeMap, type ConnectorObject } from '../../provisioner/objects.js';
import type { JsonValue } from '../../util/json.js';
import type { CsvRow, CsvTable } from './csv-table.js';

/**
 * The object a row represents. `__NAME__` (and the uid as `Uid`, with the row's revision) always
 * come back. Without `attributesToGet`: every non-empty column except the password column. With
 * it: the named attributes that have a value (`__PASSWORD__` or the password column included),
 * each under the name it was asked by; unknown names are ignored.
 */
export function toConnectorObject(
  table: CsvTable,
  row: CsvRow,
  objectClass: string,
  attributesToGet?: readonly string[],
): ConnectorObject {
  const attributes: Record<string, JsonValue> = { [SpecialAttribute.NAME]: row.uid };
  if (!attributesToGet) {
    table.columns.forEach((column, i) => {
      const value = row.values[i]!;
      if (i !== table.passwordIndex && value !== '') attributes[column.name] = value;
    });
  } else {
    for (const name of attributesToGet) {
      if (name === SpecialAttribute.UID || name === SpecialAttribute.NAME) continue;
      const i = table.columnOf(name);
      const value = i < 0 ? '' : row.values[i]!;
      if (value !== '') attributes[name] = value;
    }
  }
  return { objectClass, uid: { value: row.uid, revision: row.revision(table) }, attributes };
}

/**
 * The cell for an attribute value: strings as they are, numbers and booleans as text,
 * null / [] as an empty cell (absent), a one-element array as its element.
 * @throws InvalidAttributeValueError for objects and for more than one value (a cell holds one string).
 */
export function toCell(attribute: string, value: JsonValue): string {
  if (value === null) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) {
    if (value.length === 0) return '';
    if (value.length === 1) return toCell(attribute, value[0]!);
    throw new InvalidAttributeValueError(
      `Attribute '${attribute}' is single-valued in a CSV file, got ${value.length} values`,
    );
  }
  throw new InvalidAttributeValueError(`Attribute '${attribute}' must be a string, got an object`);
}

/**
 * Applies native attributes onto a row's cells (create starts from empty cells). `__UID__`,
 * `__NAME__` and the uid column all address the uid column and must agree; `__PASSWORD__` and the
 * password column address the password column; null clears a cell.
 * @returns the new cells and the uid value given, if any (possibly '' when it was cleared).
 * @throws InvalidAttributeValueError naming an attribute that is not a column, or conflicting uid values.
 */
export function applyAttributes(
  table: CsvTable,
  cells: readonly string[],
  attributes: AttributeMap,
): { values: string[]; uid: string | undefined } {
  const values = cells.slice();
  let uid: { value: string; from: string } | undefined;
  for (const [name, raw] of Object.entries(attributes)) {
    const index = requireColumn(table, name);
    const cell = toCell(name, raw);
    if (index === table.uidIndex) {
      if (uid && uid.value !== cell) {
        throw new InvalidAttributeValueError(
          `Attributes '${uid.from}' and '${name}' both set the uid column but differ ('${uid.value}' and '${cell}')`,
        );
      }
      uid = { value: cell, from: name };
      continue;
    }
    values[index] = cell;
  }
  if (uid) values[table.uidIndex] = uid.value;
  return { values, uid: uid?.value };
}

/**
 * The column of a native attribute (see `CsvTable.columnOf`).
 * @throws InvalidAttributeValueError naming the attribute when no column holds it.
 */
export function requireColumn(table: CsvTable, name: string): number {
  const index = table.columnOf(name);
  if (index >= 0) return index;
  if (name === SpecialAttribute.PASSWORD) {
    throw new InvalidAttributeValueError(`Attribute '${name}' cannot be stored: the CSV file has no password column (headerPassword)`);
  }
  throw new InvalidAttributeValueError(
    `Attribute '${name}' is not a column of the CSV file; its columns are ${table.columns.map((c) => c.name).join(', ')}`,
  );
}
