// The hall's voice: the packs, the one speaking each language, the clips a hall pack still lacks,
// and a clip uploaded from any audio file the browser can decode (converted here to mono WAV and
// checked with the hub's own rule: not longer than 5 s, not silent).
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useHub } from '../shell/app-context.tsx';
import type { VoicePacksResponse } from '../../shared/protocol/voice.ts';
import { MAX_CLIP_MS } from '../../shared/voice/manifest.ts';
import { clipProblem, encodeWav, normalise, trimSilence } from '../../shared/voice/wav.ts';
import { errorText } from './use-admin-list.ts';

async function toWav(file: Blob): Promise<{ wav: Uint8Array<ArrayBuffer> } | { problem: { ar: string; en: string } }> {
  const ctx = new AudioContext();
  try {
    const audio = await ctx.decodeAudioData(await file.arrayBuffer()).catch(() => null);
    if (!audio) return { problem: { ar: 'الملف ليس ملفًا صوتيًا يمكن قراءته.', en: 'The file is not audio this browser can read.' } };
    const pcm = normalise(trimSilence({ sampleRate: audio.sampleRate, samples: audio.getChannelData(0).slice() }));
    const problem = clipProblem(pcm, MAX_CLIP_MS);
    return problem ? { problem } : { wav: encodeWav(pcm) };
  } finally {
    void ctx.close();
  }
}

export function VoiceAdmin() {
  const { t, i18n } = useTranslation();
  const hub = useHub();
  const lang = i18n.language === 'en' ? 'en' : 'ar';
  const [data, setData] = useState<VoicePacksResponse | null>(null);
  const [msg, setMsg] = useState<string | null>(null);
  const reload = useCallback(() => void hub.get<VoicePacksResponse>('/api/v1/voice/packs').then(setData).catch((e: unknown) => setMsg(errorText(e))), [hub]);
  useEffect(reload, [reload]);

  const choose = async (l: 'ar' | 'en', id: string) => {
    try { await hub.post('/api/v1/voice/settings', { packs: { [l]: id } }); setMsg(t('admin.saved')); reload(); } catch (e) { setMsg(errorText(e)); }
  };
  const makePack = async (l: 'ar' | 'en') => {
    try { await hub.post('/api/v1/voice/packs', { id: `hall-${l}`, language: l, name: { ar: 'صوت القاعة', en: 'Hall voice' } }); reload(); } catch (e) { setMsg(errorText(e)); }
  };
  const upload = async (pack: string, clip: string, file: File) => {
    const r = await toWav(file);
    if ('problem' in r) return setMsg(r.problem[lang]);
    try {
      await hub.put(`/api/v1/voice/packs/${pack}/clips/${clip}`, r.wav, 'audio/wav');
      setMsg(t('admin.saved'));
      reload();
    } catch (e) { setMsg(errorText(e)); }
  };

  return (
    <div className="admin-section" data-testid="admin-voice">
      {msg && <p className="error" role="alert">{msg}</p>}
      {data?.packs.map((p) => (
        <section key={p.id} className="card" data-testid="voice-pack">
          <h3>{p.name[lang]} <span className="ltr">({p.id})</span> {p.active && <span className="badge ok">{t('admin.voiceActive')}</span>}</h3>
          <p>{t(`admin.voiceLang.${p.language}`)} · {p.voice} · {t('admin.voiceMissing', { n: p.missing.length })}</p>
          {!p.active && <button type="button" className="btn-primary" onClick={() => void choose(p.language, p.id)}>{t('admin.voiceUse')}</button>}
          {p.source === 'hall' && p.missing.length > 0 && (
            <ul className="voice-missing">
              {p.clips.filter((c) => !c.url).map((c) => (
                <li key={c.id}>
                  <span lang={p.language}>{c.text}</span>{' '}
                  <input type="file" accept="audio/*" aria-label={`${t('admin.voiceUpload')} ${c.id}`} onChange={(e) => { const f = e.target.files?.[0]; if (f) void upload(p.id, c.id, f); }} />
                </li>
              ))}
            </ul>
          )}
        </section>
      ))}
      {data && (['ar', 'en'] as const).filter((l) => !data.packs.some((p) => p.id === `hall-${l}`)).map((l) => (
        <button key={l} type="button" onClick={() => void makePack(l)}>{t('admin.voiceNewPack', { lang: t(`admin.voiceLang.${l}`) })}</button>
      ))}
    </div>
  );
}
