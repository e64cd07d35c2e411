/**
 * What the WhatsApp and Messenger stand-ins share, since both are Meta's Graph API: the
 * error envelope, the bearer-token check, an optional `/vNN.N` version prefix, and message
 * ids that count up per stand-in.
 */
import { startRecordingServer, type RecordedRequest, type RecordingServer, type StandInReply } from './recording-server.js';

/** A Graph error reply: `{"error":{"message":"(#code) …","code":…}}`, e.g. for `fail(n, graphErrorReply(130429, { status: 429 }))`. */
export function graphErrorReply(
  code: number,
  options: { status?: number; subcode?: number; message?: string; retryAfterSeconds?: number } = {},
): StandInReply {
  return {
    status: options.status ?? 400,
    body: {
      error: {
        message: `(#${code}) ${options.message ?? 'Stand-in error'}`,
        type: 'OAuthException',
        code,
        ...(options.subcode === undefined ? {} : { error_subcode: options.subcode }),
        error_data: { details: options.message ?? 'Stand-in error' },
        fbtrace_id: 'StandInTrace',
      },
    },
    ...(options.retryAfterSeconds === undefined ? {} : { headers: { 'retry-after': String(options.retryAfterSeconds) } }),
  };
}

/** 401 code 190 unless the request carries `Authorization: Bearer <token>`; undefined when it does. */
export function checkBearer(req: RecordedRequest, token: string | undefined): StandInReply | undefined {
  if (token === undefined || req.headers.authorization === `Bearer ${token}`) return undefined;
  return graphErrorReply(190, { status: 401, message: 'Invalid OAuth access token.' });
}

/** Graph's answer to a path it does not serve. */
export function unknownPath(req: RecordedRequest): StandInReply {
  return graphErrorReply(100, { status: 404, message: `Unknown path components: ${req.method} ${req.path}` });
}

/**
 * Answers an authorised request. `path` is `req.path` without the version prefix;
 * `nextSerial()` counts one more sent message and gives its six-digit number (000001, …).
 */
export type GraphRoute = (req: RecordedRequest, path: string, nextSerial: () => string) => StandInReply;

/** Starts a Graph stand-in on 127.0.0.1, port 0: a wrong bearer token is refused before `route` sees it. */
export function startGraphApi(token: string | undefined, route: GraphRoute): Promise<RecordingServer> {
  let sent = 0;
  const nextSerial = (): string => {
    sent += 1;
    return String(sent).padStart(6, '0');
  };
  return startRecordingServer((req) => checkBearer(req, token) ?? route(req, req.path.replace(/^\/v\d+\.\d+/, ''), nextSerial));
}
