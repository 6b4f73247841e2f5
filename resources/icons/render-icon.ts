// Renders icon.svg to the 512×512 PNG electron-builder packs (Linux and the Windows installer).
//   ./dawr node resources/icons/render-icon.ts
import { readFileSync, writeFileSync } from 'node:fs';
import { Resvg } from '@resvg/resvg-js';

const dir = new URL('.', import.meta.url);
const png = new Resvg(readFileSync(new URL('icon.svg', dir), 'utf8'), { fitTo: { mode: 'width', value: 512 } }).render().asPng();
writeFileSync(new URL('icon.png', dir), png);
console.log(`icon.png: ${png.length} bytes`);
