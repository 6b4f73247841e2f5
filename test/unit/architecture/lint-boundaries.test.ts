// The layer rules of brief §3 are enforced by lint: a wrong import fails `./dawr test`.
// Each case lints a one-line file placed in a layer and expects the rule to bite (or not).
import { ESLint } from 'eslint';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const eslint = new ESLint({ cwd: root });

async function errors(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: `${root}${file}` });
  return result!.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

const cases: [layer: string, code: string, allowed: boolean][] = [
  ['shared/domain/x.ts', "import { readFileSync } from 'node:fs';", false],
  ['shared/domain/x.ts', "import path from 'path';", false],
  ['shared/domain/x.ts', "import { app } from 'electron';", false],
  ['shared/domain/x.ts', "import { startHub } from '../../electron/hub/hub.ts';", false],
  ['shared/protocol/x.ts', "import { useState } from 'react';", false],
  ['shared/protocol/x.ts', "import { z } from 'zod';", true],
  ['renderer/kiosk/x.ts', "import { ipcRenderer } from 'electron';", false],
  ['renderer/kiosk/x.ts', "import { createHash } from 'node:crypto';", false],
  ['renderer/kiosk/x.ts', "import Database from 'better-sqlite3';", false],
  ['renderer/kiosk/x.ts', "import { decide } from '../../shared/domain/commands.ts';", true],
  ['electron/hub/x.ts', "import { BrowserWindow } from 'electron';", false],
  ['electron/hub/x.ts', "import Database from 'better-sqlite3';", true],
  ['electron/devices/x.ts', "import Database from 'better-sqlite3';", false],
  ['electron/devices/x.ts', "import { app } from 'electron';", false],
  ['electron/devices/x.ts', "import { SerialPort } from 'serialport';", true],
  ['electron/central/x.ts', "import { createEventStore } from '../hub/store/event-store.ts';", false],
  ['electron/central/x.ts', "import Database from 'better-sqlite3';", false],
  ['electron/central/x.ts', "import pg from 'pg';", true],
  ['electron/central/x.ts', "import { foldEvents } from '../../shared/reports/facts.ts';", true],
  ['electron/central/x.ts', "import { hashPassword } from '../node-common/passwords.ts';", true],
  ['electron/hub/x.ts', "import { startCentral } from '../central/central.ts';", false],
  ['electron/node-common/x.ts', "import { startHub } from '../hub/hub.ts';", false],
  ['electron/preload/x.ts', "import { readFileSync } from 'node:fs';", false],
  ['electron/preload/x.ts', "import { contextBridge } from 'electron';", true],
  ['electron/main/x.ts', "import { App } from '../../renderer/app.tsx';", false],
  ['electron/main/x.ts', "import { app } from 'electron';", true],
];

describe('import boundaries per layer', () => {
  for (const [file, code, allowed] of cases) {
    it(`${allowed ? 'lets' : 'stops'} ${file.split('/').slice(0, 2).join('/')} ${code.replace(/^import .* from /, 'import ')}`, async () => {
      const found = await errors(file, code);
      if (allowed) expect(found).toEqual([]);
      else expect(found.length).toBeGreaterThan(0);
    });
  }
});
