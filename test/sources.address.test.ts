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
  ])('an IPv6 address that carries %s is judged by its IPv4 address (%s)', (address, kind) => {
    expect(classifyAddress(address)).toBe(kind);
  });

  it.each(['93.184.215.14', '8.8.8.8', '172.32.0.1', '100.128.0.1', '2606:4700::1111', '::ffff:93.184.215.14'])(
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
