/**
 * An HttpClient that answers from a test's `http:` stubs instead of the network, and keeps
 * every request it could not answer so the test fails with that request named.
 */
import type { HttpClient } from '../types.js';
import type { HttpStub } from './flow-test-types.js';

/** A stub HttpClient with the requests it saw and the ones no stub matched. */
export interface StubHttpClient extends HttpClient {
  readonly requests: { method: string; url: string; body?: string }[];
  readonly unmatched: { method: string; url: string }[];
}

function matches(stub: HttpStub, method: string, url: string): boolean {
  if ((stub.method ?? 'GET') !== method) return false;
  return stub.url.endsWith('*') ? url.startsWith(stub.url.slice(0, -1)) : url === stub.url;
}

/** Builds the client from stubs; the first matching stub answers. */
export function createStubHttpClient(stubs: readonly HttpStub[] = []): StubHttpClient {
  const requests: StubHttpClient['requests'] = [];
  const unmatched: StubHttpClient['unmatched'] = [];
  return {
    requests,
    unmatched,
    async request(req) {
      requests.push({ method: req.method, url: req.url, body: req.body });
      const stub = stubs.find((s) => matches(s, req.method, req.url));
      if (!stub) {
        unmatched.push({ method: req.method, url: req.url });
        throw new Error(`no http stub for ${req.method} ${req.url}`);
      }
      const body = typeof stub.body === 'string' ? stub.body : stub.body === undefined ? '' : JSON.stringify(stub.body);
      return { status: stub.status ?? 200, headers: { 'content-type': typeof stub.body === 'string' ? 'text/plain' : 'application/json' }, body };
    },
  };
}
