import { describe, expect, it } from 'vitest';
import { appSurfaceOf, isTrustedAppUrl } from '../../../electron/main/trusted-url.ts';

describe('trusted app URLs', () => {
  it('accepts the renderer and the station pages on the app scheme', () => {
    expect(appSurfaceOf('app://dawr/kiosk')).toBe('renderer');
    expect(appSurfaceOf('app://dawr/assets/index-abc.js')).toBe('renderer');
    expect(appSurfaceOf('app://station/first-run/index.html')).toBe('station-page');
  });

  it.each([
    'https://dawr/kiosk',
    'http://192.168.1.10:4700/kiosk',
    'file:///etc/passwd',
    'app://dawr.evil.example/',
    'app://evil.example/dawr',
    'app://user:pw@dawr/',
    'app://dawr@evil/',
    'app://dawr:8080/',
    'javascript:alert(1)',
    'not a url',
    '',
  ])('refuses %s', (url) => {
    expect(isTrustedAppUrl(url)).toBe(false);
  });
});
