import express from 'express';
import { mkdtempSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Sandbox } from '../../src/sandbox/sandbox.js';
import { BOX_SANDBOX_CREDENTIALS, createBoxSandbox } from '../../src/sandbox/box/box-sandbox.js';
import { BoxSpecValidator } from './box-spec-validator.js';

/** One parsed answer. */
export interface BoxReply {
  status: number;
  headers: Headers;
  text: string;
  /** The JSON body, when there is one. */
  json: Record<string, unknown>;
}

export interface BoxRequestOptions {
  token?: string;
  body?: unknown;
  /** A raw body with its content type (for malformed-body tests). */
  raw?: { contentType: string; text: string };
  form?: Record<string, string>;
  headers?: Record<string, string>;
}

let validator: BoxSpecValidator | undefined;

/** The spec validator, built once per test file. */
export function boxSpecValidator(): BoxSpecValidator {
  validator ??= new BoxSpecValidator();
  return validator;
}

/**
 * An express app mounting the Box sandbox at `/sandbox/box` on port 0, with a data file in a temp dir.
 * Every Box API answer it receives (not `/__admin`) is checked against the official spec; the problems
 * are collected in `violations` for the file's final spec test.
 */
export class BoxHarness {
  readonly violations: string[] = [];
  checked = 0;
  private tokens = new Map<string, string>();

  private constructor(
    readonly sandbox: Sandbox,
    private readonly server: Server,
    readonly baseUrl: string,
    readonly dataFile: string,
  ) {}

  static async start(options: { dataFile?: string; tokenTtlSeconds?: number } = {}): Promise<BoxHarness> {
    const dataFile = options.dataFile ?? join(mkdtempSync(join(tmpdir(), 'box-sandbox-')), 'box.json');
    const sandbox = await createBoxSandbox(options.tokenTtlSeconds === undefined ? { dataFile } : { dataFile, tokenTtlSeconds: options.tokenTtlSeconds });
    const app = express();
    app.use('/sandbox/box', sandbox.router);
    const server = await new Promise<Server>((resolve) => {
      const s = app.listen(0, '127.0.0.1', () => resolve(s));
    });
    const { port } = server.address() as AddressInfo;
    return new BoxHarness(sandbox, server, `http://127.0.0.1:${port}/sandbox/box`, dataFile);
  }

  async close(): Promise<void> {
    await this.sandbox.flush();
    this.server.closeAllConnections();
    await new Promise<void>((resolve, reject) => this.server.close((err) => (err ? reject(err) : resolve())));
  }

  /** Sends one request; Box API answers are spec-checked. */
  async request(method: string, path: string, options: BoxRequestOptions = {}): Promise<BoxReply> {
    const headers: Record<string, string> = { ...options.headers };
    if (options.token) headers.Authorization = `Bearer ${options.token}`;
    let body: string | undefined;
    if (options.form) {
      headers['Content-Type'] = 'application/x-www-form-urlencoded';
      body = new URLSearchParams(options.form).toString();
    } else if (options.raw) {
      headers['Content-Type'] = options.raw.contentType;
      body = options.raw.text;
    } else if (options.body !== undefined) {
      headers['Content-Type'] = 'application/json';
      body = JSON.stringify(options.body);
    }
    const response = await fetch(`${this.baseUrl}${path}`, { method, headers, body });
    const text = await response.text();
    const contentType = response.headers.get('content-type') ?? undefined;
    if (!path.startsWith('/__admin')) {
      this.checked += 1;
      this.violations.push(...boxSpecValidator().check({ method, path, status: response.status, contentType, body: text }));
    }
    let json: Record<string, unknown> = {};
    if (text !== '' && contentType?.startsWith('application/json')) json = JSON.parse(text) as Record<string, unknown>;
    return { status: response.status, headers: response.headers, text, json };
  }

  /** A fresh token from the Client Credentials Grant (enterprise subject unless a user id is given). */
  async newToken(userId?: string): Promise<string> {
    const reply = await this.request('POST', '/oauth2/token', {
      form: {
        grant_type: 'client_credentials',
        client_id: BOX_SANDBOX_CREDENTIALS.clientId,
        client_secret: BOX_SANDBOX_CREDENTIALS.clientSecret,
        box_subject_type: userId ? 'user' : 'enterprise',
        box_subject_id: userId ?? BOX_SANDBOX_CREDENTIALS.enterpriseId,
      },
    });
    if (reply.status !== 200) throw new Error(`token request failed: ${reply.status} ${reply.text}`);
    return reply.json.access_token as string;
  }

  /** A cached token for the subject. */
  async token(userId?: string): Promise<string> {
    const key = userId ?? 'enterprise';
    let token = this.tokens.get(key);
    if (!token) {
      token = await this.newToken(userId);
      this.tokens.set(key, token);
    }
    return token;
  }

  /** A call to `/2.0…` as the Service Account. */
  async api(method: string, path: string, options: Omit<BoxRequestOptions, 'token'> = {}): Promise<BoxReply> {
    return this.request(method, `/2.0${path}`, { ...options, token: await this.token() });
  }

  forgetTokens(): void {
    this.tokens = new Map();
  }
}

/** Walks `GET /2.0/users` in marker mode to the end; returns every id and the pages' sizes. */
export async function allUsersByMarker(harness: BoxHarness, query: string, limit: number): Promise<{ ids: string[]; pages: number[] }> {
  const ids: string[] = [];
  const pages: number[] = [];
  let marker: string | null = null;
  do {
    const markerPart: string = marker ? `&marker=${encodeURIComponent(marker)}` : '';
    const reply = await harness.api('GET', `/users?usemarker=true&limit=${limit}${query}${markerPart}`);
    if (reply.status !== 200) throw new Error(`page failed: ${reply.text}`);
    const entries = reply.json.entries as { id: string }[];
    pages.push(entries.length);
    ids.push(...entries.map((e) => e.id));
    marker = reply.json.next_marker as string | null;
  } while (marker);
  return { ids, pages };
}
