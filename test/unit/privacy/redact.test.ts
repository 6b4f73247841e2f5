// The one redaction rule of the hub's and the devices' loggers: it keeps everything each of the
// two former rules caught.
import { describe, expect, it } from 'vitest';
import { redactIdShaped } from '../../../shared/privacy/redact.ts';

describe('redactIdShaped', () => {
  it('hides digit runs of six or more, and keeps ordinary text', () => {
    expect(redactIdShaped('phone 0944123456, id 01234567891')).toBe('phone [redacted], id [redacted]');
    expect(redactIdShaped('port 9100, ticket A-042, 2025-03-12T06:41:00Z')).toBe('port 9100, ticket A-042, 2025-03-12T06:41:00Z');
  });

  it('hides MRZ-like runs with < or _ fillers', () => {
    expect(redactIdShaped('line P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<')).toBe('line [mrz]');
    expect(redactIdShaped('I_UTOD231458907_______________')).toBe('[mrz]');
  });

  it('hides short name separators and whole MRZ lines without fillers (the hub\'s former rule)', () => {
    expect(redactIdShaped('name AB<<C')).toBe('name [mrz]');
    expect(redactIdShaped('L898902C36UTO7408122F1204159ZE184226B')).toBe('[mrz]');
  });
});
