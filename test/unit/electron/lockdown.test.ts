import { describe, expect, it } from 'vitest';
import { applyLockdown, isBlockedKey, isMaintenanceChord } from '../../../electron/main/lockdown.ts';
import type { KeyInput } from '../../../electron/main/electron-facade.ts';
import { FakeElectron, fakeLog, type FakeWindow } from './fake-electron.ts';

const key = (k: Partial<KeyInput> & { key: string }): KeyInput => ({ type: 'keyDown', code: '', control: false, alt: false, shift: false, meta: false, ...k });

const SHORTCUTS: [string, Partial<KeyInput> & { key: string }][] = [
  ['reload (F5)', { key: 'F5' }],
  ['reload (Ctrl+R)', { key: 'r', control: true }],
  ['hard reload (Ctrl+Shift+R)', { key: 'R', control: true, shift: true }],
  ['DevTools (F12)', { key: 'F12' }],
  ['DevTools (Ctrl+Shift+I)', { key: 'I', control: true, shift: true }],
  ['zoom in (Ctrl+=)', { key: '=', control: true }],
  ['zoom out (Ctrl+-)', { key: '-', control: true }],
  ['zoom reset (Ctrl+0)', { key: '0', control: true }],
  ['quit (Ctrl+Q)', { key: 'q', control: true }],
  ['close (Ctrl+W)', { key: 'w', control: true }],
  ['close (Alt+F4)', { key: 'F4', alt: true }],
  ['quit (Cmd+Q)', { key: 'q', meta: true }],
  ['back (Alt+Left)', { key: 'ArrowLeft', alt: true }],
  ['print (Ctrl+P)', { key: 'p', control: true }],
  ['full screen (F11)', { key: 'F11' }],
  ['browser back key', { key: 'BrowserBack' }],
];

describe('kiosk lockdown', () => {
  it.each(SHORTCUTS)('blocks %s', (_label, input) => {
    expect(isBlockedKey(key(input))).toBe(true);
  });

  it('lets plain typing through', () => {
    for (const k of ['a', 'ب', '5', 'Enter', 'Backspace', 'Tab', 'ArrowDown', 'Escape']) expect(isBlockedKey(key({ key: k }))).toBe(false);
  });

  it('recognises only Ctrl+Alt+Shift+M as the maintenance chord', () => {
    expect(isMaintenanceChord(key({ key: 'M', code: 'KeyM', control: true, alt: true, shift: true }))).toBe(true);
    expect(isMaintenanceChord(key({ key: 'M', code: 'KeyM', control: true, shift: true }))).toBe(false);
    expect(isMaintenanceChord(key({ key: 'M', code: 'KeyM', control: true, alt: true, shift: true, type: 'keyUp' }))).toBe(false);
  });

  function locked() {
    const electron = new FakeElectron();
    const window = electron.createWindow({}) as FakeWindow;
    let unlocked = false;
    const chords: unknown[] = [];
    applyLockdown(window, { isUnlocked: () => unlocked, onMaintenanceChord: (w) => chords.push(w), log: fakeLog() });
    return { window, chords, unlock: () => { unlocked = true; } };
  }

  it('swallows the shortcuts on the window and opens maintenance on the chord', () => {
    const { window, chords } = locked();
    expect(window.webContents.press({ key: 'r', control: true })).toBe(true);
    expect(window.webContents.press({ key: 'a' })).toBe(false);
    expect(window.webContents.press({ key: 'M', code: 'KeyM', control: true, alt: true, shift: true })).toBe(true);
    expect(chords).toEqual([window]);
  });

  it('pins zoom: no pinch zoom, and a zoom change snaps back', () => {
    const { window } = locked();
    expect(window.webContents.zoomLimits).toEqual([1, 1]);
    window.webContents.zoomFactor = 1.5;
    window.webContents.emitPlain('zoom-changed');
    expect(window.webContents.zoomFactor).toBe(1);
  });

  it('refuses to close until unlocked by the maintenance PIN', () => {
    const { window, unlock } = locked();
    window.close();
    expect(window.destroyed).toBe(false);
    unlock();
    expect(window.webContents.press({ key: 'r', control: true })).toBe(false);
    window.close();
    expect(window.destroyed).toBe(true);
  });
});
