// A rolldown plugin for bundles of our Node code: each module's `import.meta.url` becomes its source
// file's URL, relative to the bundle, so a path a module finds beside itself
// (`new URL('../../package.json', import.meta.url)`) means in the bundle what it means in the
// sources. Modules listed in `except` keep the bundle's own URL (the store's database module finds
// its worker beside the bundle).
import { relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

export function sourceUrls(bundleDir: string, except: string[] = []) {
  return {
    name: 'dawr-source-urls',
    transform(code: string, id: string) {
      if (!id.startsWith(root) || id.includes('/node_modules/') || except.some((e) => id.endsWith(e)) || !code.includes('import.meta.url')) return null;
      return { code: code.replaceAll('import.meta.url', `new URL(${JSON.stringify(relative(bundleDir, id))}, import.meta.url).href`) };
    },
  };
}
