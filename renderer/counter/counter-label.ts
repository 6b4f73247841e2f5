// "Counter 5 · Reception", or just the name when it already says the number ("Counter 5").
import type { Counter } from '../../shared/protocol/entities.ts';

type T = (k: string, o: { n: string }) => string;
type F = { n: (x: number) => string; name: (x: { ar: string; en: string }) => string };

export function counterLabel(t: T, f: F, c: Counter): string {
  const name = f.name(c.name);
  return name.includes(String(c.number)) || name.includes(f.n(c.number)) ? name : `${t('counter.counterN', { n: f.n(c.number) })} · ${name}`;
}
