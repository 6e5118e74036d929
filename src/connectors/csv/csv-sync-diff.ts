import type { SyncDelta } from '../../provisioner/spi.js';
import { toConnectorObject } from './csv-mapping.js';
import type { CsvRow, CsvTable } from './csv-table.js';

/**
 * The changes from `before` to `after`, by uid: rows that are new or whose cells differ (the
 * password column included) are CREATE_OR_UPDATE with the row as read; missing rows are DELETE.
 * Cells are compared by column name, so reordered or added empty columns change nothing.
 */
export function diffCsvTables(before: CsvTable, after: CsvTable, objectClass: string): SyncDelta[] {
  const deltas: SyncDelta[] = [];
  for (const row of after.rows) {
    const old = before.get(row.uid);
    if (old && sameCells(before, old, after, row)) continue;
    deltas.push({ type: 'CREATE_OR_UPDATE', uid: { value: row.uid, revision: row.revision(after) }, object: toConnectorObject(after, row, objectClass) });
  }
  for (const row of before.rows) {
    if (!after.get(row.uid)) deltas.push({ type: 'DELETE', uid: { value: row.uid } });
  }
  return deltas;
}

function sameCells(a: CsvTable, rowA: CsvRow, b: CsvTable, rowB: CsvRow): boolean {
  const cells = (t: CsvTable, r: CsvRow): Map<string, string> =>
    new Map(t.columns.flatMap((c, i) => (r.values[i] ? [[c.name, r.values[i]!] as [string, string]] : [])));
  const x = cells(a, rowA);
  const y = cells(b, rowB);
  return x.size === y.size && [...x].every(([k, v]) => y.get(k) === v);
}
