import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { JsonObject } from '../util/json.js';
import { isJsonObject, jsonSyntaxProblem } from '../util/json.js';

const FILE_PATTERN = /^provisioner\.openicf-(.+)\.json$/;

/** A provisioner file read from disk, not yet validated. */
export interface ProvisionerFile {
  /** The config alias: `<alias>` of `provisioner.openicf-<alias>.json` (REST id `provisioner.openicf/<alias>`). */
  readonly alias: string;
  readonly file: string;
  readonly document: JsonObject;
}

/** A file that could not be used, with the reason (reported, never fatal to the other systems). */
export interface FileProblem {
  readonly file: string;
  readonly problems: readonly string[];
}

/** The alias of a provisioner file name (`provisioner.openicf-<alias>.json`), or undefined for other files. */
export function aliasOfFileName(name: string): string | undefined {
  return FILE_PATTERN.exec(name)?.[1];
}

/** The file name holding the configuration `provisioner.openicf/<alias>`. */
export function provisionerFileName(alias: string): string {
  return `provisioner.openicf-${alias}.json`;
}

/**
 * The longest alias: its file (and the temporary file written beside it,
 * `.provisioner.openicf-<alias>.json.<12 hex>.tmp`) must fit the 255 bytes a file name may have.
 */
export const MAX_ALIAS_LENGTH = 200;

/** IDM's alias rule: no extra dash (the OSGi parser splits on it), nothing that escapes the directory; a name a file can have. */
export function aliasProblem(alias: string): string | undefined {
  if (!/^[A-Za-z0-9_.]+$/.test(alias) || alias.includes('..')) {
    return `the configuration name "${alias}" may contain only letters, digits, '_' and '.' (no dash, no '..', no '/')`;
  }
  if (alias.length > MAX_ALIAS_LENGTH) {
    return `the configuration name has ${alias.length} characters; at most ${MAX_ALIAS_LENGTH} are allowed`;
  }
  return undefined;
}

/** Reads every provisioner.openicf-*.json of a directory. */
export function readProvisionerFiles(confDir: string): { files: ProvisionerFile[]; problems: FileProblem[] } {
  const files: ProvisionerFile[] = [];
  const problems: FileProblem[] = [];
  let names: string[];
  try {
    names = readdirSync(confDir).sort();
  } catch (error) {
    return { files, problems: [{ file: confDir, problems: [(error as Error).message] }] };
  }
  for (const name of names) {
    const match = FILE_PATTERN.exec(name);
    if (!match) continue;
    const file = join(confDir, name);
    const alias = match[1]!;
    const bad = aliasProblem(alias);
    if (bad) {
      problems.push({ file, problems: [bad] });
      continue;
    }
    let text = '';
    try {
      text = readFileSync(file, 'utf8');
      const document: unknown = JSON.parse(text);
      if (!isJsonObject(document)) throw new Error('the file must hold a JSON object');
      files.push({ alias, file, document });
    } catch (error) {
      problems.push({ file, problems: [`/: ${jsonSyntaxProblem(error, text)}`] });
    }
  }
  return { files, problems };
}
