import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { AUDIT_ACTIONS, auditActionKey } from '../../../shared/protocol/audit.ts';

type Tree = { [k: string]: string | Tree };
const load = (lang: string) => JSON.parse(readFileSync(new URL(`../../../renderer/i18n/${lang}.json`, import.meta.url), 'utf8')) as Tree;
const plural = /_(zero|one|two|few|many|other)$/;

function flatten(t: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [k, v] of Object.entries(t)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (typeof v === 'string') out.set(key, v);
    else for (const [kk, vv] of flatten(v, key)) out.set(kk, vv);
  }
  return out;
}
const base = (keys: Iterable<string>) => new Set([...keys].map((k) => k.replace(plural, '')));

describe('message catalogues', () => {
  const ar = flatten(load('ar'));
  const en = flatten(load('en'));

  it('have the same keys in Arabic and English (plural forms aside)', () => {
    expect([...base(ar.keys())].sort()).toEqual([...base(en.keys())].sort());
  });

  it('have no empty message', () => {
    for (const [k, v] of [...ar, ...en]) expect(v.trim(), k).not.toBe('');
  });

  it('give every Arabic plural all six forms and every English plural one and other', () => {
    const arPlurals = base([...ar.keys()].filter((k) => plural.test(k)));
    for (const k of arPlurals) for (const f of ['zero', 'one', 'two', 'few', 'many', 'other']) expect(ar.has(`${k}_${f}`), `${k}_${f}`).toBe(true);
    const enPlurals = base([...en.keys()].filter((k) => plural.test(k)));
    for (const k of enPlurals) for (const f of ['one', 'other']) expect(en.has(`${k}_${f}`), `${k}_${f}`).toBe(true);
    expect([...arPlurals].sort()).toEqual([...enPlurals].sort());
  });

  it('use the same interpolation variables in both languages', () => {
    const vars = (s: string) => [...s.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();
    for (const [k, v] of en) {
      if (plural.test(k)) continue;
      expect(vars(ar.get(k) ?? ''), k).toEqual(vars(v));
    }
  });

  it('word every action the hub can write to its audit log, in both languages (no raw key on the audit screen)', () => {
    for (const action of AUDIT_ACTIONS) {
      const key = auditActionKey(action);
      expect(ar.get(key), `${action} in Arabic`).toMatch(/[\u0600-\u06FF]/);
      expect(en.get(key), `${action} in English`).toBeTruthy();
    }
  });
});
