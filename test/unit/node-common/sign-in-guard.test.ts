// The failed-sign-in guard the hub and central share: per (account, address), a growing delay
// with a cap, loopback exempt when asked, bounded memory, an admin's unlock.
import { describe, expect, it } from 'vitest';
import { addressKey, createSignInGuard, isLoopback, refuseDelayed } from '../../../electron/node-common/sign-in-guard.ts';

const T0 = Date.parse('2026-12-01T08:00:00Z');

describe('the sign-in guard', () => {
  it('lets 5 failures pass, then delays that address 1 s doubling up to the cap, and nobody else', () => {
    const g = createSignInGuard({ loopbackExempt: false });
    let now = T0;
    const waits: number[] = [];
    for (let i = 0; i < 16; i++) {
      expect(g.waitMs('Platform', '203.0.113.7', now)).toBe(0);
      g.failed('platform', '203.0.113.7', now);
      waits.push(g.waitMs('platform', '203.0.113.7', now));
      now += waits.at(-1)!;
    }
    expect(waits).toEqual([0, 0, 0, 0, 1000, 2000, 4000, 8000, 16_000, 32_000, 64_000, 128_000, 256_000, 300_000, 300_000, 300_000]);
    // The owner elsewhere, and other accounts from the same address, are not held back.
    expect(g.waitMs('platform', '198.51.100.1', now)).toBe(0);
    expect(g.waitMs('homs-admin', '203.0.113.7', now)).toBe(0);
  });

  it('a success clears its address only; an unlock clears every address of the account', () => {
    const g = createSignInGuard({ loopbackExempt: false });
    for (const address of ['203.0.113.7', '203.0.113.8', '203.0.113.9']) for (let i = 0; i < 5; i++) g.failed('admin', address, T0);
    for (let i = 0; i < 5; i++) g.failed('clerk1', '203.0.113.7', T0);
    g.succeeded('ADMIN', '203.0.113.9');
    expect(g.waitMs('admin', '203.0.113.9', T0)).toBe(0);
    expect(g.waitMs('admin', '203.0.113.8', T0)).toBe(1000);
    expect(g.unlock('Admin')).toBe(2);
    expect(g.waitMs('admin', '203.0.113.7', T0)).toBe(0);
    expect(g.waitMs('clerk1', '203.0.113.7', T0)).toBe(1000);
  });

  it('never counts loopback when it is exempt', () => {
    const g = createSignInGuard({ loopbackExempt: true });
    for (const address of ['127.0.0.1', '127.3.2.1', '::1', '::ffff:127.0.0.1']) {
      for (let i = 0; i < 10; i++) g.failed('admin', address, T0);
      expect(g.waitMs('admin', address, T0)).toBe(0);
    }
    expect(g.size()).toBe(0);
    for (let i = 0; i < 5; i++) g.failed('admin', '192.168.1.20', T0);
    expect(g.waitMs('admin', '192.168.1.20', T0)).toBe(1000);
  });

  it('holds at most maxEntries pairs (the least recently failed leave first) and forgets a quiet address', () => {
    const g = createSignInGuard({ loopbackExempt: false, maxEntries: 100, forgetAfterMs: 3_600_000 });
    for (let i = 0; i < 5; i++) g.failed('admin', '203.0.113.7', T0);
    for (let i = 0; i < 99; i++) g.failed(`name-${i}`, '198.51.100.1', T0);
    expect(g.size()).toBe(100);
    g.failed('admin', '203.0.113.7', T0); // refreshed: now the most recent
    g.failed('one-more', '198.51.100.1', T0);
    expect(g.size()).toBe(100);
    expect(g.waitMs('admin', '203.0.113.7', T0)).toBe(2000);
    expect(g.waitMs('admin', '203.0.113.7', T0 + 3_600_001)).toBe(0);
  });

  it('counts an IPv6 client by its /64 and an IPv4-mapped address as IPv4', () => {
    expect(addressKey('2001:db8:1:2:aaaa::1')).toBe('2001:db8:1:2::/64');
    expect(addressKey('2001:DB8:1:2:ffff:ffff:ffff:ffff')).toBe('2001:db8:1:2::/64');
    expect(addressKey('2001:db8::1')).toBe('2001:db8:0:0::/64');
    expect(addressKey('::ffff:203.0.113.7')).toBe('203.0.113.7');
    expect(addressKey('203.0.113.7')).toBe('203.0.113.7');
    const g = createSignInGuard({ loopbackExempt: false });
    for (let i = 0; i < 5; i++) g.failed('admin', `2001:db8:1:2::${i + 1}`, T0);
    expect(g.waitMs('admin', '2001:db8:1:2:dead:beef:0:1', T0)).toBe(1000);
    expect(g.waitMs('admin', '2001:db8:1:3::1', T0)).toBe(0);
    expect(isLoopback('127.0.0.2') && isLoopback('::1') && !isLoopback('10.0.0.1') && !isLoopback('::2')).toBe(true);
  });

  it('refuses with 429 rate_limited and a Retry-After in whole seconds', () => {
    const headers: Record<string, string> = {};
    const reply = { header: (name: string, value: string) => { headers[name] = value; } };
    expect(() => refuseDelayed(reply, 1500)).toThrow(expect.objectContaining({ code: 'rate_limited', status: 429, message: expect.stringMatching(/try again in 2 seconds/) }));
    expect(headers).toEqual({ 'retry-after': '2' });
  });
});
