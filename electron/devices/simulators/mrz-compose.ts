// Composes ICAO 9303 MRZ lines with correct check digits, for the simulated ID reader and tests:
// any card (an elderly citizen, an expired card, a national number in the optional data) can be
// presented without real documents.
import { checkDigit } from '../id-reader/mrz-check-digit.ts';

export interface CardSpec {
  format: 'TD1' | 'TD2' | 'TD3';
  documentCode?: string;
  issuingState?: string;
  documentNumber: string;
  /** TD1 optional data 1 / TD2 optional data / TD3 personal number. */
  optional?: string;
  birthDate: string; // YYMMDD
  sex?: 'M' | 'F' | '<';
  expirationDate: string; // YYMMDD
  nationality?: string;
  lastName: string;
  firstName: string;
}

function field(value: string, length: number): string {
  const v = value.toUpperCase().replace(/[^A-Z0-9<]/g, '<').slice(0, length);
  return v + '<'.repeat(length - v.length);
}

function name(last: string, first: string, length: number): string {
  const part = (s: string) => s.toUpperCase().trim().replace(/[^A-Z]+/g, '<');
  return field(`${part(last)}<<${part(first)}`, length);
}

export function composeMrz(card: CardSpec): string[] {
  const code = field(card.documentCode ?? (card.format === 'TD3' ? 'P' : 'I'), 2);
  const state = field(card.issuingState ?? 'UTO', 3);
  const nat = field(card.nationality ?? card.issuingState ?? 'UTO', 3);
  const doc = field(card.documentNumber, 9);
  const sex = card.sex ?? '<';
  const dob = card.birthDate + checkDigit(card.birthDate);
  const exp = card.expirationDate + checkDigit(card.expirationDate);
  const docCd = doc + checkDigit(doc);
  switch (card.format) {
    case 'TD1': {
      const line1 = code + state + docCd + field(card.optional ?? '', 15);
      const partial = `${dob}${sex}${exp}${nat}${field('', 11)}`;
      const composite = checkDigit(line1.slice(5, 30) + partial.slice(0, 7) + partial.slice(8, 15) + partial.slice(18, 29));
      return [line1, partial + composite, name(card.lastName, card.firstName, 30)];
    }
    case 'TD2': {
      const partial = `${docCd}${nat}${dob}${sex}${exp}${field(card.optional ?? '', 7)}`;
      const composite = checkDigit(partial.slice(0, 10) + partial.slice(13, 20) + partial.slice(21, 35));
      return [code + state + name(card.lastName, card.firstName, 31), partial + composite];
    }
    case 'TD3': {
      const personal = field(card.optional ?? '', 14);
      const personalCd = /^<+$/.test(personal) ? '<' : checkDigit(personal);
      const partial = `${docCd}${nat}${dob}${sex}${exp}${personal}${personalCd}`;
      const composite = checkDigit(partial.slice(0, 10) + partial.slice(13, 20) + partial.slice(21, 43));
      return [code + state + name(card.lastName, card.firstName, 39), partial + composite];
    }
  }
}

/** The ICAO 9303 specimens (parts 4, 5 and 6): Anna Maria Eriksson of Utopia. */
export const ICAO_SPECIMENS = {
  TD1: ['I<UTOD231458907<<<<<<<<<<<<<<<', '7408122F1204159UTO<<<<<<<<<<<6', 'ERIKSSON<<ANNA<MARIA<<<<<<<<<<'],
  TD2: ['I<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<', 'D231458907UTO7408122F1204159<<<<<<<6'],
  TD3: ['P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<', 'L898902C36UTO7408122F1204159ZE184226B<<<<<10'],
} as const;
