// Issue time as printed: day and minute in the branch's time zone (brief §5: business days are
// counted there), dd/mm/yyyy · HH:MM — "/" and ":" keep the digits in one run under the bidi algorithm.
import { localDigits } from './ticket-labels.ts';

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-GB', {
      timeZone,
      calendar: 'gregory',
      numberingSystem: 'latn',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

export function ticketDateTime(issuedAt: string, timeZone: string, digits: 'arab' | 'latn'): string {
  const at = new Date(issuedAt);
  if (Number.isNaN(at.getTime())) return '';
  let f: Intl.DateTimeFormat;
  try {
    f = formatter(timeZone);
  } catch {
    // An unknown zone name must not stop a ticket from printing; the hub validates zones.
    f = formatter('UTC');
  }
  const parts = Object.fromEntries(f.formatToParts(at).map((p) => [p.type, p.value]));
  // A visible separator: SVG collapses spaces, and two digit runs side by side would read as one.
  // With Arabic-Indic digits a middle dot looks like a zero (٠), so the Arabic comma separates.
  const sep = digits === 'arab' ? '، ' : ' · ';
  return localDigits(`${parts.day}/${parts.month}/${parts.year}${sep}${parts.hour}:${parts.minute}`, digits);
}
