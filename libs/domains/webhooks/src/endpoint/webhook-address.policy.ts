import { BlockList, isIP } from 'node:net';
import { WebhooksError } from '../webhooks.errors.js';

/**
 * Addresses a webhook must never be sent to, because a request there could reach something that is not the
 * tenant's public receiver (SSRF): this host, the private networks behind it, cloud metadata services (169.254.169.254,
 * fd00:ec2::254), and ranges that are reserved, shared or not unicast. BlockList checks IPv4-mapped IPv6 addresses
 * (::ffff:a.b.c.d) against the IPv4 rules; the IPv6 forms that embed IPv4 otherwise (NAT64, 6to4, Teredo) are refused
 * whole rather than decoded.
 */
const FORBIDDEN = new BlockList();
for (const [network, prefix] of [
  ['0.0.0.0', 8], // "this network"
  ['10.0.0.0', 8], // private
  ['100.64.0.0', 10], // carrier-grade NAT
  ['127.0.0.0', 8], // loopback
  ['169.254.0.0', 16], // link-local, cloud metadata
  ['172.16.0.0', 12], // private
  ['192.0.0.0', 24], // IETF protocol assignments
  ['192.0.2.0', 24], // documentation
  ['192.88.99.0', 24], // 6to4 relay
  ['192.168.0.0', 16], // private
  ['198.18.0.0', 15], // benchmarking
  ['198.51.100.0', 24], // documentation
  ['203.0.113.0', 24], // documentation
  ['224.0.0.0', 4], // multicast
  ['240.0.0.0', 4], // reserved, broadcast
] as const) {
  FORBIDDEN.addSubnet(network, prefix, 'ipv4');
}
for (const [network, prefix] of [
  ['::', 128], // unspecified
  ['::1', 128], // loopback
  ['64:ff9b::', 96], // NAT64
  ['64:ff9b:1::', 48], // local NAT64
  ['100::', 64], // discard
  ['2001::', 32], // Teredo
  ['2001:db8::', 32], // documentation
  ['2002::', 16], // 6to4
  ['fc00::', 7], // unique local
  ['fe80::', 10], // link-local
  ['fec0::', 10], // site-local (deprecated)
  ['ff00::', 8], // multicast
] as const) {
  FORBIDDEN.addSubnet(network, prefix, 'ipv6');
}

/** The host names that mean this machine's loopback, allowed only with WEBHOOKS_ALLOW_INSECURE_LOCALHOST. */
const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '::1']);

/** True when `address` (an IPv4 or IPv6 literal) is one a webhook must not reach; non-addresses are refused too. */
export function isForbiddenWebhookAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 0) return true;
  return FORBIDDEN.check(address, family === 4 ? 'ipv4' : 'ipv6');
}

/** A webhook URL as checked: the URL, its host (IPv6 without brackets), and whether it is the local loopback. */
export interface CheckedWebhookUrl {
  readonly url: URL;
  readonly host: string;
  /** The host is localhost, 127.0.0.1 or ::1 (allowed by configuration): not to be resolved and checked further. */
  readonly local: boolean;
  /** The host is an IP address (nothing to resolve). */
  readonly literal: boolean;
}

/**
 * The checks that need no DNS: an absolute https URL (http only for the local loopback, when allowed) without
 * credentials, whose host is not a forbidden address literal. Host names still have to be resolved and their
 * addresses checked (WebhookTargetPolicy).
 */
export function checkWebhookUrl(raw: string, options: { allowInsecureLocalhost: boolean }): CheckedWebhookUrl {
  const url = URL.canParse(raw) ? new URL(raw) : null;
  if (!url) throw refused(raw, 'it is not an absolute URL');
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw refused(raw, 'it must start with https://');
  if (url.username !== '' || url.password !== '') throw refused(raw, 'it must not carry a user name or password');
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1').toLowerCase();
  const local = LOCAL_HOSTS.has(host);
  if (local) {
    if (!options.allowInsecureLocalhost) {
      throw refused(raw, 'it points at this machine (WEBHOOKS_ALLOW_INSECURE_LOCALHOST is off)');
    }
    return { url, host, local, literal: isIP(host) !== 0 };
  }
  if (url.protocol !== 'https:') throw refused(raw, 'it must start with https://');
  const literal = isIP(host) !== 0;
  if (literal && isForbiddenWebhookAddress(host)) {
    throw refused(raw, `${host} is a loopback, private, link-local or reserved address`);
  }
  if (!literal && (host.endsWith('.localhost') || host.endsWith('.local') || !host.includes('.'))) {
    throw refused(raw, `${host} is not a public host name`);
  }
  return { url, host, local, literal };
}

export function refused(raw: string, why: string): WebhooksError {
  return new WebhooksError(
    'webhooks/url_not_allowed',
    'invalid',
    `The webhook URL ${JSON.stringify(raw)} is not allowed: ${why}`,
  );
}
