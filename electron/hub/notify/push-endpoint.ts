// Where the hub may send a Web Push message. A subscription's endpoint is a URL a citizen's
// browser gives — or a stranger types: left unchecked, "tell me when my turn nears" becomes a
// blind request forgery into the hall's LAN (printers on :9100, the router, central) and the hub's
// own loopback. So an endpoint must be `https:` on a known Web Push service (an allow-list in the
// notification settings), must resolve only to public addresses (checked on the address actually
// connected to, so a name re-pointed after the check does not slip through), and a redirect is
// never followed. Origins the operator names on the command line (`--allow-push-origin`, a push
// relay inside the hall, the tests' local service) are exempt: they come from whoever runs the
// hub, not from a request.
import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { BlockList, isIP, type LookupFunction } from 'node:net';

/** Addresses no push service has: private, loopback, link-local, shared (CGNAT), multicast, reserved. */
const NOT_PUBLIC = new BlockList();
for (const [net, bits] of [
  ['0.0.0.0', 8], ['10.0.0.0', 8], ['100.64.0.0', 10], ['127.0.0.0', 8], ['169.254.0.0', 16], ['172.16.0.0', 12], ['192.0.0.0', 24], ['192.0.2.0', 24],
  ['192.168.0.0', 16], ['198.18.0.0', 15], ['198.51.100.0', 24], ['203.0.113.0', 24], ['224.0.0.0', 4], ['240.0.0.0', 4],
] as const) NOT_PUBLIC.addSubnet(net, bits, 'ipv4');
for (const [net, bits] of [['::', 128], ['::1', 128], ['fc00::', 7], ['fe80::', 10], ['ff00::', 8], ['2001:db8::', 32], ['64:ff9b::', 96], ['100::', 64]] as const) NOT_PUBLIC.addSubnet(net, bits, 'ipv6');

/** Whether an IP address is one a public service can have (IPv4-mapped IPv6 judged as its IPv4). */
export function isPublicAddress(address: string): boolean {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return !NOT_PUBLIC.check(mapped[1]!, 'ipv4');
  const family = isIP(address);
  if (family === 0) return false;
  return !NOT_PUBLIC.check(address, family === 4 ? 'ipv4' : 'ipv6');
}

const hostMatches = (host: string, pattern: string) => (pattern.startsWith('*.') ? host.endsWith(pattern.slice(1)) && host.length > pattern.length - 1 : host === pattern);

/** An origin as `--allow-push-origin` takes it (scheme://host[:port]), normalised; throws on anything else. */
export function pushOrigin(origin: string): string {
  const u = new URL(origin);
  if ((u.protocol !== 'https:' && u.protocol !== 'http:') || u.pathname !== '/' || u.search || u.username) throw new Error(`${origin} is not an origin (scheme://host[:port])`);
  return u.origin;
}

/** Why the hub will not send to this endpoint, or undefined when it may (the URL alone: addresses are checked on sending). */
export function pushEndpointProblem(endpoint: string, services: readonly string[], trustedOrigins: readonly string[] = []): string | undefined {
  let u: URL;
  try {
    u = new URL(endpoint);
  } catch {
    return 'the push endpoint is not a URL';
  }
  if (trustedOrigins.includes(u.origin)) return undefined;
  if (u.protocol !== 'https:') return 'a push endpoint must be https:';
  if (u.username || u.password) return 'a push endpoint carries no user name or password';
  const host = u.hostname.toLowerCase();
  if (isIP(host.replace(/^\[|\]$/g, ''))) return 'a push endpoint is a Web Push service, not an address';
  if (!services.some((p) => hostMatches(host, p))) return `${host} is not a Web Push service this hall sends to`;
  return undefined;
}

/** dns.lookup that answers only public addresses: a name pointing inside fails before any byte is sent. */
const publicLookup: LookupFunction = (hostname, options, callback) => {
  dnsLookup(hostname, { ...options, all: true }, (err, addresses) => {
    if (err) return (callback as (e: NodeJS.ErrnoException | null, a: LookupAddress[]) => void)(err, []);
    const list = addresses as LookupAddress[];
    const bad = list.find((a) => !isPublicAddress(a.address));
    if (bad || list.length === 0) {
      const e = Object.assign(new Error(`${hostname} resolves to a private or reserved address: not a push service`), { code: 'EPRIVATE' });
      return (callback as (e: NodeJS.ErrnoException | null, a: LookupAddress[]) => void)(e, []);
    }
    if ((options as { all?: boolean }).all) return (callback as (e: null, a: LookupAddress[]) => void)(null, list);
    return (callback as (e: null, a: string, f: number) => void)(null, list[0]!.address, list[0]!.family);
  });
};

export interface PushRequest {
  endpoint: string;
  method: string;
  headers: Record<string, string>;
  body: Uint8Array | null;
}

/**
 * Sends a prepared Web Push request (web-push's `generateRequestDetails`) and resolves with the
 * status. No redirect is followed (a 3xx is an answer like any other); addresses are checked on
 * connecting unless the endpoint's origin is trusted by the operator; 10 s at most.
 */
export function sendPushRequest(r: PushRequest, trustedOrigins: readonly string[] = []): Promise<number> {
  const u = new URL(r.endpoint);
  const trusted = trustedOrigins.includes(u.origin);
  if (!trusted && u.protocol !== 'https:') return Promise.reject(new Error('a push endpoint must be https:'));
  const literal = u.hostname.replace(/^\[|\]$/g, '');
  if (!trusted && isIP(literal) && !isPublicAddress(literal)) return Promise.reject(new Error(`${literal} is a private or reserved address: not a push service`));
  const send = u.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const req = send(u, { method: r.method, headers: r.headers, timeout: 10_000, ...(trusted ? {} : { lookup: publicLookup }) }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error('the push service did not answer in 10 s')));
    req.on('error', reject);
    req.end(r.body ?? undefined);
  });
}
