// A station's device report in the screen's language (the dashboard's devices, the Voice tab).
import type { TFunction } from 'i18next';

/**
 * What a display says of its sound and voice, in the screen's language (the details are codes):
 * the hall's packs it speaks with, only the browser's voice, none, muted, or blocked until a tap.
 */
export function deviceDetail(t: TFunction, d: { device: string; state: string; detail?: string | undefined }): string | undefined {
  if (!d.detail) return undefined;
  if (d.device === 'voice') {
    if (d.detail.startsWith('pack:')) return t('voiceHealth.packs', { packs: d.detail.slice(5).split(',').join(' · ') });
    return t(`voiceHealth.${d.detail === 'none' ? 'none' : 'browser'}`);
  }
  if (d.device === 'audio') return t(`voiceHealth.${d.detail === 'muted' ? 'muted' : d.state === 'error' ? 'locked' : 'off'}`);
  return d.detail;
}

