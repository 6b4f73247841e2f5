import { describe, expect, it } from 'vitest';
import { captureDeviceLogs, deviceLogger, redact } from '../../../electron/devices/log.ts';

describe('device log redaction', () => {
  it('hides digit runs of six or more', () => {
    expect(redact('national number 01234567891 read')).toBe('national number [redacted] read');
    expect(redact('port 9100, ticket A-042, 2025-03-12T06:41:00Z')).toBe('port 9100, ticket A-042, 2025-03-12T06:41:00Z');
  });

  it('hides MRZ-like text, with < or with _', () => {
    expect(redact('line P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<')).toBe('line [mrz]');
    expect(redact('I_UTOD231458907_______________')).toBe('[mrz]');
  });

  it('scrubs messages, fields, nested objects and errors of every log line', () => {
    const lines: string[] = [];
    const stop = captureDeviceLogs((l) => lines.push(l));
    try {
      const log = deviceLogger('redaction-test');
      log.warn({ doc: 'SY4417723', nested: { raw: ['7408122F1204159UTO<<<<<<<<<<<6'] }, n: 4417723 }, 'read %s', 'D231458907');
      log.error({ err: new Error('bad card 01234567891') }, 'failed');
    } finally {
      stop();
    }
    const text = lines.join('\n');
    expect(lines).toHaveLength(2);
    for (const leaked of ['4417723', '7408122', '231458907', '01234567891']) expect(text).not.toContain(leaked);
  });
});
