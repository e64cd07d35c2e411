/**
 * The outbound URL guard (SSRF). URLs that someone other than the operator chooses — send-API
 * callback URLs, `http.request` URLs, media URLs — must not reach the server's own network:
 * loopback, private, link-local (cloud metadata at 169.254.169.254), unique-local, CGNAT,
 * unspecified (0.0.0.0 reaches localhost) and every other special range. Only addresses
 * ipaddr.js classifies as plain `unicast` pass, after IPv4-mapped IPv6 is unwrapped, and
 * only https. Addresses are checked after DNS resolution here and again at connect time
 * (guarded-http-client.ts), so a name that re-resolves to 127.0.0.1 (DNS rebinding) is
 * refused at the socket. Platform API base URLs are operator config and are not guarded.
 */
import { lookup as dnsLookup } from 'node:dns';
import { isIP } from 'node:net';
import ipaddr from 'ipaddr.js';
import { OutboundUrlError, SendError } from '../errors.js';

/** One resolved address, as dns.lookup with `all: true` gives it. */
export interface ResolvedAddress {
  address: string;
  family: number;
}

/** Resolves a host name to all its addresses (dns.lookup by default; tests inject one). */
export type ResolveHost = (hostname: string) => Promise<ResolvedAddress[]>;

/** An allow-list entry: a host, and a port when the entry names one. */
export interface AllowedHost {
  hostname: string;
  port?: string;
}

/** What the guard lets through. */
export interface OutboundPolicy {
  /** Hosts exempt from the https and address rules (PARLEY_OUTBOUND_ALLOW). */
  allow: AllowedHost[];
  resolve: ResolveHost;
}

const systemResolve: ResolveHost = (hostname) =>
  new Promise((resolve, reject) => dnsLookup(hostname, { all: true, verbatim: true }, (err, addresses) => (err ? reject(err) : resolve(addresses))));

/** The policy for an allow-list already read (the app's typed configuration). */
export function createOutboundPolicy(allow: readonly AllowedHost[], resolve: ResolveHost = systemResolve): OutboundPolicy {
  return { allow: [...allow], resolve };
}

/** True when `hostname` (URL form, lower-case, IPv6 in brackets or not) and `port` are allow-listed. */
export function isAllowedHost(policy: OutboundPolicy, hostname: string, port: string | number): boolean {
  const host = hostname.startsWith('[') || !hostname.includes(':') ? hostname : `[${hostname}]`;
  return policy.allow.some((a) => a.hostname === host && (a.port === undefined || a.port === String(port)));
}

/** True for an address outside every special range: plain public unicast. */
export function isPublicAddress(address: string): boolean {
  const bare = address.replace(/^\[|\]$/g, '');
  if (!ipaddr.isValid(bare)) return false;
  // process() unwraps ::ffff:127.0.0.1 to 127.0.0.1, so a mapped address gets its IPv4 range.
  return ipaddr.process(bare).range() === 'unicast';
}

function defaultPort(url: URL): string {
  return url.port || (url.protocol === 'https:' ? '443' : '80');
}

/**
 * Checks what can be checked without the network: a URL, https (http only for an
 * allow-listed host), and an address literal in a public range. `127.1`, `0x7f000001` and
 * `2130706433` are 127.0.0.1 to the URL parser, so they are caught as such. Returns the URL.
 */
export function checkOutboundUrlSyntax(raw: string, policy: OutboundPolicy): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new OutboundUrlError(raw, `"${raw.slice(0, 200)}" is not a URL; give an absolute https:// URL.`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new OutboundUrlError(raw, `${url.protocol} URLs are not called; give an https:// URL.`);
  }
  if (url.username || url.password) {
    throw new OutboundUrlError(raw, 'a URL with a user name or password is not called; send credentials in a header.');
  }
  if (isAllowedHost(policy, url.hostname, defaultPort(url))) return url;
  if (url.protocol !== 'https:') {
    throw new OutboundUrlError(raw, `http://${url.host} is not called: only https, unless PARLEY_OUTBOUND_ALLOW lists the host.`);
  }
  const bare = url.hostname.replace(/^\[|\]$/g, '');
  if (isIP(bare) !== 0 && !isPublicAddress(bare)) throw refusedAddress(raw, url.hostname);
  // RFC 6761: every name under .localhost is the local machine, whatever DNS says.
  if (bare === 'localhost' || bare.endsWith('.localhost') || bare === 'localhost.') throw refusedAddress(raw, url.hostname);
  return url;
}

function refusedAddress(raw: string, address: string, host?: string): OutboundUrlError {
  const via = host && host !== address ? `${host} resolves to ${address}, ` : `${address} is `;
  return new OutboundUrlError(
    raw,
    `${via}an address of the server's own network (loopback, private, link-local or metadata): not called. ` +
      'For development, list the host in PARLEY_OUTBOUND_ALLOW.',
  );
}

/**
 * The full check before a call: the syntax rules, then every address the host resolves to
 * must be public. `onUnresolved: 'pass'` lets a name DNS cannot resolve through (media URLs:
 * the platform fetches them, not Parley). Resolves with the URL.
 */
export async function checkOutboundUrl(
  raw: string,
  policy: OutboundPolicy,
  options: { onUnresolved?: 'refuse' | 'pass' } = {},
): Promise<URL> {
  const url = checkOutboundUrlSyntax(raw, policy);
  const bare = url.hostname.replace(/^\[|\]$/g, '');
  if (isAllowedHost(policy, url.hostname, defaultPort(url)) || isIP(bare) !== 0) return url;
  let addresses: ResolvedAddress[];
  try {
    addresses = await policy.resolve(bare);
  } catch (cause) {
    if (options.onUnresolved === 'pass') return url;
    throw new OutboundUrlError(raw, `${bare} does not resolve (${(cause as NodeJS.ErrnoException).code ?? String(cause)}).`);
  }
  const inner = addresses.find((a) => !isPublicAddress(a.address));
  if (inner) throw refusedAddress(raw, inner.address, bare);
  return url;
}

/**
 * A media URL a message carries, checked before the platform is asked to fetch it: a refused
 * one is a SendError that is not retried (the outbox records it as failed). A name DNS cannot
 * resolve here passes: the platform resolves it from its own network.
 */
export async function guardMediaUrl(url: string, policy: OutboundPolicy): Promise<void> {
  try {
    await checkOutboundUrl(url, policy, { onUnresolved: 'pass' });
  } catch (err) {
    if (!(err instanceof OutboundUrlError)) throw err;
    throw new SendError(`media URL refused: ${err.message}`, { retryable: false, cause: err });
  }
}
