import { describe, expect, it } from 'vitest';
import { classifyAddress, refusalReason } from '../src/sources/address.js';

describe('which addresses the fetcher may reach', () => {
  it.each([
    ['127.0.0.1', 'loopback'],
    ['127.255.0.9', 'loopback'],
    ['::1', 'loopback'],
    ['10.1.2.3', 'private'],
    ['172.16.0.1', 'private'],
    ['172.31.255.254', 'private'],
    ['192.168.1.1', 'private'],
    ['100.64.0.1', 'private'],
    ['fc00::1', 'private'],
    ['fd12:3456::1', 'private'],
    ['169.254.1.1', 'link-local'],
    ['fe80::1', 'link-local'],
    ['fe80::1%eth0', 'link-local'],
    ['169.254.169.254', 'metadata'],
    ['fd00:ec2::254', 'metadata'],
    ['0.0.0.0', 'unspecified'],
    ['::', 'unspecified'],
    ['224.0.0.1', 'multicast'],
    ['ff02::1', 'multicast'],
    ['255.255.255.255', 'reserved'],
    ['192.0.2.10', 'reserved'],
    ['2001:db8::1', 'reserved'],
    ['not an address', 'reserved'],
  ])('%s is %s', (address, kind) => {
    expect(classifyAddress(address)).toBe(kind);
    expect(refusalReason(address)).toContain(kind);
  });

  it.each([
    ['::ffff:127.0.0.1', 'loopback'],
    ['::ffff:7f00:1', 'loopback'],
    ['::ffff:169.254.169.254', 'metadata'],
    ['::ffff:10.0.0.1', 'private'],
    ['64:ff9b::a00:1', 'private'],
    ['2002:a9fe:a9fe::1', 'metadata'],
    // IPv4-mapped ::ffff:0:0/96, in both spellings
    ['::ffff:192.168.0.1', 'private'],
    ['::ffff:a9fe:a9fe', 'metadata'],
    // IPv4-translated ::ffff:0:0:0/96 (SIIT)
    ['::ffff:0:127.0.0.1', 'loopback'],
    ['::ffff:0:7f00:1', 'loopback'],
    ['::ffff:0:a9fe:a9fe', 'metadata'],
    ['::ffff:0:10.1.2.3', 'private'],
    // NAT64 well-known prefix 64:ff9b::/96
    ['64:ff9b::127.0.0.1', 'loopback'],
    ['64:ff9b::a9fe:a9fe', 'metadata'],
    ['64:ff9b::c0a8:101', 'private'],
    // NAT64 local-use prefix 64:ff9b:1::/48 (RFC 8215), with the IPv4 address at each RFC 6052 position
    ['64:ff9b:1::7f00:1', 'loopback'], // /96
    ['64:ff9b:1::10.0.0.1', 'private'], // /96, dotted
    ['64:ff9b:1:a9fe:a9:fe00::', 'metadata'], // /48: 16 bits, the u octet, 16 bits
    ['64:ff9b:1:7f:0:1::', 'loopback'], // /56
    ['64:ff9b:1:0:a:a0a:100::', 'private'], // /64: 10.10.10.1 after the u octet
    // 6to4 2002::/16
    ['2002:7f00:1::', 'loopback'],
    ['2002:c0a8:101:1::1', 'private'],
    ['2002:0a00:0001::', 'private'],
  ])('an IPv6 address that carries %s is judged by its IPv4 address (%s)', (address, kind) => {
    expect(classifyAddress(address)).toBe(kind);
  });

  it.each([
    '93.184.215.14', '8.8.8.8', '172.32.0.1', '100.128.0.1', '2606:4700::1111', '::ffff:93.184.215.14',
    '::ffff:0:93.184.215.14', '64:ff9b::808:808', '64:ff9b:1::808:808', '2002:808:808::1',
  ])(
    '%s is public and allowed',
    (address) => {
      expect(classifyAddress(address)).toBe('public');
      expect(refusalReason(address)).toBeUndefined();
    },
  );

  it('allowing loopback lets loopback through and nothing else', () => {
    expect(refusalReason('127.0.0.1', { allowLoopback: true })).toBeUndefined();
    expect(refusalReason('::1', { allowLoopback: true })).toBeUndefined();
    expect(refusalReason('10.0.0.1', { allowLoopback: true })).toContain('private');
    expect(refusalReason('169.254.169.254', { allowLoopback: true })).toContain('metadata');
    expect(refusalReason('0.0.0.0', { allowLoopback: true })).toContain('unspecified');
  });
});
