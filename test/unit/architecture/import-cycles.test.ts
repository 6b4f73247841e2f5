// Brief §3: no import cycles, type-only imports included. Every relative import of every .ts/.tsx
// file under shared/, electron/ and renderer/ is an edge — `import`, `import type`, `export … from`,
// `export type … from`, dynamic `import('…')` and `typeof import('…')` alike — and any strongly
// connected component of two or more files (or a file importing itself) fails the test, listed.
// The synthetic cases prove the check bites, so the real tree's "none" is not vacuous.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const LAYERS = ['shared', 'electron', 'renderer'];

type Graph = Map<string, string[]>;

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules') continue;
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) out.push(...sourceFiles(full));
    else if (/\.tsx?$/.test(name)) out.push(full);
  }
  return out;
}

/** Every module specifier a file names: static, type-only, re-exports, dynamic and `import()` types. */
function specifiers(text: string): string[] {
  const info = ts.preProcessFile(text, true, true);
  return [...info.importedFiles, ...info.referencedFiles].map((f) => f.fileName);
}

/** The graph of relative imports among `files` (path → text); edges to files outside are dropped. */
function importGraph(files: Map<string, string>): Graph {
  const graph: Graph = new Map();
  for (const [file, text] of files) {
    const targets = new Set<string>();
    for (const spec of specifiers(text)) {
      if (!spec.startsWith('.')) continue;
      const base = path.resolve(path.dirname(file), spec);
      const candidates = [base, base.replace(/\.js$/, '.ts'), base.replace(/\.jsx$/, '.tsx'), `${base}.ts`, `${base}.tsx`, path.join(base, 'index.ts'), path.join(base, 'index.tsx')];
      const hit = candidates.find((c) => files.has(c));
      if (hit) targets.add(hit);
    }
    graph.set(file, [...targets]);
  }
  return graph;
}

/** Tarjan's strongly connected components; returns those that are cycles (size > 1 or a self-import). */
function cycles(graph: Graph): string[][] {
  let counter = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const found: string[][] = [];
  const visit = (v: string): void => {
    index.set(v, counter);
    low.set(v, counter);
    counter++;
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) {
        low.set(v, Math.min(low.get(v)!, index.get(w)!));
      }
    }
    if (low.get(v) === index.get(v)) {
      const scc: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        scc.push(w);
      } while (w !== v);
      if (scc.length > 1 || (graph.get(v) ?? []).includes(v)) found.push(scc.sort());
    }
  };
  for (const v of graph.keys()) if (!index.has(v)) visit(v);
  return found;
}

function describeCycles(found: string[][], base: string): string[] {
  return found.map((scc) => scc.map((f) => path.relative(base, f).split(path.sep).join('/')).join(' ⇄ '));
}

describe('import cycles', () => {
  it('finds a cycle made of type-only imports, re-exports and dynamic imports (the check bites)', () => {
    const at = (name: string): string => path.join('/x', name);
    const files = new Map([
      [at('state.ts'), "import { nextUp } from './routing.ts';\nexport type HallState = { n: number };"],
      [at('routing.ts'), "import type { HallState } from './state.ts';\nexport const nextUp = (s: HallState) => s.n;"],
      [at('a.ts'), "export { b } from './b.ts';"],
      [at('b.ts'), "export type { C } from './c.ts';\nexport const b = 1;"],
      [at('c.ts'), "export type C = typeof import('./a.ts');"],
      [at('d.ts'), "const later = () => import('./e.ts');\nexport { later };"],
      [at('e.ts'), "import './d.ts';"],
      [at('self.ts'), "import type { X } from './self.ts';\nexport type X = 1;"],
      [at('leaf.ts'), "import { b } from './a.ts';\nimport { z } from 'zod';\nexport { b, z };"],
    ]);
    expect(describeCycles(cycles(importGraph(files)), '/x').sort()).toEqual(['a.ts ⇄ b.ts ⇄ c.ts', 'd.ts ⇄ e.ts', 'routing.ts ⇄ state.ts', 'self.ts']);
  });

  it('reports nothing for a graph without cycles', () => {
    const graph: Graph = new Map([['a', ['b', 'c']], ['b', ['c']], ['c', []]]);
    expect(cycles(graph)).toEqual([]);
  });

  it(`finds none among the .ts/.tsx files of ${LAYERS.join('/, ')}/`, () => {
    const files = new Map<string, string>();
    for (const layer of LAYERS) for (const file of sourceFiles(path.join(root, layer))) files.set(file, readFileSync(file, 'utf8'));
    expect(files.size).toBeGreaterThan(100);
    const graph = importGraph(files);
    expect([...graph.values()].reduce((n, edges) => n + edges.length, 0)).toBeGreaterThan(files.size);
    expect(describeCycles(cycles(graph), root)).toEqual([]);
  });
});
