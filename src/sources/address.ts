// Which IP addresses the fetcher may connect to. A Lambda that fetches URLs named by
// users (and by the pages they redirect to) must never reach the instance metadata
// service, the VPC, or itself: only public unicast addresses pass.
import { BlockList, isIP } from 'node:net';

export type AddressClass =
  | 'public'
  | 'loopback'
  | 'private'
  | 'link-local'
  | 'metadata'
  | 'unspecified'
  | 'multicast'
  | 'reserved';

type Range = readonly [network: string, prefix: number, kind: Exclude<AddressClass, 'public'>];

// Order matters: the first range that contains the address names its class, so the
// metadata addresses come before the link-local and unique-local ranges that hold them.
const IPV4_RANGES: readonly Range[] = [
  ['169.254.169.254', 32, 'metadata'],
  ['0.0.0.0', 8, 'unspecified'],
  ['127.0.0.0', 8, 'loopback'],
  ['10.0.0.0', 8, 'private'],
  ['172.16.0.0', 12, 'private'],
  ['192.168.0.0', 16, 'private'],
  ['100.64.0.0', 10, 'private'], // carrier-grade NAT
  ['169.254.0.0', 16, 'link-local'],
  ['192.0.0.0', 24, 'reserved'], // IETF protocol assignments
  ['192.0.2.0', 24, 'reserved'], // documentation
  ['198.51.100.0', 24, 'reserved'],
  ['203.0.113.0', 24, 'reserved'],
  ['192.88.99.0', 24, 'reserved'], // 6to4 relay anycast
  ['198.18.0.0', 15, 'reserved'], // benchmarking
  ['224.0.0.0', 4, 'multicast'],
  ['240.0.0.0', 4, 'reserved'], // includes 255.255.255.255
];

const IPV6_RANGES: readonly Range[] = [
  ['fd00:ec2::254', 128, 'metadata'],
  ['::', 128, 'unspecified'],
  ['::1', 128, 'loopback'],
  ['fc00::', 7, 'private'], // unique local
  ['fe80::', 10, 'link-local'],
  ['fec0::', 10, 'private'], // deprecated site-local
  ['ff00::', 8, 'multicast'],
  ['100::', 64, 'reserved'], // discard prefix
  ['2001::', 23, 'reserved'], // IETF protocol assignments, Teredo
  ['2001:db8::', 32, 'reserved'], // documentation
  ['::', 96, 'reserved'], // deprecated IPv4-compatible
];

function compile(ranges: readonly Range[], family: 'ipv4' | 'ipv6'): Array<[BlockList, Range[2]]> {
  return ranges.map(([network, prefix, kind]) => {
    const list = new BlockList();
    list.addSubnet(network, prefix, family);
    return [list, kind];
  });
}

const ipv4Lists = compile(IPV4_RANGES, 'ipv4');
const ipv6Lists = compile(IPV6_RANGES, 'ipv6');

function classifyIpv4(address: string): AddressClass {
  for (const [list, kind] of ipv4Lists) if (list.check(address, 'ipv4')) return kind;
  return 'public';
}

/** The 128-bit value of an IPv6 address as eight 16-bit groups. */
function ipv6Groups(address: string): number[] {
  let text = address.toLowerCase().split('%')[0]!;
  // A trailing dotted quad (::ffff:1.2.3.4) becomes two groups.
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (dotted) {
    const [a, b, c, d] = dotted[1]!.split('.').map(Number) as [number, number, number, number];
    text = text.slice(0, -dotted[1]!.length) + `${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head, tail] = text.includes('::') ? text.split('::') : [text, undefined];
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const missing = tail === undefined ? 0 : 8 - left.length - right.length;
  return [...left, ...Array<string>(missing).fill('0'), ...right].map((g) => parseInt(g, 16));
}

function embeddedIpv4(groups: number[], from: number): string {
  const hi = groups[from]!;
  const lo = groups[from + 1]!;
  return `${hi >> 8}.${hi & 0xff}.${lo >> 8}.${lo & 0xff}`;
}

/** The 16 bytes of an address given as eight groups. */
function bytesOf(groups: number[]): number[] {
  return groups.flatMap((g) => [g >> 8, g & 0xff]);
}

/**
 * The IPv4 addresses a local-use NAT64 address (64:ff9b:1::/48, RFC 8215) may carry: the
 * operator picks a /48, /56, /64 or /96 inside it and RFC 6052 puts the IPv4 address at a
 * different place for each (skipping the zero "u" byte 8). A layout counts only if its u byte
 * and its suffix are zero, as RFC 6052 requires; the /96 layout always counts. Several may
 * count at once: any that is not public refuses the address (the first one names the class).
 */
function localNat64Candidates(groups: number[]): string[] {
  const b = bytesOf(groups);
  const layouts: Array<{ v4: number[]; zero: number[] }> = [
    { v4: [6, 7, 9, 10], zero: [8, 11, 12, 13, 14, 15] }, // /48
    { v4: [7, 9, 10, 11], zero: [8, 12, 13, 14, 15] }, // /56
    { v4: [9, 10, 11, 12], zero: [8, 13, 14, 15] }, // /64
    { v4: [12, 13, 14, 15], zero: [] }, // /96
  ];
  return layouts.filter((l) => l.zero.every((i) => b[i] === 0)).map((l) => l.v4.map((i) => b[i]).join('.'));
}

function classifyIpv6(address: string): AddressClass {
  const groups = ipv6Groups(address);
  const zero = (from: number, to: number) => groups.slice(from, to).every((g) => g === 0);
  // Addresses that carry an IPv4 address are judged by it: ::ffff:127.0.0.1 is loopback.
  if (zero(0, 5) && groups[5] === 0xffff) return classifyIpv4(embeddedIpv4(groups, 6)); // IPv4-mapped ::ffff:0:0/96
  if (zero(0, 4) && groups[4] === 0xffff && groups[5] === 0) return classifyIpv4(embeddedIpv4(groups, 6)); // IPv4-translated ::ffff:0:0:0/96
  if (groups[0] === 0x64 && groups[1] === 0xff9b && zero(2, 6)) return classifyIpv4(embeddedIpv4(groups, 6)); // NAT64 64:ff9b::/96
  if (groups[0] === 0x64 && groups[1] === 0xff9b && groups[2] === 1) {
    // Local-use NAT64 64:ff9b:1::/48: refused if any address it may carry is.
    // An all-zero candidate only says that layout carries nothing; it names the class last.
    const candidates = localNat64Candidates(groups).sort((x, y) => Number(x === '0.0.0.0') - Number(y === '0.0.0.0'));
    return candidates.map(classifyIpv4).find((k) => k !== 'public') ?? 'public';
  }
  if (groups[0] === 0x2002) return classifyIpv4(embeddedIpv4(groups, 1)); // 6to4 2002::/16
  for (const [list, kind] of ipv6Lists) if (list.check(address.split('%')[0]!, 'ipv6')) return kind;
  return 'public';
}

/** The class of an IP address literal; anything that is not an IP address is 'reserved'. */
export function classifyAddress(address: string): AddressClass {
  const family = isIP(address.split('%')[0]!);
  if (family === 4) return classifyIpv4(address);
  if (family === 6) return classifyIpv6(address);
  return 'reserved';
}

export interface AddressPolicy {
  /** Lets loopback addresses through: for tests' own servers and the local stack only. */
  allowLoopback?: boolean;
}

/** Why an address is refused, or undefined when the fetcher may connect to it. */
export function refusalReason(address: string, policy: AddressPolicy = {}): string | undefined {
  const kind = classifyAddress(address);
  if (kind === 'public') return undefined;
  if (kind === 'loopback' && policy.allowLoopback) return undefined;
  return `${address} is a ${kind} address`;
}
