import { BlockList, isIP } from 'node:net';
import { DispatcherError } from './dispatcher-error.js';

/** What a delivery target may be. Everything defaults to `false`: public HTTPS only. */
export interface AllowOptions {
  /** Allow 127.0.0.0/8 and ::1 (local development, tests). */
  loopback?: boolean;
  /** Allow RFC 1918, CGNAT (100.64.0.0/10) and unique-local IPv6 (fc00::/7) addresses. */
  privateNetworks?: boolean;
  /** Allow link-local addresses (169.254.0.0/16, fe80::/10; includes cloud metadata services). */
  linkLocal?: boolean;
  /** Allow plain `http:` URLs. */
  http?: boolean;
}

/** The class of an IP address as far as delivery safety is concerned. */
export type AddressClass = 'public' | 'loopback' | 'private' | 'link-local' | 'reserved';

function blockList(v4: string[], v6: string[]): BlockList {
  const list = new BlockList();
  for (const cidr of v4) {
    const [net, prefix] = cidr.split('/') as [string, string];
    list.addSubnet(net, Number(prefix), 'ipv4');
  }
  for (const cidr of v6) {
    const [net, prefix] = cidr.split('/') as [string, string];
    list.addSubnet(net, Number(prefix), 'ipv6');
  }
  return list;
}

const ranges: ReadonlyArray<[AddressClass, BlockList]> = [
  ['loopback', blockList(['127.0.0.0/8'], ['::1/128'])],
  [
    'private',
    blockList(['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', '100.64.0.0/10'], ['fc00::/7']),
  ],
  ['link-local', blockList(['169.254.0.0/16'], ['fe80::/10'])],
  [
    'reserved',
    blockList(
      ['0.0.0.0/8', '192.0.0.0/24', '198.18.0.0/15', '224.0.0.0/4', '240.0.0.0/4'],
      ['::/128', 'ff00::/8', '100::/64'],
    ),
  ],
];

/** An IPv4-mapped IPv6 address (`::ffff:7f00:1`, `::ffff:127.0.0.1`) as its IPv4 form. */
function unmapIPv4(address: string): string | undefined {
  const match = /^::ffff:(?:0:)?([0-9a-f.:]+)$/i.exec(address);
  if (!match?.[1]) return undefined;
  const tail = match[1];
  if (isIP(tail) === 4) return tail;
  const parts = tail.split(':');
  if (parts.length !== 2) return undefined;
  const [hi, lo] = parts.map((p) => Number.parseInt(p, 16)) as [number, number];
  if (Number.isNaN(hi) || Number.isNaN(lo)) return undefined;
  return [hi >> 8, hi & 255, lo >> 8, lo & 255].join('.');
}

/** Classifies an IP address literal (v4 or v6). Anything that is not an IP is `reserved`. */
export function classifyAddress(address: string): AddressClass {
  const bare = address.startsWith('[') && address.endsWith(']') ? address.slice(1, -1) : address;
  const family = isIP(bare);
  if (family === 0) return 'reserved';
  const mapped = family === 6 ? unmapIPv4(bare) : undefined;
  const [ip, type] = mapped
    ? [mapped, 'ipv4' as const]
    : [bare, family === 4 ? ('ipv4' as const) : ('ipv6' as const)];
  for (const [cls, list] of ranges) {
    if (list.check(ip, type)) return cls;
  }
  return 'public';
}

/** True when `allow` permits connecting to an address of class `cls`. */
export function isAddressAllowed(cls: AddressClass, allow: AllowOptions): boolean {
  switch (cls) {
    case 'public':
      return true;
    case 'loopback':
      return allow.loopback === true;
    case 'private':
      return allow.privateNetworks === true;
    case 'link-local':
      return allow.linkLocal === true;
    case 'reserved':
      return false;
  }
}

const allowHint: Record<AddressClass, string> = {
  public: '',
  loopback: 'pass allow: { loopback: true } for local development',
  private: 'pass allow: { privateNetworks: true } when the receiver is on your own network',
  'link-local':
    'pass allow: { linkLocal: true } only if you really mean to reach a link-local service',
  reserved: 'reserved, multicast and unspecified addresses can never be delivery targets',
};

/** Throws `address_not_allowed` unless `address` may be connected to. `host` names the URL host for the message. */
export function assertAddressAllowed(address: string, host: string, allow: AllowOptions): void {
  const cls = classifyAddress(address);
  if (isAddressAllowed(cls, allow)) return;
  const via = address === host ? '' : ` (${host} resolves to ${address})`;
  throw new DispatcherError(
    'address_not_allowed',
    `Refusing to deliver to ${cls} address ${address}${via}: webhook targets must be public by default; ${allowHint[cls]}.`,
  );
}

/**
 * Parses and checks an endpoint URL without touching the network: http(s) only, `https:`
 * unless `allow.http`, no credentials, and an IP-literal host must be an allowed address.
 */
export function checkEndpointUrl(raw: string, allow: AllowOptions): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch (cause) {
    throw new DispatcherError(
      'invalid_endpoint',
      `Endpoint URL is not a valid absolute URL; expected e.g. https://example.com/webhooks.`,
      { cause },
    );
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new DispatcherError(
      'invalid_endpoint',
      `Endpoint URL scheme ${url.protocol} is not supported; use https:.`,
    );
  }
  if (url.protocol === 'http:' && allow.http !== true) {
    throw new DispatcherError(
      'insecure_url',
      `Endpoint URL ${url.origin} uses plain http:; use https:, or pass allow: { http: true } for local development.`,
    );
  }
  if (url.username !== '' || url.password !== '') {
    throw new DispatcherError(
      'invalid_endpoint',
      'Endpoint URL must not carry credentials (user:password@); authenticate receivers with the webhook signature instead.',
    );
  }
  const host = hostOf(url);
  if (isIP(host) !== 0) assertAddressAllowed(host, host, allow);
  return url;
}

/** The URL's host without IPv6 brackets. */
export function hostOf(url: URL): string {
  const host = url.hostname;
  return host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host;
}
