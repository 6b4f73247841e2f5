// The maintenance PIN, kept only as an scrypt hash (brief §8: OWASP parameters, N=2^17, r=8,
// p=1). A PIN has few digits, so the hash's cost is what makes guessing a copied config slow;
// guessing at the kiosk itself is slowed by maintenance.ts (lockout after failures).
import { randomBytes, scrypt as scryptCallback, timingSafeEqual, type ScryptOptions } from 'node:crypto';

export interface ScryptCost {
  N: number;
  r: number;
  p: number;
}
export const OWASP_SCRYPT: ScryptCost = { N: 2 ** 17, r: 8, p: 1 };
const KEY_LENGTH = 32;
const FORMAT = /^scrypt\$(\d+)\$(\d+)\$(\d+)\$([A-Za-z0-9+/=]+)\$([A-Za-z0-9+/=]+)$/;

function scrypt(secret: string, salt: Buffer, cost: ScryptCost): Promise<Buffer> {
  const options: ScryptOptions = { ...cost, maxmem: 256 * cost.N * cost.r + 1024 * 1024 };
  return new Promise((resolve, reject) =>
    scryptCallback(secret.normalize('NFKC'), salt, KEY_LENGTH, options, (error, key) => (error ? reject(error) : resolve(key))),
  );
}

/** `scrypt$N$r$p$salt$hash`, base64 parts: the cost travels with the hash so it can be raised later. */
export async function hashPin(pin: string, cost: ScryptCost = OWASP_SCRYPT): Promise<string> {
  const salt = randomBytes(16);
  const key = await scrypt(pin, salt, cost);
  return `scrypt$${cost.N}$${cost.r}$${cost.p}$${salt.toString('base64')}$${key.toString('base64')}`;
}

export function isPinHash(value: string): boolean {
  return FORMAT.test(value);
}

export async function verifyPin(pin: string, stored: string): Promise<boolean> {
  const m = FORMAT.exec(stored);
  if (!m) return false;
  const cost = { N: Number(m[1]), r: Number(m[2]), p: Number(m[3]) };
  // A tampered config must not make main allocate gigabytes.
  if (cost.N > 2 ** 20 || cost.r > 32 || cost.p > 16) return false;
  const expected = Buffer.from(m[5] ?? '', 'base64');
  const actual = await scrypt(pin, Buffer.from(m[4] ?? '', 'base64'), cost);
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}
