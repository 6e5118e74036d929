import type { JsonValue } from '../util/json.js';

const REASONS: Readonly<Record<number, string>> = {
  304: 'Not Modified',
  400: 'Bad Request',
  401: 'Unauthorized',
  402: 'Payment Required',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  406: 'Not Acceptable',
  407: 'Proxy Authentication Required',
  408: 'Request Time-out',
  409: 'Conflict',
  410: 'Gone',
  411: 'Length Required',
  412: 'Precondition Failed',
  413: 'Request Entity Too Large',
  414: 'Request-URI Too Large',
  415: 'Unsupported Media Type',
  416: 'Requested range not satisfiable',
  417: 'Expectation Failed',
  428: 'Precondition Required',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  501: 'Not Implemented',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Time-out',
  505: 'HTTP Version not supported',
};

/** CREST's reason phrase for a status code ("Resource Exception" for unknown codes). */
export function reasonPhrase(code: number): string {
  return REASONS[code] ?? 'Resource Exception';
}

/** The JSON body of a CREST error, members in IDM's order. */
export interface ResourceErrorBody {
  code: number;
  reason: string;
  message: string;
  detail?: JsonValue;
}

/**
 * A CREST ResourceException: the only error type the HTTP layer renders.
 * `headers` carries response headers such as Retry-After.
 */
export class ResourceError extends Error {
  readonly code: number;
  readonly detail: JsonValue | undefined;
  readonly headers: Readonly<Record<string, string>>;

  constructor(code: number, message?: string, detail?: JsonValue, headers: Record<string, string> = {}) {
    super(message ?? reasonPhrase(code));
    this.name = 'ResourceError';
    this.code = code;
    this.detail = detail;
    this.headers = headers;
  }

  get reason(): string {
    return reasonPhrase(this.code);
  }

  toJSON(): ResourceErrorBody {
    const body: ResourceErrorBody = { code: this.code, reason: this.reason, message: this.message };
    if (this.detail !== undefined && this.detail !== null) body.detail = this.detail;
    return body;
  }

  static badRequest(message: string, detail?: JsonValue): ResourceError {
    return new ResourceError(400, message, detail);
  }
  static unauthorized(message = 'Access Denied'): ResourceError {
    return new ResourceError(401, message);
  }
  static forbidden(message: string): ResourceError {
    return new ResourceError(403, message);
  }
  static notFound(message: string, detail?: JsonValue): ResourceError {
    return new ResourceError(404, message, detail);
  }
  static conflict(message: string): ResourceError {
    return new ResourceError(409, message);
  }
  static preconditionFailed(message: string): ResourceError {
    return new ResourceError(412, message);
  }
  static payloadTooLarge(message: string): ResourceError {
    return new ResourceError(413, message);
  }
  static unsupportedMediaType(message: string): ResourceError {
    return new ResourceError(415, message);
  }
  static preconditionRequired(message: string): ResourceError {
    return new ResourceError(428, message);
  }
  static internal(message: string): ResourceError {
    return new ResourceError(500, message);
  }
  static notSupported(message: string): ResourceError {
    return new ResourceError(501, message);
  }
  static unavailable(message: string, headers: Record<string, string> = {}): ResourceError {
    return new ResourceError(503, message, undefined, headers);
  }

  /**
   * This error with `mask` applied to its message and to every string of its detail (a connector's
   * message may quote what a backend echoed: credentials). Itself when nothing changes.
   */
  masked(mask: (text: string) => string): ResourceError {
    const message = mask(this.message);
    const detail = this.detail === undefined ? undefined : maskStrings(this.detail, mask);
    if (message === this.message && JSON.stringify(detail) === JSON.stringify(this.detail)) return this;
    return new ResourceError(this.code, message, detail, { ...this.headers });
  }
}

function maskStrings(value: JsonValue, mask: (text: string) => string): JsonValue {
  if (typeof value === 'string') return mask(value);
  if (Array.isArray(value)) return value.map((v) => maskStrings(v, mask));
  if (value !== null && typeof value === 'object') {
    const out: Record<string, JsonValue> = {};
    for (const [k, v] of Object.entries(value)) out[k] = maskStrings(v, mask);
    return out;
  }
  return value;
}
