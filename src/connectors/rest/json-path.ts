import { isJsonObject, type JsonObject, type JsonValue } from '../../util/json.js';

/** One step of a path expression: an object key, an array index, or every element (`[*]`). */
export type PathStep =
  | { readonly kind: 'key'; readonly key: string }
  | { readonly kind: 'index'; readonly index: number }
  | { readonly kind: 'all' };

/** A parsed path expression such as `users[0].name`, `roles[*].role_id` or `/profile/email`. */
export interface JsonPath {
  readonly text: string;
  readonly steps: readonly PathStep[];
  /** True when the path fans out over an array (`[*]`): reading it yields a list. */
  readonly multi: boolean;
}

/** Thrown by parsePath for a malformed expression; the message says what is wrong. */
export class PathSyntaxError extends Error {
  override readonly name = 'PathSyntaxError';
}

/**
 * Parses the seed's path language: dot-separated keys with `[n]` indexes and `[*]` fan-outs
 * (`users[0].userName`, `roles[*].role_id`, `name.familyName`). A leading `/` selects
 * JSON-pointer style (`/profile/email`), where `/` separates keys. `/*` is not a path (it is
 * the "copy everything" marker of responseMapping) and is rejected here.
 */
export function parsePath(text: string): JsonPath {
  if (typeof text !== 'string' || text.trim() === '') throw new PathSyntaxError('a path must be a non-empty string');
  if (text === '/*') throw new PathSyntaxError('"/*" is only allowed as "/*": "/*" in a responseMapping');
  const steps: PathStep[] = [];
  if (text.startsWith('/')) {
    for (const part of text.slice(1).split('/')) {
      if (part === '') throw new PathSyntaxError(`empty segment in "${text}"`);
      steps.push(/^\d+$/.test(part) ? { kind: 'index', index: Number(part) } : part === '*' ? { kind: 'all' } : { kind: 'key', key: part });
    }
  } else {
    const token = /([^.[\]]+)|\[(\d+|\*)\]|(\.)/g;
    let expectKey = true;
    let position = 0;
    for (let m = token.exec(text); m !== null; m = token.exec(text)) {
      if (m.index !== position) throw new PathSyntaxError(`unexpected "${text.slice(position, m.index)}" in "${text}"`);
      position = token.lastIndex;
      if (m[1] !== undefined) {
        if (!expectKey) throw new PathSyntaxError(`missing "." before "${m[1]}" in "${text}"`);
        steps.push({ kind: 'key', key: m[1] });
        expectKey = false;
      } else if (m[2] !== undefined) {
        if (expectKey && steps.length > 0) throw new PathSyntaxError(`"[" after "." in "${text}"`);
        steps.push(m[2] === '*' ? { kind: 'all' } : { kind: 'index', index: Number(m[2]) });
        expectKey = false;
      } else {
        if (expectKey) throw new PathSyntaxError(`empty segment in "${text}"`);
        expectKey = true;
      }
    }
    if (position !== text.length) throw new PathSyntaxError(`unexpected "${text.slice(position)}" in "${text}"`);
    if (expectKey) throw new PathSyntaxError(`"${text}" ends with "."`);
  }
  return { text, steps, multi: steps.some((s) => s.kind === 'all') };
}

/**
 * The value at `path` in `node`: undefined when absent. A `[*]` path yields the list of the
 * values found under every element (absent ones left out); undefined when the array is absent.
 */
export function readPath(node: JsonValue | undefined, path: JsonPath): JsonValue | undefined {
  return read(node, path.steps, 0);
}

function read(node: JsonValue | undefined, steps: readonly PathStep[], at: number): JsonValue | undefined {
  if (at === steps.length) return node;
  if (node === undefined || node === null) return undefined;
  const step = steps[at]!;
  switch (step.kind) {
    case 'key':
      return isJsonObject(node) && Object.hasOwn(node, step.key) ? read(node[step.key], steps, at + 1) : undefined;
    case 'index':
      return Array.isArray(node) ? read(node[step.index], steps, at + 1) : undefined;
    case 'all': {
      if (!Array.isArray(node)) return undefined;
      const out: JsonValue[] = [];
      for (const item of node) {
        const value = read(item, steps, at + 1);
        if (value === undefined) continue;
        if (Array.isArray(value) && steps.slice(at + 1).some((s) => s.kind === 'all')) out.push(...value);
        else out.push(value);
      }
      return out;
    }
  }
}

/**
 * Writes `value` at `path` in `target`, creating objects and arrays on the way. With `[*]`,
 * an array `value` is spread: element i of the value goes to element i of the array
 * (`groups[*].id` with ["a","b"] gives `groups: [{id:"a"},{id:"b"}]`).
 */
export function writePath(target: JsonObject, path: JsonPath, value: JsonValue): void {
  write(target, path.steps, 0, value);
}

function write(node: JsonObject | JsonValue[], steps: readonly PathStep[], at: number, value: JsonValue): void {
  const step = steps[at]!;
  const last = at === steps.length - 1;
  if (step.kind === 'all') {
    if (!Array.isArray(node)) return;
    const values = Array.isArray(value) ? value : [value];
    node.length = 0;
    values.forEach((v, i) => {
      if (last) node[i] = v;
      else {
        const child = containerFor(steps[at + 1]!);
        node[i] = child;
        write(child, steps, at + 1, v);
      }
    });
    return;
  }
  const key = step.kind === 'key' ? step.key : step.index;
  const holder = node as Record<string | number, JsonValue>;
  if (last) {
    holder[key] = value;
    return;
  }
  let child = holder[key];
  const next = steps[at + 1]!;
  const wantsArray = next.kind !== 'key';
  if (child === undefined || child === null || typeof child !== 'object' || Array.isArray(child) !== wantsArray) {
    child = containerFor(next);
    holder[key] = child;
  }
  write(child as JsonObject | JsonValue[], steps, at + 1, value);
}

function containerFor(step: PathStep): JsonObject | JsonValue[] {
  return step.kind === 'key' ? {} : [];
}

/** The path as a dotted attribute name without indexes (`emails[0].value` → `emails.value`), for filters and attribute lists. */
export function plainName(path: JsonPath): string {
  return path.steps.filter((s): s is Extract<PathStep, { kind: 'key' }> => s.kind === 'key').map((s) => s.key).join('.');
}

/** True when the path is keys only (no index, no fan-out). */
export function isPlain(path: JsonPath): boolean {
  return path.steps.every((s) => s.kind === 'key');
}
