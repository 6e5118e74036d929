import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readProvisionerFiles } from '../../src/config/provisioner-files.js';
import { jsonSyntaxProblem } from '../../src/util/json.js';

/** V8 quotes the source around a JSON syntax error; files may hold secrets in clear. */
function problemOf(text: string): string {
  try {
    JSON.parse(text);
  } catch (error) {
    return jsonSyntaxProblem(error, text);
  }
  throw new Error('parsed');
}

describe('jsonSyntaxProblem', () => {
  test('when V8 quotes the whole source, then the complaint names where the token is and quotes nothing', () => {
    expect(problemOf('{"password":Short-Secret-1}')).toBe('Unexpected token in JSON at line 1 column 13');
  });

  test('when V8 quotes an excerpt of a long source, then the complaint names its line and column and quotes nothing', () => {
    const text = `{\n  "name": "x",\n  "password": Long-Secret-Value-2,\n  "${'padding'.repeat(10)}": 1\n}`;
    const problem = problemOf(text);
    expect(problem).toBe('Unexpected token in JSON at line 3 column 15');
    expect(problem).not.toContain('Long');
  });

  test('when the complaint quotes nothing, then it is kept as is', () => {
    expect(problemOf('{"a":1,}')).toBe('Expected double-quoted property name in JSON at position 7');
    expect(jsonSyntaxProblem(new Error('EACCES: permission denied'), '')).toBe('EACCES: permission denied');
  });

  test('when a provisioner file is not valid JSON at start-up, then its problem quotes none of it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'idm-json-'));
    writeFileSync(join(dir, 'provisioner.openicf-typo.json'), '{"configurationProperties":{"password":Startup-Secret-3}}');
    const { problems } = readProvisionerFiles(dir);
    expect(problems).toEqual([{ file: join(dir, 'provisioner.openicf-typo.json'), problems: ['/: Unexpected token in JSON at line 1 column 40'] }]);
  });
});
