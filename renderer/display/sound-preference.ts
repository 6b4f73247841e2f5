// The hall display's sound, remembered on the device (localStorage): 'on' once someone enabled
// the announcements, 'off' once someone chose to keep this screen silent (a second screen in the
// same hall, a screen without speakers) — then it never asks again. Nothing stored: it asks.
export type SoundPreference = 'on' | 'off' | null;

const key = 'dawr.display.sound';

export function soundPreference(): SoundPreference {
  try {
    const v = localStorage.getItem(key);
    return v === 'on' || v === 'off' ? v : null;
  } catch {
    return null;
  }
}

export function rememberSound(v: 'on' | 'off'): void {
  try {
    localStorage.setItem(key, v);
  } catch {
    // A browser that keeps nothing: it asks again next time.
  }
}
