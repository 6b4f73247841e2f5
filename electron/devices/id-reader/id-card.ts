// A parsed ID document as it may leave the devices layer (brief §8): the ID number sealed for the
// hub (only the hub can open it: see sealed-id.ts), a mask, the name, an age band and validity —
// never the number itself.
//
// Which number is "the ID number": a national ID card (TD1/TD2) often carries the person's
// national number in its optional data field, while the document number changes with every new
// card. The pseudonym should follow the person, so: when the optional data (TD1 line 1 positions
// 16–30, TD2 line 2 positions 29–35) or a passport's personal number (TD3) holds 6 or more
// letters/digits, that is used; otherwise the document number (with TD1's long-number extension,
// as `mrz` assembles it). A citizen who shows a passport one day and an ID card the next may
// therefore get two pseudonyms, unless the passport carries the national number.
import { parse, type ParseResult } from 'mrz';
import type { IdCardRead } from '../../../shared/protocol/device-bridge.ts';
import { mrzLines } from './mrz-text.ts';
import { sealIdNumber } from './sealed-id.ts';

export interface IdCardOptions {
  /** The hub's public identity key (PEM); without it a card is read but cannot verify a ticket. */
  hubKey?: string;
  now?: () => Date;
  /** Refuse expired documents (ok:false, reason `expired`) instead of reading them as expired. */
  rejectExpired?: boolean;
}

type Fields = Record<string, string | null | undefined>;

export function readIdCard(frame: string, options: IdCardOptions): IdCardRead {
  const shaped = mrzLines(frame);
  if (!shaped.ok) {
    return { ok: false, reason: shaped.reason, message: shaped.reason === 'unsupported' ? 'document type not supported' : 'card could not be read' };
  }
  let result: ParseResult;
  try {
    // autocorrect: OCR readers confuse O/0, I/1, B/8 in fields that must be digits or letters.
    result = parse(shaped.lines, { autocorrect: true });
  } catch {
    return { ok: false, reason: 'unreadable', message: 'card could not be read' };
  }
  // Unknown state codes (e.g. ICAO's specimen "UTO") are not a reason to refuse a card here:
  // validity means the check digits and the dates.
  const badCheck = result.details.some((d) => d.field?.endsWith('CheckDigit') && !d.valid);
  if (badCheck) return { ok: false, reason: 'check_digit', message: 'check digits do not match; read the card again' };
  const fields = result.fields as Fields;
  const idNumber = chooseIdNumber(shaped.format, fields, result.documentNumber);
  if (!idNumber) return { ok: false, reason: 'unreadable', message: 'card could not be read' };

  const now = options.now?.() ?? new Date();
  const expiry = mrzDate(fields.expirationDate, 'future', now);
  const birth = mrzDate(fields.birthDate, 'past', now);
  const expired = !expiry || expiry.getTime() < startOfDayUtc(now);
  if (expired && options.rejectExpired) return { ok: false, reason: 'expired', message: 'document expired' };

  return {
    ok: true,
    ...(options.hubKey ? { idSealed: sealIdNumber(idNumber, options.hubKey, now.getTime()) } : {}),
    maskedNumber: maskNumber(idNumber),
    name: [fields.firstName, fields.lastName].filter(Boolean).join(' '),
    ageBand: ageBand(birth, now),
    documentValid: !expired && !!birth,
    expired,
    format: shaped.format,
  };
}

function chooseIdNumber(format: 'TD1' | 'TD2' | 'TD3', fields: Fields, documentNumber: string | null): string | undefined {
  const personal = format === 'TD1' ? fields.optional1 : format === 'TD2' ? fields.optional : fields.personalNumber;
  const clean = (s: string | null | undefined) => (s ?? '').replace(/</g, '');
  // For TD1, a document number longer than 9 characters continues into optional1 (check digit `<`).
  const extended = format === 'TD1' && !!documentNumber && clean(documentNumber).length > 9;
  const p = clean(personal);
  if (!extended && p.length >= 6) return p;
  const d = clean(documentNumber ?? fields.documentNumber);
  return d.length ? d : undefined;
}

/** At most the last four characters, fewer for short numbers. */
export function maskNumber(n: string): string {
  const shown = Math.min(4, Math.floor(n.length / 2));
  return '•'.repeat(n.length - shown) + n.slice(n.length - shown);
}

/** YYMMDD → a date: births are in the past, expiries may be up to 50 years ahead. */
export function mrzDate(yymmdd: string | null | undefined, kind: 'past' | 'future', now: Date): Date | undefined {
  if (!yymmdd || !/^\d{6}$/.test(yymmdd)) return undefined;
  const yy = Number(yymmdd.slice(0, 2));
  const month = Number(yymmdd.slice(2, 4));
  const day = Number(yymmdd.slice(4, 6));
  const thisYear = now.getUTCFullYear();
  let year = 2000 + yy;
  if (kind === 'past' && year > thisYear) year -= 100;
  if (kind === 'future' && year > thisYear + 50) year -= 100;
  const d = new Date(Date.UTC(year, month - 1, day));
  return d.getUTCMonth() === month - 1 && d.getUTCDate() === day ? d : undefined;
}

function startOfDayUtc(d: Date): number {
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate());
}

export function ageBand(birth: Date | undefined, now: Date): 'under18' | '18to59' | '60plus' | 'unknown' {
  if (!birth || birth.getTime() > now.getTime()) return 'unknown';
  let age = now.getUTCFullYear() - birth.getUTCFullYear();
  const beforeBirthday = now.getUTCMonth() < birth.getUTCMonth() || (now.getUTCMonth() === birth.getUTCMonth() && now.getUTCDate() < birth.getUTCDate());
  if (beforeBirthday) age--;
  return age >= 60 ? '60plus' : age >= 18 ? '18to59' : 'under18';
}
