/**
 * The HttpClient for URLs someone other than the operator chose (send-API callbacks,
 * `http.request`). Every request passes checkOutboundUrl first (https, public addresses after
 * DNS), and its connections go through an undici Agent whose connector checks again at the
 * socket: names are resolved by a guarded lookup that refuses inner addresses, and address
 * literals are refused before any SYN is sent. Between the two checks DNS may change its
 * answer (rebinding); the connect-time check is the one the socket uses, so it cannot be
 * bypassed. Platform API clients stay on the plain client: their URLs are operator config.
 */
import type { LookupAddress, LookupOptions } from 'node:dns';
import { isIP } from 'node:net';
import type { Agent, Dispatcher } from 'undici';
import { OutboundUrlError } from '../errors.js';
import { createHttpClient, preloadHttp, type PooledHttpClient } from './http-client.js';
import { checkOutboundUrl, isAllowedHost, isPublicAddress, type OutboundPolicy } from './outbound-guard.js';

type LookupCallback = (err: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

/** Options for {@link createGuardedHttpClient}. */
export interface GuardedHttpClientOptions {
  policy: OutboundPolicy;
  /** Replaces the guarded Agent (MockAgent in tests); the URL check before each request stays. */
  dispatcher?: Dispatcher;
  timeoutMs?: number;
}

function refused(host: string, address: string): OutboundUrlError {
  return new OutboundUrlError(host, `${host} resolves to ${address} at connect time, an address of the server's own network: not called.`);
}

/** A dns.lookup replacement for net.connect that refuses any inner address. */
function guardedLookup(policy: OutboundPolicy) {
  return (hostname: string, options: LookupOptions, callback: LookupCallback): void => {
    policy.resolve(hostname).then(
      (addresses) => {
        const inner = addresses.find((a) => !isPublicAddress(a.address));
        if (inner || addresses.length === 0) return callback(refused(hostname, inner?.address ?? 'nothing'), '');
        if (options.all) return callback(null, addresses);
        callback(null, addresses[0]!.address, addresses[0]!.family);
      },
      (err: NodeJS.ErrnoException) => callback(err, ''),
    );
  };
}

/** An undici Agent whose every connection is checked against `policy` before it is made. */
export async function createGuardedAgent(policy: OutboundPolicy): Promise<Agent> {
  const { Agent, buildConnector } = await preloadHttp();
  // The connector passes unknown options on to net.connect / tls.connect, lookup included.
  const checked = buildConnector({ lookup: guardedLookup(policy) } as Parameters<typeof buildConnector>[0]);
  const plain = buildConnector({});
  return new Agent({
    keepAliveTimeout: 30_000,
    connections: 64,
    connect: (opts, callback) => {
      const port = opts.port || (opts.protocol === 'https:' ? '443' : '80');
      if (isAllowedHost(policy, opts.hostname, port)) return plain(opts, callback);
      const bare = opts.hostname.replace(/^\[|\]$/g, '');
      // net.connect skips the lookup for an address literal: refuse it here, before the SYN.
      if (isIP(bare) !== 0 && !isPublicAddress(bare)) return callback(refused(opts.hostname, bare), null);
      return checked(opts, callback);
    },
  });
}

/** An HttpClient that refuses inner-network and non-https URLs, before and at connect time. */
export function createGuardedHttpClient(options: GuardedHttpClientOptions): PooledHttpClient {
  // One Agent, made on first use (undici loads lazily, see http-client.ts).
  let agent: Promise<Agent> | undefined;
  let inner: Promise<PooledHttpClient> | undefined;
  return {
    async request(req) {
      await checkOutboundUrl(req.url, options.policy);
      inner ??= (async () => {
        const dispatcher = options.dispatcher ?? (await (agent = createGuardedAgent(options.policy)));
        return createHttpClient({ dispatcher, timeoutMs: options.timeoutMs });
      })();
      return (await inner).request(req);
    },
    async close() {
      if (agent) await (await agent).close();
    },
  };
}
