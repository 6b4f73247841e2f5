// The hall settings (shared/protocol/settings.ts) are kept as two parts of the hall state: the
// branch every screen gets (name, address, hours, digits, kiosk reset) and the engine's config
// (routing, recall limit, retention). These turn one into the other, both ways.
import type { Branch } from '../protocol/entities.ts';
import { DEFAULT_OPENING_HOURS } from '../protocol/opening-hours.ts';
import type { HallSettings } from '../protocol/settings.ts';
import type { HallConfig } from './hall-state.ts';

export const DEFAULT_KIOSK_RESET_SECONDS = 15;

export function settingsOf(branch: Branch, config: HallConfig): HallSettings {
  return {
    name: branch.name,
    address: branch.address ?? { ar: '', en: '' },
    timeZone: branch.timeZone,
    hours: branch.hours ?? DEFAULT_OPENING_HOURS,
    digits: branch.digits ?? 'arab',
    kioskResetSeconds: branch.kioskResetSeconds ?? DEFAULT_KIOSK_RESET_SECONDS,
    routing: { priorityFactor: config.routing.priorityFactor, overdueFactor: config.routing.overdueFactor },
    recallLimit: config.recallLimit,
    retention: { personalDataDays: config.retentionDays, unusedAppointmentDays: config.unusedAppointmentDays },
    complaints: { answerWithinWorkingDays: config.feedbackDeadlineDays },
  };
}

export function branchWith(branch: Branch, s: HallSettings): Branch {
  return { id: branch.id, name: s.name, timeZone: s.timeZone, address: s.address, hours: s.hours, digits: s.digits, kioskResetSeconds: s.kioskResetSeconds };
}

export function configWith(config: HallConfig, s: HallSettings): HallConfig {
  return { ...config, routing: { ...config.routing, ...s.routing }, recallLimit: s.recallLimit, retentionDays: s.retention.personalDataDays,
    // Settings saved before it existed do not carry it: the config keeps what it had.
    unusedAppointmentDays: s.retention.unusedAppointmentDays ?? config.unusedAppointmentDays,
    feedbackDeadlineDays: s.complaints?.answerWithinWorkingDays ?? config.feedbackDeadlineDays };
}
