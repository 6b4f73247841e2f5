import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { readIdCard } from '../../../electron/devices/id-reader/id-card.ts';
import { newIdentityKeyPair, openSealedId, SEALED_ID_TTL_MS } from '../../../electron/devices/id-reader/sealed-id.ts';
import { MrzFramer } from '../../../electron/devices/id-reader/mrz-framer.ts';
import { mrzLines } from '../../../electron/devices/id-reader/mrz-text.ts';
import { checkDigit } from '../../../electron/devices/id-reader/mrz-check-digit.ts';
import { composeMrz, ICAO_SPECIMENS } from '../../../electron/devices/simulators/mrz-compose.ts';
import { IdCardRead } from '../../../shared/protocol/device-bridge.ts';

const keys = newIdentityKeyPair();
const hubKey = keys.publicKey;
const in2010 = () => new Date('2010-06-01T10:00:00Z');
const in2025 = () => new Date('2025-06-01T10:00:00Z');
/** What the hub reads out of a sealed reading (the test plays the hub). */
const sealed = (read: ReturnType<typeof readIdCard>, at: Date) => {
  if (!read.ok || !read.idSealed) throw new Error('no sealed reading');
  const o = openSealedId(read.idSealed, keys.privateKey, at.getTime());
  return o.ok ? o.idNumber : o.reason;
};

describe('ICAO 9303 check digits', () => {
  it('follow the 7-3-1 weights with < = 0 and A–Z = 10–35', () => {
    expect(checkDigit('D23145890')).toBe('7');
    expect(checkDigit('L898902C3')).toBe('6');
    expect(checkDigit('740812')).toBe('2');
    expect(checkDigit('120415')).toBe('9');
    expect(checkDigit('<<<<')).toBe('0');
  });

  it('compose the ICAO specimens exactly', () => {
    const anna = { documentNumber: 'D23145890', birthDate: '740812', sex: 'F' as const, expirationDate: '120415', lastName: 'Eriksson', firstName: 'Anna Maria' };
    expect(composeMrz({ ...anna, format: 'TD1' })).toEqual(ICAO_SPECIMENS.TD1);
    expect(composeMrz({ ...anna, format: 'TD2' })).toEqual(ICAO_SPECIMENS.TD2);
    expect(composeMrz({ ...anna, format: 'TD3', documentNumber: 'L898902C3', optional: 'ZE184226B' })).toEqual(ICAO_SPECIMENS.TD3);
  });
});

describe('ID card read from MRZ lines', () => {
  it.each(['TD1', 'TD2', 'TD3'] as const)('reads the %s specimen without giving out the number', (format) => {
    const read = readIdCard(ICAO_SPECIMENS[format].join('\r\n'), { hubKey, now: in2010 });
    expect(IdCardRead.parse(read)).toEqual(read);
    expect(read).toMatchObject({ ok: true, format, name: 'ANNA MARIA ERIKSSON', ageBand: '18to59', expired: false, documentValid: true });
    const text = JSON.stringify(read);
    expect(text).not.toContain('D23145890');
    expect(text).not.toContain('L898902C3');
    expect(text).not.toContain('ZE184226B');
  });

  it('seals the document number of an ID card without a national number', () => {
    const read = readIdCard(ICAO_SPECIMENS.TD1.join('\n'), { hubKey, now: in2010 });
    expect(read).toMatchObject({ maskedNumber: '•••••5890' });
    expect(sealed(read, in2010())).toBe('D23145890');
  });

  it('seals the passport personal number when there is one', () => {
    const read = readIdCard(ICAO_SPECIMENS.TD3.join('\n'), { hubKey, now: in2010 });
    expect(read).toMatchObject({ maskedNumber: '•••••226B' });
    expect(sealed(read, in2010())).toBe('ZE184226B');
  });

  it('seals the national number in a TD1 optional data field, so a new card keeps the pseudonym', () => {
    const card = { format: 'TD1' as const, optional: '19780412345', birthDate: '780101', expirationDate: '300101', lastName: 'Haddad', firstName: 'Omar' };
    const oldCard = readIdCard(composeMrz({ ...card, documentNumber: 'AB1234567' }).join('\n'), { hubKey, now: in2025 });
    const newCard = readIdCard(composeMrz({ ...card, documentNumber: 'XY7654321' }).join('\n'), { hubKey, now: in2025 });
    expect(sealed(oldCard, in2025())).toBe('19780412345');
    expect(sealed(newCard, in2025())).toBe('19780412345');
  });

  it('is opened only by the hub that holds the private key, and only for 5 minutes', () => {
    const read = readIdCard(ICAO_SPECIMENS.TD1.join('\n'), { hubKey, now: in2010 });
    if (!read.ok || !read.idSealed) throw new Error('not sealed');
    expect(openSealedId(read.idSealed, newIdentityKeyPair().privateKey, in2010().getTime())).toEqual({ ok: false, reason: 'unreadable' });
    expect(openSealedId(read.idSealed, keys.privateKey, in2010().getTime() + SEALED_ID_TTL_MS + 1)).toEqual({ ok: false, reason: 'expired' });
    expect(openSealedId(read.idSealed.slice(0, -4) + 'AAAA', keys.privateKey, in2010().getTime())).toEqual({ ok: false, reason: 'unreadable' });
    // Two readings of one card differ (OAEP is randomised): a sealed reading says nothing by itself.
    const again = readIdCard(ICAO_SPECIMENS.TD1.join('\n'), { hubKey, now: in2010 });
    expect(again.ok && again.idSealed !== read.idSealed).toBe(true);
  });

  it('reads a card without a hub key (age band, name) but seals nothing', () => {
    const read = readIdCard(ICAO_SPECIMENS.TD1.join('\n'), { now: in2010 });
    expect(read).toMatchObject({ ok: true, ageBand: '18to59' });
    expect(read.ok && read.idSealed).toBe(undefined);
  });

  it('reports an expired document as read but expired', () => {
    expect(readIdCard(ICAO_SPECIMENS.TD3.join('\n'), { hubKey, now: in2025 })).toMatchObject({ ok: true, expired: true, documentValid: false });
  });

  it('refuses an expired document when the station is configured so', () => {
    expect(readIdCard(ICAO_SPECIMENS.TD3.join('\n'), { hubKey, now: in2025, rejectExpired: true })).toMatchObject({ ok: false, reason: 'expired' });
  });

  it('puts a citizen born 65 years ago in the 60plus band (elderly priority)', () => {
    const lines = composeMrz({ format: 'TD1', documentNumber: 'S12345678', birthDate: '600315', expirationDate: '290101', lastName: 'Khoury', firstName: 'Salma' });
    expect(readIdCard(lines.join('\n'), { hubKey, now: in2025 })).toMatchObject({ ok: true, ageBand: '60plus', name: 'SALMA KHOURY' });
  });

  it('puts a child in the under18 band', () => {
    const lines = composeMrz({ format: 'TD3', documentNumber: 'C01234567', birthDate: '150101', expirationDate: '300101', lastName: 'Nasser', firstName: 'Lina' });
    expect(readIdCard(lines.join('\n'), { hubKey, now: in2025 })).toMatchObject({ ok: true, ageBand: 'under18' });
  });

  it.each([
    ['a changed document number', ICAO_SPECIMENS.TD3[0], ICAO_SPECIMENS.TD3[1].replace('L898902C3', 'L898903C3')],
    ['a changed birth date', ICAO_SPECIMENS.TD3[0], ICAO_SPECIMENS.TD3[1].replace('7408122', '7408132')],
    ['a changed expiry', ICAO_SPECIMENS.TD3[0], ICAO_SPECIMENS.TD3[1].replace('1204159', '1304159')],
    ['a changed composite digit', ICAO_SPECIMENS.TD3[0], ICAO_SPECIMENS.TD3[1].replace(/0$/, '1')],
  ])('refuses %s with reason check_digit', (_what, l1, l2) => {
    expect(readIdCard(`${l1}\n${l2}`, { hubKey, now: in2010 })).toMatchObject({ ok: false, reason: 'check_digit' });
  });

  it('refuses corrupted TD1 and TD2 variants', () => {
    const td1: string[] = [...ICAO_SPECIMENS.TD1];
    td1[0] = ICAO_SPECIMENS.TD1[0].replace('D23145890', 'D23145891');
    expect(readIdCard(td1.join('\n'), { hubKey, now: in2010 })).toMatchObject({ ok: false, reason: 'check_digit' });
    const td2: string[] = [...ICAO_SPECIMENS.TD2];
    td2[1] = ICAO_SPECIMENS.TD2[1].replace('7408122', '7508122');
    expect(readIdCard(td2.join('\n'), { hubKey, now: in2010 })).toMatchObject({ ok: false, reason: 'check_digit' });
  });

  it('reports a line cut short as unreadable, and an unknown shape of MRZ text as unsupported', () => {
    expect(readIdCard(`${ICAO_SPECIMENS.TD3[0]}\n${ICAO_SPECIMENS.TD3[1].slice(0, 30)}`, { hubKey })).toMatchObject({ ok: false, reason: 'unsupported' });
    expect(readIdCard('HELLO WORLD', { hubKey })).toMatchObject({ ok: false, reason: 'unreadable' });
  });
});

describe('MRZ text normalisation', () => {
  it('reads `_` as `<`, CR, LF or CRLF as line breaks, and drops spaces', () => {
    const underscored = ICAO_SPECIMENS.TD1.map((l) => l.replace(/</g, '_')).join('\r');
    expect(mrzLines(underscored)).toEqual({ ok: true, format: 'TD1', lines: ICAO_SPECIMENS.TD1 });
    expect(mrzLines(` ${ICAO_SPECIMENS.TD2.join(' \r\n ')} \r\n`)).toEqual({ ok: true, format: 'TD2', lines: ICAO_SPECIMENS.TD2 });
  });

  it('splits the lines of a reader that sends them as one run', () => {
    expect(mrzLines(ICAO_SPECIMENS.TD3.join(''))).toEqual({ ok: true, format: 'TD3', lines: ICAO_SPECIMENS.TD3 });
  });
});

describe('MRZ framing', () => {
  it('frames on ETX and drops what precedes STX', () => {
    const f = new MrzFramer();
    expect(f.push(Buffer.from('noise\x02ABC\r'))).toEqual([]);
    expect(f.push(Buffer.from('DEF\x03\x02GH'))).toEqual(['ABC\rDEF']);
    expect(f.flush()).toBe('GH');
  });

  it('frames on a pause when the reader sends no wrapper', () => {
    const f = new MrzFramer();
    expect(f.push(Buffer.from('LINE1\r\nLINE2\r\n'))).toEqual([]);
    expect(f.flush()).toBe('LINE1\r\nLINE2\r\n');
    expect(f.flush()).toBeUndefined();
  });

  it('never crashes and never yields a card from random bytes', () => {
    fc.assert(
      fc.property(fc.array(fc.uint8Array({ maxLength: 200 }), { maxLength: 10 }), (chunks) => {
        const f = new MrzFramer();
        const frames = chunks.flatMap((c) => f.push(c));
        const last = f.flush();
        if (last !== undefined) frames.push(last);
        for (const frame of frames) {
          const read = readIdCard(frame, { hubKey });
          expect(IdCardRead.safeParse(read).success).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('never crashes on MRZ-alphabet noise of card-like shapes', () => {
    const mrzChar = fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789<'.split(''));
    const line = (n: number) => fc.array(mrzChar, { minLength: n, maxLength: n }).map((a) => a.join(''));
    const card = fc.oneof(fc.tuple(line(30), line(30), line(30)), fc.tuple(line(36), line(36)), fc.tuple(line(44), line(44)));
    fc.assert(
      fc.property(card, (lines) => {
        expect(IdCardRead.safeParse(readIdCard(lines.join('\n'), { hubKey })).success).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});
