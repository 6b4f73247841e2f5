// Central's refusals worded in the screen's language from their code: the server's own message
// is English and meant for developers, so it never reaches an Arabic (or English) screen.
import type { TFunction } from 'i18next';
import { CentralError } from '../central-client.ts';

const KNOWN = ['unauthorized', 'forbidden', 'not_found', 'invalid_input', 'rate_limited', 'network', 'internal', 'unavailable', 'bad_response'];

export function centralErrorCode(err: unknown): string {
  return err instanceof CentralError ? err.code : 'unknown';
}

export function centralErrorText(t: TFunction, err: unknown): string {
  const code = centralErrorCode(err);
  return KNOWN.includes(code) ? t(`central.errors.${code}`) : t('central.errors.unknown', { code });
}
