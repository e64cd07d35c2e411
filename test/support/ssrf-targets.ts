/**
 * SSRF test material: a loopback listener that counts every TCP connection it gets (it must
 * get none while the guard is on), every spelling of an inner address we know, and a
 * resolver that plays the DNS tricks (names that resolve inward, a name that rebinds).
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ResolveHost } from '../../engine/runtime/outbound-guard.js';

/** A listener on 127.0.0.1 that counts connections and requests. */
export interface CountingListener {
  port: number;
  connections(): number;
  requests(): number;
  close(): Promise<void>;
}

/** Starts a listener on 127.0.0.1:0 answering 200 "reached". */
export async function startCountingListener(): Promise<CountingListener> {
  let connections = 0;
  let requests = 0;
  const server: Server = createServer((_req, res) => {
    requests += 1;
    res.end('reached');
  });
  server.on('connection', () => {
    connections += 1;
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    connections: () => connections,
    requests: () => requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Every spelling of an inner address, as a URL to the listener's port where one applies. */
export function ssrfUrls(port: number): string[] {
  const at = (host: string) => `https://${host}:${port}/hook`;
  return [
    at('127.0.0.1'),
    at('127.1'),
    at('0x7f000001'),
    at('0x7f.0.0.1'),
    at('2130706433'),
    at('0177.0.0.1'),
    at('017700000001'),
    at('127.000.000.001'),
    at('127.255.255.254'),
    at('[::1]'),
    at('[0:0:0:0:0:0:0:1]'),
    at('[::ffff:127.0.0.1]'),
    at('[::ffff:7f00:1]'),
    at('[64:ff9b::7f00:1]'),
    at('[2002:7f00:1::]'),
    at('localhost'),
    at('LOCALHOST'),
    at('localhost.'),
    at('api.localhost'),
    at('0.0.0.0'),
    at('0'),
    at('[::]'),
    'https://169.254.169.254/latest/meta-data/',
    'https://[fd00:ec2::254]/latest/meta-data/',
    at('169.254.0.1'),
    at('10.0.0.1'),
    at('10.255.255.255'),
    at('172.16.0.1'),
    at('172.31.255.1'),
    at('192.168.0.1'),
    at('192.168.1.1'),
    at('100.64.0.1'),
    at('[fd00::1]'),
    at('[fc00::1]'),
    at('[fe80::1]'),
    at('224.0.0.1'),
    at('255.255.255.255'),
    at('loopback.parley.test'),
    at('private.parley.test'),
    'https://metadata.parley.test/computeMetadata/v1/',
    at('mixed.parley.test'),
    at('mapped.parley.test'),
    `http://127.0.0.1:${port}/hook`,
    `http://public.parley.test:${port}/hook`,
    `ftp://127.0.0.1:${port}/hook`,
    `file:///etc/passwd`,
    `https://user:pass@public.parley.test:${port}/hook`,
  ];
}

/**
 * A resolver for the test names: *.parley.test names resolve as their name says; `rebind`
 * answers a public address first and 127.0.0.1 after (DNS rebinding).
 */
export function trickResolver(): ResolveHost & { calls: string[] } {
  const calls: string[] = [];
  let rebinds = 0;
  const table: Record<string, string[]> = {
    'loopback.parley.test': ['127.0.0.1'],
    'private.parley.test': ['10.1.2.3'],
    'metadata.parley.test': ['169.254.169.254'],
    'mixed.parley.test': ['93.184.216.34', '127.0.0.1'],
    'mapped.parley.test': ['::ffff:127.0.0.1'],
    'public.parley.test': ['93.184.216.34'],
  };
  const resolve = async (hostname: string) => {
    calls.push(hostname);
    if (hostname === 'localhost') return [{ address: '127.0.0.1', family: 4 }];
    if (hostname === 'rebind.parley.test') {
      rebinds += 1;
      return [{ address: rebinds === 1 ? '93.184.216.34' : '127.0.0.1', family: 4 }];
    }
    const addresses = table[hostname];
    if (!addresses) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' });
    return addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));
  };
  return Object.assign(resolve, { calls });
}
