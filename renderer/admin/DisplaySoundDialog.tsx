// A hall display's sound, set from admin (Devices): its volume, and the hours it shows calls
// without speaking them (prayer times, a meeting in the hall, the night) in the hall's time zone.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useHub } from '../shell/app-context.tsx';
import { DEFAULT_DISPLAY_SOUND, type DisplaySound } from '../../shared/protocol/voice.ts';
import { FormDialog } from '../ui/FormDialog.tsx';
import { useFormat } from '../i18n/use-format.ts';
import { errorText } from './use-admin-list.ts';
import { TimeField } from '../ui/fields.tsx';

export function DisplaySoundDialog({ display, onClose, onSaved }: { display: { id: string; name: string } | null; onClose: () => void; onSaved: (name: string) => void }) {
  const { t } = useTranslation();
  const hub = useHub();
  const f = useFormat();
  const [sound, setSound] = useState<DisplaySound>(DEFAULT_DISPLAY_SOUND);
  const [err, setErr] = useState<string | null>(null);
  const path = display ? `/api/v1/admin/displays/${encodeURIComponent(display.id)}/sound` : '';
  const load = () => {
    setErr(null);
    setSound(DEFAULT_DISPLAY_SOUND);
    if (path) void hub.get<DisplaySound>(path).then(setSound).catch((e: unknown) => setErr(errorText(e)));
  };
  const save = async () => {
    if (!display) return;
    try {
      await hub.request('PUT', path, sound);
      onSaved(display.name);
    } catch (e) {
      setErr(errorText(e));
    }
  };
  const setRange = (i: number, k: 'from' | 'to', v: string) => setSound({ ...sound, quiet: sound.quiet.map((q, j) => (j === i ? { ...q, [k]: v } : q)) });
  return (
    <FormDialog open={display !== null} id="display-sound" title={t('displaySoundAdmin.title', { name: display?.name ?? '' })} submitLabel={t('admin.save')} onOpen={load} onClose={onClose} onSubmit={() => void save()}>
      <label>
        {t('displaySoundAdmin.volume')} <strong data-testid="display-sound-volume-value">{t('displaySoundAdmin.percent', { n: f.n(sound.volume) })}</strong>
        <input type="range" min={0} max={100} step={5} value={sound.volume} onChange={(e) => setSound({ ...sound, volume: Number(e.target.value) })} data-testid="display-sound-volume" />
      </label>
      <fieldset className="quiet-hours">
        <legend>{t('displaySoundAdmin.quiet')}</legend>
        <p className="muted">{t('displaySoundAdmin.quietHint')}</p>
        {sound.quiet.map((q, i) => (
          <div className="row" key={i} data-testid={`quiet-${i}`}>
            <label>{t('displaySoundAdmin.from')} <TimeField value={q.from} onChange={(v) => setRange(i, 'from', v)} required data-testid={`quiet-${i}-from`} /></label>
            <label>{t('displaySoundAdmin.to')} <TimeField value={q.to} onChange={(v) => setRange(i, 'to', v)} required data-testid={`quiet-${i}-to`} /></label>
            <button type="button" className="btn" onClick={() => setSound({ ...sound, quiet: sound.quiet.filter((_, j) => j !== i) })} aria-label={`${t('displaySoundAdmin.remove')} ${q.from}–${q.to}`}>{t('displaySoundAdmin.remove')}</button>
          </div>
        ))}
        {sound.quiet.length < 6 && <button type="button" className="btn" onClick={() => setSound({ ...sound, quiet: [...sound.quiet, { from: '12:00', to: '12:30' }] })} data-testid="quiet-add">{t('displaySoundAdmin.add')}</button>}
      </fieldset>
      {err && <p className="error" role="alert">{err}</p>}
    </FormDialog>
  );
}
