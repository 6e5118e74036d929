import { Low } from 'lowdb';
import { JSONFile } from 'lowdb/node';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
test('when lowdb writes, then it persists', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'smoke-'));
  const db = new Low<{ a: number[] }>(new JSONFile(join(dir, 'db.json')), { a: [] });
  await db.read();
  db.data.a.push(1);
  await db.write();
  const db2 = new Low<{ a: number[] }>(new JSONFile(join(dir, 'db.json')), { a: [] });
  await db2.read();
  expect(db2.data.a).toEqual([1]);
});
