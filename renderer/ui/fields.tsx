// Fields for a number, a day and a time in the screen's digits (the browser's own date, time and
// number inputs show Western digits and, for a date, the order of the browser's locale —
// month/day on most hall PCs). Each is a text field that shows its value in the hall's digits
// (a day as day/month/year), reads what is typed in either digit system (and a day also as
// YYYY-MM-DD), and passes a value on only when it is whole and valid; until then the field says
// what it expects. Arrow keys step a number, a day or a time.
import { type InputHTMLAttributes, useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../i18n/use-format.ts';
import { textDigits } from '../../shared/i18n/format.ts';

type Base = Omit<InputHTMLAttributes<HTMLInputElement>, 'value' | 'onChange' | 'type' | 'min' | 'max' | 'step'>;

/** Western digits for Arabic-Indic (٠–٩) and Eastern Arabic-Indic (۰–۹) ones; Arabic separators as Western. */
export function westernDigits(s: string): string {
  return s
    .replace(/[\u0660-\u0669]/g, (d) => String(d.charCodeAt(0) - 0x0660))
    .replace(/[\u06f0-\u06f9]/g, (d) => String(d.charCodeAt(0) - 0x06f0))
    .replace(/[\u066b,]/g, '.')
    .replace(/\u066c/g, '');
}

function useDigits() {
  const f = useFormat();
  const arab = f.lang === 'ar' && f.digits === 'arab';
  // The Arabic decimal separator with Arabic-Indic digits (٣٫٥).
  const show = (s: string) => (arab ? textDigits(s, f).replace(/\./g, '\u066b') : s);
  return { show, lang: f.lang };
}

/** A text field whose text follows `shown` unless being typed in; `parse` answers a value or why not. */
function TextField<T>({ value, onChange, shown, parse, step: stepBy, hint, ...rest }: Base & {
  value: T;
  onChange: (v: T) => void;
  shown: (v: T) => string;
  parse: (text: string) => T | undefined;
  step?: (v: T, by: number) => T | undefined;
  hint: string;
}) {
  const [text, setText] = useState(() => shown(value));
  const [editing, setEditing] = useState(false);
  const [bad, setBad] = useState(false);
  const hintId = useId();
  useEffect(() => {
    if (!editing) {
      setText(shown(value));
      setBad(false);
    }
  }, [value, shown, editing]);
  const take = (t: string) => {
    setText(t);
    const v = parse(westernDigits(t).trim());
    setBad(v === undefined && t.trim() !== '');
    if (v !== undefined) onChange(v);
  };
  return (
    <>
      <input
        {...rest}
        type="text"
        value={text}
        // The value itself (an ISO day, a number), for scripts and tests: the text is in the screen's digits.
        data-value={String(value)}
        aria-invalid={bad || undefined}
        aria-describedby={bad ? hintId : rest['aria-describedby']}
        onFocus={(e) => { setEditing(true); rest.onFocus?.(e); }}
        onBlur={(e) => { setEditing(false); rest.onBlur?.(e); }}
        onChange={(e) => take(e.target.value)}
        onKeyDown={(e) => {
          if (stepBy && (e.key === 'ArrowUp' || e.key === 'ArrowDown')) {
            const next = stepBy(value, e.key === 'ArrowUp' ? 1 : -1);
            if (next !== undefined) {
              e.preventDefault();
              onChange(next);
              setText(shown(next));
              setBad(false);
            }
          }
          rest.onKeyDown?.(e);
        }}
      />
      {bad && <span id={hintId} className="field-hint bad" role="status">{hint}</span>}
    </>
  );
}

/** A number in the screen's digits; `step` with a fraction allows decimals. */
export function NumberField({ value, onChange, min, max, step = 1, ...rest }: Base & { value: number; onChange: (v: number) => void; min?: number; max?: number; step?: number }) {
  const { t } = useTranslation();
  const { show } = useDigits();
  const decimals = String(step).split('.')[1]?.length ?? 0;
  const inRange = (n: number) => (min === undefined || n >= min) && (max === undefined || n <= max);
  return (
    <TextField<number>
      {...rest}
      inputMode={decimals ? 'decimal' : 'numeric'}
      value={value}
      onChange={onChange}
      shown={(v) => show(Number.isFinite(v) ? String(Number(v.toFixed(Math.max(decimals, 2)))) : '')}
      parse={(s) => {
        if (!(decimals ? /^-?\d+(\.\d+)?$/ : /^-?\d+$/).test(s)) return undefined;
        const n = Number(s);
        return inRange(n) ? n : undefined;
      }}
      step={(v, by) => {
        const n = Number((v + by * step).toFixed(decimals));
        return inRange(n) ? n : undefined;
      }}
      hint={min !== undefined && max !== undefined ? t('fields.numberRange', { min: show(String(min)), max: show(String(max)) }) : t('fields.number')}
    />
  );
}

const pad = (n: number) => String(n).padStart(2, '0');
const isoDay = (d: Date) => `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;

/** A calendar day `YYYY-MM-DD`, shown and typed day/month/year. */
export function DateField({ value, onChange, min, max, ...rest }: Base & { value: string; onChange: (v: string) => void; min?: string; max?: string }) {
  const { t } = useTranslation();
  const { show } = useDigits();
  const valid = (iso: string) => (!min || iso >= min) && (!max || iso <= max);
  const parse = (s: string): string | undefined => {
    let y: number, m: number, d: number;
    const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(s);
    const dmy = /^(\d{1,2})[/.\-\s](\d{1,2})[/.\-\s](\d{4})$/.exec(s);
    if (iso) [y, m, d] = [Number(iso[1]), Number(iso[2]), Number(iso[3])];
    else if (dmy) [d, m, y] = [Number(dmy[1]), Number(dmy[2]), Number(dmy[3])];
    else return undefined;
    const date = new Date(Date.UTC(y, m - 1, d));
    if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return undefined;
    const out = isoDay(date);
    return valid(out) ? out : undefined;
  };
  return (
    <TextField<string>
      {...rest}
      inputMode="numeric"
      placeholder={t('fields.datePlaceholder')}
      value={value}
      onChange={onChange}
      shown={(v) => {
        const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(v);
        return m ? show(`${m[3]}/${m[2]}/${m[1]}`) : '';
      }}
      parse={parse}
      step={(v, by) => {
        const d = new Date(`${v}T00:00:00Z`);
        if (Number.isNaN(d.getTime())) return undefined;
        d.setUTCDate(d.getUTCDate() + by);
        const out = isoDay(d);
        return valid(out) ? out : undefined;
      }}
      hint={t('fields.date', { example: show('07/12/2026') })}
    />
  );
}

/** A time of day `HH:MM` (00:00–23:59), in the screen's digits. */
export function TimeField({ value, onChange, ...rest }: Base & { value: string; onChange: (v: string) => void }) {
  const { t } = useTranslation();
  const { show } = useDigits();
  return (
    <TextField<string>
      {...rest}
      inputMode="numeric"
      placeholder={show('08:00')}
      value={value}
      onChange={onChange}
      shown={(v) => show(v)}
      parse={(s) => {
        const m = /^(\d{1,2})[:.٫](\d{2})$/.exec(s);
        if (!m || Number(m[1]) > 23 || Number(m[2]) > 59) return undefined;
        return `${pad(Number(m[1]))}:${m[2]}`;
      }}
      step={(v, by) => {
        const m = /^(\d{2}):(\d{2})$/.exec(v);
        if (!m) return undefined;
        const total = (Number(m[1]) * 60 + Number(m[2]) + by * 5 + 1440) % 1440;
        return `${pad(Math.floor(total / 60))}:${pad(total % 60)}`;
      }}
      hint={t('fields.time', { from: show('00:00'), to: show('23:59') })}
    />
  );
}
