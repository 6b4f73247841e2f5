// One encrypted backup file, for the hall and for central (brief §12):
//
//   DAWR-BACKUP\n                      magic
//   {header JSON}\n                     in clear: what it is, its schema version and last seq, how the key is made
//   ciphertext                          AES-256-GCM of the payload (the header is its additional data)
//   tag                                 16 bytes
//
// The payload is a sequence of named files: [u32 name length][name][u64 size][bytes]…, ended by a
// zero-length name. The key comes from a passphrase (scrypt, OWASP's parameters) or a key file of
// at least 32 random bytes (HKDF-SHA256), with a fresh salt per backup; the header carries a check
// value so a wrong key is told at once, before anything is decrypted. Files are written under a
// temporary name and renamed, so a half-written backup never has a backup's name.
import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes, scryptSync, timingSafeEqual } from 'node:crypto';
import { closeSync, createReadStream, fsyncSync, mkdirSync, openSync, readFileSync, readSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import { dirname, join } from 'node:path';

const MAGIC = Buffer.from('DAWR-BACKUP\n');
const TAG_BYTES = 16;
const CHUNK = 1 << 20;
/** scrypt as OWASP recommends it (N = 2^17, r = 8, p = 1): ~0.3 s and 128 MB per derivation. */
const SCRYPT = { N: 2 ** 17, r: 8, p: 1 } as const;

export type BackupKey = { kind: 'passphrase'; passphrase: string } | { kind: 'key-file'; bytes: Buffer; file: string };

export interface BackupHeader {
  format: 1;
  /** `hub` or `central`. */
  kind: 'hub' | 'central';
  createdAt: string;
  /** The software that wrote it, and the newest migration of its database. */
  version: string;
  schemaVersion: number;
  /** Hub: the event log's last seq; central: the events it held. */
  lastSeq: number;
  /** Hub: its branch id. */
  branchId?: string;
  /** Names and sizes of the files inside. */
  files: { name: string; size: number }[];
  cipher: 'aes-256-gcm';
  iv: string;
  kdf: { name: 'scrypt'; salt: string; N: number; r: number; p: number } | { name: 'hkdf-sha256'; salt: string };
  /** HMAC-SHA256(key, "dawr-backup key check"), first 16 hex digits: tells a wrong key before decrypting. */
  keyCheck: string;
}

/** The key to write or read backups with: `--key-file FILE`, else `DAWR_BACKUP_PASSPHRASE`. */
export function backupKeyFrom(o: { keyFile?: string | undefined; env?: NodeJS.ProcessEnv }): BackupKey {
  if (o.keyFile) {
    let bytes: Buffer;
    try {
      bytes = readFileSync(o.keyFile);
    } catch (err) {
      throw new Error(`--key-file: cannot read ${o.keyFile} (${(err as Error).message})`);
    }
    if (bytes.length < 32) throw new Error(`--key-file: ${o.keyFile} holds ${bytes.length} bytes; a key file holds at least 32 random bytes (make one: head -c 32 /dev/urandom > backup.key)`);
    return { kind: 'key-file', bytes, file: o.keyFile };
  }
  const passphrase = (o.env ?? process.env).DAWR_BACKUP_PASSPHRASE;
  if (passphrase) {
    if (passphrase.length < 12) throw new Error('DAWR_BACKUP_PASSPHRASE must have at least 12 characters');
    return { kind: 'passphrase', passphrase };
  }
  throw new Error('a backup is encrypted: give its key with DAWR_BACKUP_PASSPHRASE=… or --key-file FILE (keep the key somewhere other than this machine: without it the backup cannot be restored)');
}

function deriveKey(key: BackupKey, kdf: BackupHeader['kdf']): Buffer {
  const salt = Buffer.from(kdf.salt, 'base64');
  if (kdf.name === 'scrypt') {
    if (key.kind !== 'passphrase') throw new Error('this backup was made with a passphrase (DAWR_BACKUP_PASSPHRASE), not a key file');
    return scryptSync(key.passphrase, salt, 32, { N: kdf.N, r: kdf.r, p: kdf.p, maxmem: 256 * kdf.N * kdf.r * 2 });
  }
  if (key.kind !== 'key-file') throw new Error('this backup was made with a key file (--key-file), not a passphrase');
  return Buffer.from(hkdfSync('sha256', key.bytes, salt, 'dawr-backup', 32));
}

const keyCheckOf = (k: Buffer) => createHmac('sha256', k).update('dawr-backup key check').digest('hex').slice(0, 16);

/** Reads a backup's header (in clear) and where its ciphertext starts. */
export function readBackupHeader(file: string): { header: BackupHeader; headerBytes: Buffer; bodyStart: number; size: number } {
  const size = statSync(file).size;
  const fd = openSync(file, 'r');
  try {
    const head = Buffer.alloc(Math.min(size, 64 * 1024));
    readSync(fd, head, 0, head.length, 0);
    if (!head.subarray(0, MAGIC.length).equals(MAGIC)) throw new Error(`${file} is not a Dawr backup`);
    const end = head.indexOf(0x0a, MAGIC.length);
    if (end < 0) throw new Error(`${file}: the backup's header is cut short`);
    const headerBytes = head.subarray(0, end + 1);
    const header = JSON.parse(head.subarray(MAGIC.length, end).toString('utf8')) as BackupHeader;
    if (header.format !== 1) throw new Error(`${file}: backup format ${String(header.format)} is not one this version reads`);
    if (size < end + 1 + TAG_BYTES) throw new Error(`${file}: the backup is cut short (${size} bytes)`);
    return { header, headerBytes: Buffer.from(headerBytes), bodyStart: end + 1, size };
  } finally {
    closeSync(fd);
  }
}

/** The key for this backup, checked against its header: a wrong key is refused before decrypting. */
function keyFor(header: BackupHeader, key: BackupKey): Buffer {
  const k = deriveKey(key, header.kdf);
  const want = Buffer.from(header.keyCheck, 'hex');
  const got = Buffer.from(keyCheckOf(k), 'hex');
  if (want.length !== got.length || !timingSafeEqual(want, got)) {
    throw new Error(`the backup key is wrong: this backup was made with another ${header.kdf.name === 'scrypt' ? 'passphrase' : 'key file'}`);
  }
  return k;
}

export interface BackupSource {
  /** Name inside the backup (`dawr.sqlite`, `voice/hall/…`). */
  name: string;
  /** The file on disk to read it from. */
  path: string;
}

/**
 * Writes an encrypted backup of `sources` to `outFile` (atomically: a temporary name, fsync,
 * rename); returns the header written and the file's size.
 */
export async function writeBackup(outFile: string, meta: Omit<BackupHeader, 'format' | 'files' | 'cipher' | 'iv' | 'kdf' | 'keyCheck'>, sources: BackupSource[], key: BackupKey): Promise<{ header: BackupHeader; size: number }> {
  const salt = randomBytes(16);
  const kdf: BackupHeader['kdf'] = key.kind === 'passphrase' ? { name: 'scrypt', salt: salt.toString('base64'), ...SCRYPT } : { name: 'hkdf-sha256', salt: salt.toString('base64') };
  const k = deriveKey(key, kdf);
  const iv = randomBytes(12);
  const header: BackupHeader = {
    format: 1, ...meta, files: sources.map((s) => ({ name: s.name, size: statSync(s.path).size })), cipher: 'aes-256-gcm', iv: iv.toString('base64'), kdf, keyCheck: keyCheckOf(k),
  };
  const headerBytes = Buffer.concat([MAGIC, Buffer.from(`${JSON.stringify(header)}\n`)]);
  const cipher = createCipheriv('aes-256-gcm', k, iv);
  cipher.setAAD(headerBytes);
  mkdirSync(dirname(outFile), { recursive: true });
  const tmp = `${outFile}.${process.pid}.partial`;
  const fd = openSync(tmp, 'w', 0o600);
  try {
    writeSync(fd, headerBytes);
    const put = (plain: Buffer) => {
      const c = cipher.update(plain);
      if (c.length) writeSync(fd, c);
    };
    for (const [i, s] of sources.entries()) {
      const name = Buffer.from(s.name);
      const lengths = Buffer.alloc(12);
      lengths.writeUInt32BE(name.length, 0);
      lengths.writeBigUInt64BE(BigInt(header.files[i]!.size), 4);
      put(Buffer.concat([lengths.subarray(0, 4), name, lengths.subarray(4)]));
      let copied = 0;
      for await (const chunk of createReadStream(s.path, { highWaterMark: CHUNK })) {
        copied += (chunk as Buffer).length;
        put(chunk as Buffer);
      }
      if (copied !== header.files[i]!.size) throw new Error(`${s.path} changed size while it was being backed up`);
    }
    put(Buffer.alloc(4)); // the end: a name of no bytes
    const last = cipher.final();
    if (last.length) writeSync(fd, last);
    writeSync(fd, cipher.getAuthTag());
    fsyncSync(fd);
  } catch (err) {
    closeSync(fd);
    rmSync(tmp, { force: true });
    throw err;
  }
  closeSync(fd);
  renameSync(tmp, outFile);
  return { header, size: statSync(outFile).size };
}

/**
 * Decrypts a backup into `intoDir` (its files under their names) and checks its tag: a file
 * altered, cut short or read with the wrong key is refused, and what was written is removed.
 * Returns the header and the paths written.
 */
export async function readBackup(file: string, key: BackupKey, intoDir: string): Promise<{ header: BackupHeader; files: string[] }> {
  const { header, headerBytes, bodyStart, size } = readBackupHeader(file);
  const k = keyFor(header, key);
  const decipher = createDecipheriv('aes-256-gcm', k, Buffer.from(header.iv, 'base64'));
  decipher.setAAD(headerBytes);
  const fd = openSync(file, 'r');
  const tag = Buffer.alloc(TAG_BYTES);
  readSync(fd, tag, 0, TAG_BYTES, size - TAG_BYTES);
  decipher.setAuthTag(tag);
  const written: string[] = [];
  // A small state machine over the plain bytes: name length, name, size, content, …
  let pending: Buffer = Buffer.alloc(0);
  let out: { fd: number; left: bigint } | undefined;
  let done = false;
  const consume = (plain: Buffer) => {
    pending = pending.length ? Buffer.concat([pending, plain]) : plain;
    for (;;) {
      if (done) {
        if (pending.length) throw new Error(`${file}: bytes after the end of the backup`);
        return;
      }
      if (out) {
        const n = Number(out.left < BigInt(pending.length) ? out.left : BigInt(pending.length));
        if (n > 0) writeSync(out.fd, pending.subarray(0, n));
        pending = pending.subarray(n);
        out.left -= BigInt(n);
        if (out.left > 0n) return;
        fsyncSync(out.fd);
        closeSync(out.fd);
        out = undefined;
        continue;
      }
      if (pending.length < 4) return;
      const nameLength = pending.readUInt32BE(0);
      if (nameLength === 0) {
        pending = pending.subarray(4);
        done = true;
        continue;
      }
      if (nameLength > 4096) throw new Error(`${file}: not a backup's contents (a name of ${nameLength} bytes)`);
      if (pending.length < 4 + nameLength + 8) return;
      const name = pending.subarray(4, 4 + nameLength).toString('utf8');
      const length = pending.readBigUInt64BE(4 + nameLength);
      pending = pending.subarray(4 + nameLength + 8);
      if (name.startsWith('/') || name.split('/').includes('..')) throw new Error(`${file}: a file name that leaves the folder (${name})`);
      const path = join(intoDir, name);
      mkdirSync(dirname(path), { recursive: true });
      written.push(path);
      out = { fd: openSync(path, 'w', 0o600), left: length };
    }
  };
  try {
    const buf = Buffer.alloc(CHUNK);
    for (let at = bodyStart; at < size - TAG_BYTES;) {
      const n = readSync(fd, buf, 0, Math.min(CHUNK, size - TAG_BYTES - at), at);
      if (n <= 0) throw new Error(`${file}: could not read the backup`);
      at += n;
      consume(decipher.update(buf.subarray(0, n)));
    }
    try {
      consume(decipher.final());
    } catch (err) {
      if ((err as Error).message.includes('authenticate')) throw new Error(`${file} is damaged or was altered: its contents do not match their seal`);
      throw err;
    }
    if (!done || out) throw new Error(`${file}: the backup is cut short`);
  } catch (err) {
    if (out) closeSync(out.fd);
    for (const p of written) rmSync(p, { force: true });
    throw err;
  } finally {
    closeSync(fd);
  }
  return { header, files: written };
}
