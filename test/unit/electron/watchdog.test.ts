import { describe, expect, it } from 'vitest';
import { createWatchdog } from '../../../electron/main/watchdog.ts';
import { FakeElectron, fakeLog, type FakeWindow } from './fake-electron.ts';

function setup() {
  const electron = new FakeElectron();
  const log = fakeLog();
  let now = 1_000_000;
  const watchdog = createWatchdog({ app: electron.app, log, now: () => now });
  const window = electron.createWindow({}) as FakeWindow;
  watchdog.watch(window, 'kiosk');
  const crash = (reason = 'crashed') => window.webContents.emitPlain('render-process-gone', {}, { reason, exitCode: 139 });
  return { electron, log, window, crash, advance: (ms: number) => { now += ms; } };
}

describe('renderer watchdog', () => {
  it('reloads a screen whose renderer crashed, and logs why', () => {
    const { window, crash, electron, log } = setup();
    crash('oom');
    expect(window.webContents.reloads).toBe(1);
    expect(electron.calls).toEqual([]);
    expect(log.entries[0]).toMatchObject({ level: 'error', fields: { screen: 'kiosk', reason: 'oom' } });
  });

  it('reloads a screen that stopped responding', () => {
    const { window } = setup();
    window.webContents.emitPlain('unresponsive');
    expect(window.webContents.reloads).toBe(1);
  });

  it('relaunches the app on the third failure within 60 s', () => {
    const { window, crash, electron, advance } = setup();
    crash();
    advance(20_000);
    crash();
    advance(20_000);
    crash();
    expect(window.webContents.reloads).toBe(2);
    expect(electron.calls).toEqual(['relaunch', 'exit 0']);
    crash();
    expect(electron.calls).toEqual(['relaunch', 'exit 0']);
  });

  it('keeps reloading when the failures are far apart', () => {
    const { window, crash, electron, advance } = setup();
    for (let i = 0; i < 5; i++) {
      crash();
      advance(35_000);
    }
    expect(window.webContents.reloads).toBe(5);
    expect(electron.calls).toEqual([]);
  });

  it('ignores a clean exit (the window was closed)', () => {
    const { window, crash } = setup();
    crash('clean-exit');
    expect(window.webContents.reloads).toBe(0);
  });
});
