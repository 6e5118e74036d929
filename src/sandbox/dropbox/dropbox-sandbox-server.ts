import express from 'express';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DROPBOX_SANDBOX_CREDENTIALS } from './dropbox-credentials.js';
import { createDropboxSandbox } from './dropbox-sandbox.js';
import type { DropboxSandbox, DropboxSandboxOptions } from './dropbox-sandbox.js';

/** A raw HTTP answer: status, headers, body text and the body parsed as JSON when it is JSON. */
export interface SandboxAnswer {
  status: number;
  headers: Headers;
  text: string;
  json: unknown;
}

export interface CallOptions {
  /** Bearer token (default: one fetched with the sandbox refresh token); `null` sends no Authorization. */
  token?: string | null;
  contentType?: string | null;
  /** Sent as is instead of JSON.stringify(body). */
  rawBody?: string;
  headers?: Record<string, string>;
}

/** The Dropbox sandbox on a loopback port, with a small client for its API (tests, scripts). */
export interface RunningDropboxSandbox {
  readonly sandbox: DropboxSandbox;
  /** `http://127.0.0.1:<port>/sandbox/dropbox` (the gateway's mount path). */
  readonly baseUrl: string;
  /** POST <baseUrl>/oauth2/token with a form body. */
  token(form?: Record<string, string>, headers?: Record<string, string>): Promise<SandboxAnswer>;
  /** A fresh access token from the sandbox refresh token. */
  accessToken(): Promise<string>;
  /** POST <baseUrl>/2/<route> with a JSON body (Void routes: pass `undefined` for no body). */
  call(route: string, body?: unknown, options?: CallOptions): Promise<SandboxAnswer>;
  /** POST <baseUrl>/__admin/<path>. */
  admin(path: string, body?: unknown): Promise<SandboxAnswer>;
  close(): Promise<void>;
}

async function answer(response: Response): Promise<SandboxAnswer> {
  const text = await response.text();
  let json: unknown;
  if ((response.headers.get('content-type') ?? '').startsWith('application/json')) json = JSON.parse(text);
  return { status: response.status, headers: response.headers, text, json };
}

/** Starts the Dropbox sandbox mounted at /sandbox/dropbox on 127.0.0.1:0. */
export async function startDropboxSandboxServer(options: DropboxSandboxOptions): Promise<RunningDropboxSandbox> {
  const sandbox = await createDropboxSandbox(options);
  const app = express();
  app.use('/sandbox/dropbox', sandbox.router);
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const { port } = server.address() as AddressInfo;
  const baseUrl = `http://127.0.0.1:${port}/sandbox/dropbox`;
  let cached: string | undefined;

  const token = async (form?: Record<string, string>, headers: Record<string, string> = {}): Promise<SandboxAnswer> => {
    const fields = form ?? {
      grant_type: 'refresh_token',
      refresh_token: DROPBOX_SANDBOX_CREDENTIALS.refreshToken,
      client_id: DROPBOX_SANDBOX_CREDENTIALS.clientId,
      client_secret: DROPBOX_SANDBOX_CREDENTIALS.clientSecret,
    };
    return answer(
      await fetch(`${baseUrl}/oauth2/token`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded', ...headers },
        body: new URLSearchParams(fields).toString(),
      }),
    );
  };

  const accessToken = async (): Promise<string> => {
    const got = await token();
    if (got.status !== 200) throw new Error(`token endpoint answered ${got.status}: ${got.text}`);
    return (got.json as { access_token: string }).access_token;
  };

  return {
    sandbox,
    baseUrl,
    token,
    accessToken,
    async call(route, body, callOptions = {}) {
      const headers: Record<string, string> = { ...callOptions.headers };
      let bearer = callOptions.token;
      if (bearer === undefined) bearer = cached ??= await accessToken();
      if (bearer !== null) headers.Authorization = `Bearer ${bearer}`;
      const payload = callOptions.rawBody ?? (body === undefined ? undefined : JSON.stringify(body));
      const contentType = callOptions.contentType === undefined ? (payload === undefined ? null : 'application/json') : callOptions.contentType;
      if (contentType !== null) headers['Content-Type'] = contentType;
      const init: RequestInit = { method: 'POST', headers };
      // Bytes, so fetch adds no Content-Type of its own.
      if (payload !== undefined) init.body = Buffer.from(payload);
      return answer(await fetch(`${baseUrl}/2/${route}`, init));
    },
    async admin(path, body) {
      const init: RequestInit = { method: 'POST' };
      if (body !== undefined) init.body = JSON.stringify(body);
      if (body !== undefined) init.headers = { 'Content-Type': 'application/json' };
      return answer(await fetch(`${baseUrl}/__admin/${path}`, init));
    },
    async close() {
      await new Promise<void>((resolve, reject) => server.close((e) => (e ? reject(e) : resolve())));
      await sandbox.flush();
    },
  };
}
