// A day in the address (?from=, ?to=) is taken only when it is one; the presets are shared with
// central, which computes them ahead (shared/reports/periods.ts).
export const isDay = (s: string | null): s is string => s !== null && /^\d{4}-\d{2}-\d{2}$/.test(s) && !Number.isNaN(Date.parse(`${s}T00:00:00Z`));
