import { compare } from '../../provisioner/filter.js';
import type { SortKey } from '../../provisioner/spi.js';
import type { CsvRow, CsvTable } from './csv-table.js';

/**
 * Sorts rows by native attributes (stable: ties keep file order). Values compare as strings
 * (code-unit order, as ICF compares String attributes); an absent value sorts after every present
 * one when ascending and before them when descending, like the facade's own sort. The password
 * column and unknown attributes count as absent.
 */
export function sortCsvRows(rows: readonly CsvRow[], sortKeys: readonly SortKey[], table: CsvTable): CsvRow[] {
  const keys = sortKeys.map((k) => {
    const i = table.columnOf(k.attribute);
    return { index: i === table.passwordIndex ? -1 : i, direction: k.ascending ? 1 : -1 };
  });
  return rows.slice().sort((a, b) => {
    for (const { index, direction } of keys) {
      if (index < 0) continue;
      const va = a.values[index]!;
      const vb = b.values[index]!;
      let c: number;
      if (va === '' || vb === '') c = va === vb ? 0 : va === '' ? 1 : -1;
      else c = compare(va, vb) ?? 0;
      if (c !== 0) return c * direction;
    }
    return 0;
  });
}
