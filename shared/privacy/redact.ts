// Redaction of ID-shaped text for log lines (brief §8): the one string rule both the hub's and
// the devices' loggers apply to every message and field value. Pure, so any layer may use it.
//  - MRZ-like text: runs of A–Z, 0–9 and the filler `<` (or `_`, which some readers send for
//    `<`) of 10+ characters holding a filler; shorter runs holding `<<` (a name separator);
//    and runs of 25+ of A–Z, 0–9, `<` (a whole MRZ line) → `[mrz]`
//  - any run of 6+ digits (ID numbers, phone numbers) → `[redacted]`

const MRZ_RUN = /[A-Z0-9<_]*[<_][A-Z0-9<_]*/g;
const MRZ_MIN = 10;
const MRZ_SHAPED = /[A-Z0-9<]{2,}<<[A-Z0-9<]*|[A-Z0-9<]{25,}/g;
const DIGIT_RUN = /\d{6,}/g;

export function redactIdShaped(text: string): string {
  return text
    .replace(MRZ_RUN, (m) => (m.length >= MRZ_MIN ? '[mrz]' : m))
    .replace(MRZ_SHAPED, '[mrz]')
    .replace(DIGIT_RUN, '[redacted]');
}
