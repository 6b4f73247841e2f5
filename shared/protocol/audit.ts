// Every action the hub writes to its audit log, by name: the hub can record no other (the type),
// and the audit screen words each in both languages (renderer/i18n: audit.actions.<name with _>;
// a unit test holds the two together).
export const TICKET_VERBS = ['call', 'recall', 'start', 'complete', 'no-show', 'transfer', 'park', 'cancel'] as const;

export const AUDIT_ACTIONS = [
  'login', 'logout', 'login.failed', 'password.changed',
  'staff.created', 'staff.updated', 'staff.password-reset', 'staff.sessions-ended', 'staff.unlocked',
  'device.pairing-code', 'device.paired', 'device.revoked',
  'settings.saved', 'service.saved', 'counter.saved', 'booking-rule.saved', 'booking-settings.saved', 'notify-settings.saved',
  ...TICKET_VERBS.map((v) => `ticket.${v}` as const), 'ticket.leave',
  'dashboard.counter-opened', 'dashboard.counter-closed', 'dashboard.ticket-cancelled', 'dashboard.ticket-moved',
  'appointment.moved', 'appointment.cancelled',
  'feedback.assigned', 'feedback.answered', 'feedback.closed', 'feedback.reopened',
  'voice.settings', 'voice.pack-created', 'voice.clip', 'voice.display-sound',
  'report.mark', 'central.enrolled', 'backup.schedule', 'backup.made', 'backup.failed',
  'monitoring-token.created', 'monitoring-token.revoked',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/** The key of an action's words: `ticket.no-show` → `audit.actions.ticket_no-show`. */
export const auditActionKey = (action: string): string => `audit.actions.${action.replace(/\./g, '_')}`;
