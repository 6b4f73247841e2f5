// The ID number sealed for the hub (brief §8, threat written down in the README "Privacy"):
//   - the station never holds the key that makes pseudonyms, so a stolen kiosk or counter PC cannot
//     turn pseudonyms back into ID numbers (a 10-digit ID space is small enough to try every number
//     against an HMAC key);
//   - the raw number never crosses the LAN in clear, with or without TLS: the station encrypts it
//     to the hub's public identity key (RSA-OAEP, SHA-256) together with the reading time, and only
//     the hub, which holds the private key, opens it, makes the HMAC pseudonym and forgets the number;
//   - a sealed reading is good for 5 minutes, so a copied one cannot be replayed later.
// Both ends live here so the format has one definition; the hub imports `openSealedId`.
import { constants, createHmac, createPrivateKey, createPublicKey, generateKeyPairSync, privateDecrypt, publicEncrypt } from 'node:crypto';

/** How long a sealed reading may be used to issue a ticket. */
export const SEALED_ID_TTL_MS = 5 * 60_000;
const OAEP = { padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha256' } as const;

export function sealIdNumber(idNumber: string, hubPublicKeyPem: string, now: number): string {
  const payload = Buffer.from(JSON.stringify({ n: idNumber, at: now }), 'utf8');
  return publicEncrypt({ key: createPublicKey(hubPublicKeyPem), ...OAEP }, payload).toString('base64url');
}

export type Opened = { ok: true; idNumber: string } | { ok: false; reason: 'unreadable' | 'expired' };

/** Opens a sealed reading with the hub's private key; refuses one that is not ours, malformed or stale. */
export function openSealedId(sealed: string, hubPrivateKeyPem: string, now: number): Opened {
  let body: unknown;
  try {
    body = JSON.parse(privateDecrypt({ key: createPrivateKey(hubPrivateKeyPem), ...OAEP }, Buffer.from(sealed, 'base64url')).toString('utf8'));
  } catch {
    return { ok: false, reason: 'unreadable' };
  }
  const b = body as { n?: unknown; at?: unknown };
  if (typeof b.n !== 'string' || !/^[A-Z0-9]{1,30}$/.test(b.n) || typeof b.at !== 'number') return { ok: false, reason: 'unreadable' };
  if (Math.abs(now - b.at) > SEALED_ID_TTL_MS) return { ok: false, reason: 'expired' };
  return { ok: true, idNumber: b.n };
}

/** The hub's pseudonym of an ID number: HMAC-SHA256 with the hall's secret, hex. */
export const pseudonym = (idNumber: string, secret: string): string => createHmac('sha256', secret).update(idNumber, 'utf8').digest('hex');

/** A new identity key pair for a hub (PEM). */
export function newIdentityKeyPair(): { publicKey: string; privateKey: string } {
  return generateKeyPairSync('rsa', { modulusLength: 2048, publicKeyEncoding: { type: 'spki', format: 'pem' }, privateKeyEncoding: { type: 'pkcs8', format: 'pem' } });
}
