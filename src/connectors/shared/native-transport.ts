import axios from 'axios';
import http from 'node:http';
import https from 'node:https';
import { Transform, pipeline, type Readable, type TransformCallback } from 'node:stream';
import zlib from 'node:zlib';
import type { HttpAgents } from './http-agents.js';
import type { HttpSettings } from './saas-settings.js';

/** One backend exchange as HttpClient sends it. */
export interface TransportRequest {
  readonly method: string;
  /** Absolute URL. */
  readonly url: string;
  /** Query parameters appended to the URL. */
  readonly params?: Readonly<Record<string, string>>;
  readonly headers: Readonly<Record<string, string>>;
  /** Body text (sent as UTF-8). */
  readonly data?: string;
  readonly signal: AbortSignal;
}

/** The answer, whatever its status; the body as text. */
export interface TransportResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  readonly data: string;
}

export type Transport = (request: TransportRequest) => Promise<TransportResponse>;

/*
 * Why not axios here: profiling a Dropbox member read (two backend calls) showed axios's
 * per-call work — config merging, header objects, transforms, its socket bookkeeping and a
 * setKeepAlive() syscall pair on every call — at ~45 % of the gateway's CPU. This transport does
 * on node:http what the shared axios instance (http-transport.ts) was configured to do, with the
 * same wire result: query serialised as axios does, header merging and sanitising as axios does,
 * its default User-Agent / Accept-Encoding / Content-Length, transparent gzip/deflate/br
 * decoding, UTF-8 text with the BOM stripped, no redirects, no status treated as an error, no
 * size limit, the system's keep-alive agents (connect timeout included), cancellation by the
 * operation's signal. Proxied systems keep axios (its CONNECT tunnelling for HTTPS targets).
 */

/** What axios sent as User-Agent; kept so backends see no change. */
const USER_AGENT = `axios/${axios.VERSION}`;
const ACCEPT_ENCODING = 'gzip, compress, deflate, br';
const DEFAULT_ACCEPT = 'application/json, text/plain, */*';
/** Methods axios gave a form Content-Type when the caller set none. */
const WITH_BODY = new Set(['POST', 'PUT', 'PATCH']);
const ZLIB_OPTIONS = { flush: zlib.constants.Z_SYNC_FLUSH, finishFlush: zlib.constants.Z_SYNC_FLUSH };
const BROTLI_OPTIONS = { flush: zlib.constants.BROTLI_OPERATION_FLUSH, finishFlush: zlib.constants.BROTLI_OPERATION_FLUSH };

/** Characters a header value may not carry on the wire (axios strips them rather than fail). */
// eslint-disable-next-line no-control-regex
const INVALID_HEADER_CHARS = /[^\u0009\u0020-\u007e\u0080-\u00ff]+/g;
// eslint-disable-next-line no-control-regex
const HAS_INVALID_HEADER_CHARS = /[^\u0009\u0020-\u007e\u0080-\u00ff]/;
const EDGE_BLANKS = /^[ \t]+|[ \t]+$/g;

/** An error carrying a code the way Node's and axios's errors do (network-error.ts reads it). */
function codedError(message: string, code: string): Error {
  return Object.assign(new Error(message), { code });
}

/** A header value as axios put it on the wire: invalid characters dropped, blanks trimmed. */
function headerValue(value: string): string {
  const clean = HAS_INVALID_HEADER_CHARS.test(value) ? value.replace(INVALID_HEADER_CHARS, '') : value;
  const first = clean.charCodeAt(0);
  const last = clean.charCodeAt(clean.length - 1);
  return first === 0x20 || first === 0x09 || last === 0x20 || last === 0x09 ? clean.replace(EDGE_BLANKS, '') : clean;
}

/** Case-insensitive header set: a later value replaces an earlier one and keeps its first spelling. */
class Headers {
  readonly values: Record<string, string> = {};
  private readonly names = new Map<string, string>();

  set(name: string, value: string | undefined, replace = true): void {
    if (value === undefined || value === null) return;
    const trimmed = name.trim();
    const lower = trimmed.toLowerCase();
    const existing = this.names.get(lower);
    if (existing === undefined) {
      this.names.set(lower, trimmed);
      this.values[trimmed] = headerValue(String(value));
    } else if (replace) {
      this.values[existing] = headerValue(String(value));
    }
  }

  has(name: string): boolean {
    return this.names.has(name.toLowerCase());
  }

  delete(name: string): void {
    const existing = this.names.get(name.toLowerCase());
    if (existing === undefined) return;
    this.names.delete(name.toLowerCase());
    delete this.values[existing];
  }
}

/** axios's query encoding: encodeURIComponent, then `:` `$` `,` left plain and spaces as `+`. */
function encodeQueryPart(value: string): string {
  return encodeURIComponent(value).replace(/%3A/gi, ':').replace(/%24/g, '$').replace(/%2C/gi, ',').replace(/%20/g, '+');
}

/** The request path with the parameters appended (after any query the URL already has). */
export function pathWithParams(pathAndSearch: string, params: Readonly<Record<string, string>> | undefined): string {
  if (!params) return pathAndSearch;
  const pairs: string[] = [];
  for (const [name, value] of Object.entries(params)) pairs.push(`${encodeQueryPart(name)}=${encodeQueryPart(value)}`);
  if (pairs.length === 0) return pathAndSearch;
  return `${pathAndSearch}${pathAndSearch.includes('?') ? '&' : '?'}${pairs.join('&')}`;
}

/** Raw deflate answers get the zlib header zlib.createUnzip expects (as axios does). */
class ZlibHeader extends Transform {
  private first = true;

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    if (this.first && chunk.length > 0) {
      this.first = false;
      if (chunk[0] !== 0x78) this.push(Buffer.from([0x78, 0x9c]));
    }
    callback(null, chunk);
  }
}

/** The decoders for a Content-Encoding, or undefined when the body is passed on as it came. */
function decoders(encoding: string): Transform[] | undefined {
  switch (encoding.toLowerCase()) {
    case 'gzip':
    case 'x-gzip':
    case 'compress':
    case 'x-compress':
      return [zlib.createUnzip(ZLIB_OPTIONS)];
    case 'deflate':
      return [new ZlibHeader(), zlib.createUnzip(ZLIB_OPTIONS)];
    case 'br':
      return [zlib.createBrotliDecompress(BROTLI_OPTIONS)];
    default:
      return undefined;
  }
}

function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** The transport of one system on node:http(s), over its keep-alive agents. */
export function createNativeTransport(settings: HttpSettings, agents: HttpAgents): Transport {
  const decompress = !settings.disableHttpCompression;
  return (request) => new Promise<TransportResponse>((resolve, reject) => {
    const { signal } = request;
    if (signal.aborted) {
      reject(codedError('canceled', 'ERR_CANCELED'));
      return;
    }
    const url = new URL(request.url);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') {
      reject(codedError(`Unsupported protocol ${url.protocol}`, 'ERR_BAD_REQUEST'));
      return;
    }
    // Layered as axios layered them: its defaults, the instance's, the call's, then fill-ins.
    const headers = new Headers();
    headers.set('Accept', DEFAULT_ACCEPT);
    if (!decompress) headers.set('Accept-Encoding', 'identity');
    for (const [name, value] of Object.entries(request.headers)) headers.set(name, value);
    if (WITH_BODY.has(request.method.toUpperCase())) headers.set('Content-Type', 'application/x-www-form-urlencoded', false);
    headers.set('User-Agent', USER_AGENT, false);
    const body = request.data ? Buffer.from(request.data, 'utf8') : undefined;
    if (body) headers.set('Content-Length', String(body.length), false);
    headers.set('Accept-Encoding', ACCEPT_ENCODING, false);
    let auth: string | undefined;
    if (url.username || url.password) {
      auth = `${safeDecode(url.username)}:${safeDecode(url.password)}`;
      headers.delete('authorization');
    }
    const secure = url.protocol === 'https:';

    let settled = false;
    const finish = (error: unknown, response?: TransportResponse): void => {
      if (settled) return;
      settled = true;
      signal.removeEventListener('abort', onAbort);
      if (response) resolve(response);
      else reject(error);
    };
    const req = (secure ? https : http).request({
      protocol: url.protocol,
      hostname: url.hostname.startsWith('[') ? url.hostname.slice(1, -1) : url.hostname,
      port: url.port,
      path: pathWithParams(url.pathname + url.search, request.params),
      method: request.method,
      headers: headers.values,
      agent: secure ? agents.https : agents.http,
      ...(auth !== undefined ? { auth } : {}),
    }, (res) => {
      let stream: Readable = res;
      const encoding = res.headers['content-encoding'];
      if (decompress && encoding) {
        if (request.method === 'HEAD' || res.statusCode === 204) delete res.headers['content-encoding'];
        const steps = decoders(res.headers['content-encoding'] ?? '');
        if (steps) {
          delete res.headers['content-encoding'];
          stream = pipeline([res, ...steps], () => undefined) as unknown as Readable;
        }
      }
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      if (stream === res) {
        // The connection closed before the whole body came (axios's wording and code).
        res.on('aborted', () => {
          const error = codedError('stream has been aborted', 'ERR_BAD_RESPONSE');
          res.destroy(error);
          finish(error);
        });
      }
      stream.on('error', (error) => finish(error));
      stream.on('end', () => {
        const text = stripBom((chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks)).toString('utf8'));
        finish(undefined, { status: res.statusCode ?? 0, headers: res.headers, data: text });
      });
    });
    const onAbort = (): void => {
      const error = codedError('canceled', 'ERR_CANCELED');
      req.destroy(error);
      finish(error);
    };
    signal.addEventListener('abort', onAbort, { once: true });
    req.on('error', (error) => finish(error));
    req.end(body);
  });
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
