/**
 * One authenticated JSON POST to the Graph API. The token goes in the Authorization header,
 * never the query string, so it stays out of URLs and access logs.
 */
import { SendError } from '../../engine/errors.js';
import type { HttpClient } from '../../engine/types.js';
import { graphSendError, networkSendError, parseJsonOrUndefined, type GraphErrorRules } from './graph-error.js';

/** POSTs `body` as JSON and returns the parsed 2xx response; throws SendError otherwise. */
export async function postGraph(
  http: HttpClient,
  url: string,
  token: string,
  body: unknown,
  rules: GraphErrorRules,
): Promise<unknown> {
  return callGraph(http, 'POST', url, token, rules, body);
}

/** GET or POST with the Graph bearer token; throws SendError on network errors and non-2xx. */
export async function callGraph(
  http: HttpClient,
  method: 'GET' | 'POST',
  url: string,
  token: string,
  rules: GraphErrorRules,
  body?: unknown,
): Promise<unknown> {
  let response: Awaited<ReturnType<HttpClient['request']>>;
  try {
    response = await http.request({
      method,
      url,
      headers:
        body === undefined
          ? { authorization: `Bearer ${token}` }
          : { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch (cause) {
    throw networkSendError(rules.platform, cause);
  }
  if (response.status < 200 || response.status >= 300) throw graphSendError(rules, response);
  const parsed = parseJsonOrUndefined(response.body);
  if (parsed === undefined) {
    // The platform accepted the request, so retrying could deliver the message twice.
    throw new SendError(`${rules.platform} answered HTTP ${response.status} with a body that is not JSON.`, {
      status: response.status,
      retryable: false,
    });
  }
  return parsed;
}
