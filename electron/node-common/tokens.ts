// Bearer tokens and one-time codes: random, and stored only as a SHA-256 hash.
import { createHash, randomBytes, randomInt } from 'node:crypto';

export const newToken = (): string => randomBytes(32).toString('base64url');
export const hashToken = (token: string): string => createHash('sha256').update(token).digest('hex');

/** Pairing code: 8 characters from an alphabet without look-alikes (0/O, 1/I/L), easy to type at a kiosk. */
const ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
export function newPairingCode(): string {
  let s = '';
  for (let i = 0; i < 8; i++) s += ALPHABET[randomInt(ALPHABET.length)];
  return s;
}

/** Public tracking code on the ticket's QR: 10 characters, ~50 bits, unguessable, ASCII. */
export function newTrackingCode(): string {
  let s = '';
  for (let i = 0; i < 10; i++) s += ALPHABET[randomInt(ALPHABET.length)];
  return s;
}

export const newId = (prefix: string): string => `${prefix}_${randomBytes(8).toString('hex')}`;
