// A Web Push subscriber for tests: a browser's keys (P-256 key pair and auth secret) and the
// decryption of an `aes128gcm` message sent to it (RFC 8291 over RFC 8188), written from the
// RFCs with node:crypto — so it checks the hub's encryption independently of the library.
import { createDecipheriv, createECDH, hkdfSync, randomBytes } from 'node:crypto';

export interface TestSubscriber {
  keys: { p256dh: string; auth: string };
  decrypt(body: Buffer): string;
}

export function newSubscriber(): TestSubscriber {
  const ecdh = createECDH('prime256v1');
  const uaPublic = ecdh.generateKeys();
  const authSecret = randomBytes(16);
  return {
    keys: { p256dh: uaPublic.toString('base64url'), auth: authSecret.toString('base64url') },
    decrypt(body) {
      const salt = body.subarray(0, 16);
      const idLen = body[20]!;
      const asPublic = body.subarray(21, 21 + idLen);
      const ciphertext = body.subarray(21 + idLen);
      const shared = ecdh.computeSecret(asPublic);
      const keyInfo = Buffer.concat([Buffer.from('WebPush: info\0'), uaPublic, asPublic]);
      const ikm = Buffer.from(hkdfSync('sha256', shared, authSecret, keyInfo, 32));
      const cek = Buffer.from(hkdfSync('sha256', ikm, salt, Buffer.from('Content-Encoding: aes128gcm\0'), 16));
      const nonce = Buffer.from(hkdfSync('sha256', ikm, salt, Buffer.from('Content-Encoding: nonce\0'), 12));
      const decipher = createDecipheriv('aes-128-gcm', cek, nonce);
      decipher.setAuthTag(ciphertext.subarray(ciphertext.length - 16));
      const plain = Buffer.concat([decipher.update(ciphertext.subarray(0, ciphertext.length - 16)), decipher.final()]);
      // The last record ends with the delimiter 0x02 followed by padding zeros.
      let end = plain.length - 1;
      while (end >= 0 && plain[end] === 0) end--;
      if (plain[end] !== 2) throw new Error('not a last record: no 0x02 delimiter');
      return plain.subarray(0, end).toString('utf8');
    },
  };
}
