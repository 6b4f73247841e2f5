// The hall's voice: the packs, the one speaking each language, a call heard as the displays will
// play it, and a hall pack's clips recorded here (microphone, MediaRecorder) or uploaded from any
// audio file the browser can decode — converted here to mono WAV and checked with the hub's own
// rule (not longer than 5 s, not silent) before it is stored.
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useHub } from '../shell/app-context.tsx';
import type { VoicePackSummary, VoicePacksResponse, VoicePlan } from '../../shared/protocol/voice.ts';
import { maxClipMs } from '../../shared/voice/manifest.ts';
import { clipProblem, encodeWav, normalise, trimSilence } from '../../shared/voice/wav.ts';
import { ClipVoice } from '../display/clip-voice.ts';
import { useFormat } from '../i18n/use-format.ts';
import { errorText } from './use-admin-list.ts';
import type { LiveStats } from '../../shared/protocol/http.ts';
import { deviceDetail } from '../i18n/device-text.ts';
import { NumberField } from '../ui/fields.tsx';

type Problem = { ar: string; en: string };

async function toWav(file: Blob, clip: string): Promise<{ wav: Uint8Array<ArrayBuffer> } | { problem: Problem }> {
  const ctx = new AudioContext();
  try {
    const audio = await ctx.decodeAudioData(await file.arrayBuffer()).catch(() => null);
    if (!audio) return { problem: { ar: 'الملف ليس ملفًا صوتيًا يمكن قراءته.', en: 'The file is not audio this browser can read.' } };
    const pcm = normalise(trimSilence({ sampleRate: audio.sampleRate, samples: audio.getChannelData(0).slice() }));
    const problem = clipProblem(pcm, maxClipMs(clip));
    return problem ? { problem } : { wav: encodeWav(pcm) };
  } finally {
    void ctx.close();
  }
}

/** A recording stops by itself after this long: a clip is at most 5 s (a guide phrase 10 s) once its silences are trimmed. */
const maxRecordingMs = (clip: string) => maxClipMs(clip) + 1_500;

/** One microphone recording at a time: start, then stop (or the time limit) gives the audio. */
function useRecorder() {
  const [recording, setRecording] = useState<string | null>(null);
  const [seconds, setSeconds] = useState(0);
  const stopRef = useRef<(() => void) | null>(null);
  const record = async (clip: string): Promise<Blob | { problem: Problem }> => {
    let stream: MediaStream;
    try {
      stream = await navigator.mediaDevices.getUserMedia({ audio: { echoCancellation: false, noiseSuppression: false, autoGainControl: false } });
    } catch {
      return { problem: { ar: 'لا يمكن استخدام الميكروفون: اسمح للمتصفح به أو صِل ميكروفونًا.', en: 'The microphone cannot be used: allow it in the browser or plug one in.' } };
    }
    const rec = new MediaRecorder(stream);
    const chunks: Blob[] = [];
    rec.ondataavailable = (e) => { if (e.data.size) chunks.push(e.data); };
    const done = new Promise<Blob>((resolve) => {
      rec.onstop = () => {
        for (const track of stream.getTracks()) track.stop();
        resolve(new Blob(chunks, { type: rec.mimeType }));
      };
    });
    const limit = setTimeout(() => rec.state === 'recording' && rec.stop(), maxRecordingMs(clip));
    stopRef.current = () => rec.state === 'recording' && rec.stop();
    const began = Date.now();
    const tick = setInterval(() => setSeconds(Math.floor((Date.now() - began) / 1000)), 250);
    rec.start();
    setSeconds(0);
    setRecording(clip);
    const blob = await done;
    clearTimeout(limit);
    clearInterval(tick);
    stopRef.current = null;
    setRecording(null);
    return blob;
  };
  return { recording, seconds, record, stop: () => stopRef.current?.() };
}

export function VoiceAdmin() {
  const { t, i18n } = useTranslation();
  const hub = useHub();
  const lang = i18n.language === 'en' ? 'en' : 'ar';
  const f = useFormat();
  const [data, setData] = useState<VoicePacksResponse | null>(null);
  const [msg, setMsg] = useState<{ text: string; bad: boolean } | null>(null);
  const say = (text: string, bad = false) => setMsg({ text, bad });
  const reload = useCallback(() => void hub.get<VoicePacksResponse>('/api/v1/voice/packs').then(setData).catch((e: unknown) => setMsg({ text: errorText(e), bad: true })), [hub]);
  useEffect(reload, [reload]);
  const recorder = useRecorder();

  const choose = async (l: 'ar' | 'en', id: string) => {
    try { await hub.post('/api/v1/voice/settings', { packs: { [l]: id } }); say(t('admin.saved')); reload(); } catch (e) { say(errorText(e), true); }
  };
  const makePack = async (l: 'ar' | 'en') => {
    try { await hub.post('/api/v1/voice/packs', { id: `hall-${l}`, language: l, name: { ar: 'صوت القاعة', en: 'Hall voice' } }); reload(); } catch (e) { say(errorText(e), true); }
  };
  const store = async (pack: string, clip: string, audio: Blob) => {
    const r = await toWav(audio, clip);
    if ('problem' in r) return say(r.problem[lang], true);
    try {
      await hub.put(`/api/v1/voice/packs/${pack}/clips/${clip}`, r.wav, 'audio/wav');
      say(t('voiceAdmin.stored', { clip }));
      reload();
    } catch (e) { say(errorText(e), true); }
  };
  const recordClip = async (pack: string, clip: string) => {
    const r = await recorder.record(clip);
    if ('problem' in r) return say(r.problem[lang], true);
    await store(pack, clip, r);
  };

  return (
    <div className="admin-section" data-testid="admin-voice">
      {msg && <p className={msg.bad ? 'error' : 'admin-status'} role={msg.bad ? 'alert' : 'status'} data-testid="voice-message">{msg.text}</p>}
      <DisplaysVoice />
      <HearCall />
      {data?.packs.map((p) => (
        <section key={p.id} className="card" data-testid={`voice-pack-${p.id}`}>
          <h3>{p.name[lang]} <span className="ltr">({p.id})</span> {p.active && <span className="badge ok">{t('admin.voiceActive')}</span>}</h3>
          <p>{t(`admin.voiceLang.${p.language}`)} · {p.source === 'hall' ? t('voiceAdmin.hallVoice') : <bdi dir="ltr" data-ident>{p.voice}</bdi>} · {p.missing.length ? t('admin.voiceMissing', { count: p.missing.length, n: f.n(p.missing.length) }) : t('voiceAdmin.complete')}</p>
          {!p.active && <button type="button" className="btn-primary" onClick={() => void choose(p.language, p.id)} data-testid={`voice-use-${p.id}`}>{t('admin.voiceUse')}</button>}
          {p.source === 'hall' && <HallClips pack={p} recording={recorder.recording} seconds={recorder.seconds} onRecord={(c) => void recordClip(p.id, c)} onStop={recorder.stop} onUpload={(c, f) => void store(p.id, c, f)} />}
        </section>
      ))}
      {data && (['ar', 'en'] as const).filter((l) => !data.packs.some((p) => p.id === `hall-${l}`)).map((l) => (
        <button key={l} type="button" className="btn" onClick={() => void makePack(l)} data-testid={`voice-new-${l}`}>{t('admin.voiceNewPack', { lang: t(`admin.voiceLang.${l}`) })}</button>
      ))}
    </div>
  );
}

/**
 * Which voice each paired hall display speaks with, as the displays report it (device health
 * "voice" and "audio"): the hall's packs, only the browser's voice, none, muted or blocked until a
 * tap — the last two and a display on the browser's voice are warned about. Refreshed every 15 s.
 */
function DisplaysVoice() {
  const { t } = useTranslation();
  const f = useFormat();
  const hub = useHub();
  const [rows, setRows] = useState<{ id: string; name: string; voice?: DeviceHealth; audio?: DeviceHealth }[] | null>(null);
  useEffect(() => {
    let live = true;
    const load = () => void Promise.all([hub.get<{ id: string; name: string; role: string; revokedAt: string | null }[]>('/api/v1/admin/devices'), hub.get<LiveStats>('/api/v1/stats/live')]).then(([devices, stats]) => {
      if (!live) return;
      const health = (id: string, device: string) => stats.devices.find((d) => d.deviceId === id && d.device === device);
      setRows(devices.filter((d) => d.role === 'display' && !d.revokedAt).map((d) => ({ id: d.id, name: d.name, voice: health(d.id, 'voice'), audio: health(d.id, 'audio') })));
    }, () => undefined);
    load();
    const every = setInterval(load, 15_000);
    return () => {
      live = false;
      clearInterval(every);
    };
  }, [hub]);
  if (!rows) return null;
  return (
    <section className="card" aria-labelledby="voice-displays-title" data-testid="voice-displays">
      <h3 id="voice-displays-title">{t('voiceAdmin.displays')}</h3>
      {rows.length === 0 ? <p className="muted">{t('voiceAdmin.noDisplays')}</p> : (
        <ul className="device-list">
          {rows.map((r) => {
            const warn = !r.voice || r.voice.state !== 'connected' || (r.audio !== undefined && r.audio.state !== 'connected');
            return (
              <li key={r.id} className="row" data-testid={`voice-display-${r.id}`} data-warn={warn ? 'yes' : 'no'}>
                <span className="grow"><bdi>{r.name}</bdi></span>
                <span className={warn ? 'error' : undefined}>
                  {r.voice ? deviceDetail(t, r.voice) : t('voiceAdmin.notReported')}
                  {r.audio && r.audio.state !== 'connected' && <> · {deviceDetail(t, r.audio)}</>}
                </span>
                {r.voice && <span className="muted small">{f.time(r.voice.at)}</span>}
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}

type DeviceHealth = LiveStats['devices'][number];

/** A hall pack's clips, the missing ones first: record, stop, upload a file, or listen. */
function HallClips({ pack, recording, seconds, onRecord, onStop, onUpload }: { pack: VoicePackSummary; recording: string | null; seconds: number; onRecord: (clip: string) => void; onStop: () => void; onUpload: (clip: string, file: File) => void }) {
  const { t } = useTranslation();
  const f = useFormat();
  const [all, setAll] = useState(false);
  const clips = [...pack.clips].sort((a, b) => Number(Boolean(a.url)) - Number(Boolean(b.url)));
  const shown = all ? clips : clips.filter((c) => !c.url);
  const listen = (url: string) => void new Audio(url).play().catch(() => undefined);
  return (
    <>
      <label className="row voice-all">
        <input type="checkbox" checked={all} onChange={(e) => setAll(e.target.checked)} data-testid={`voice-all-${pack.id}`} />
        {t('voiceAdmin.showRecorded')}
      </label>
      <ul className="voice-clips">
        {shown.map((c) => {
          const busy = recording === c.id;
          return (
            <li key={c.id} data-testid={`voice-clip-${c.id}`} data-recorded={c.url ? 'yes' : 'no'}>
              <span className="voice-clip-text" lang={pack.language}>{c.text}</span>
              <span className={`badge ${c.url ? 'ok' : 'warn'}`}>{c.url ? t('voiceAdmin.recorded') : t('voiceAdmin.missing')}</span>
              {busy
                ? <button type="button" className="btn-danger" onClick={onStop} data-testid={`voice-stop-${c.id}`} data-seconds={seconds}>{t('voiceAdmin.stop')} ({f.n(seconds)} {t('voiceAdmin.sec')})</button>
                : <button type="button" className="btn" onClick={() => onRecord(c.id)} disabled={recording !== null} aria-label={`${t('voiceAdmin.record')}: ${c.text}`} data-testid={`voice-record-${c.id}`}>{t('voiceAdmin.record')}</button>}
              <label className="btn file-btn">
                {t('voiceAdmin.upload')}
                <input type="file" accept="audio/*" className="sr-only" aria-label={`${t('admin.voiceUpload')}: ${c.text}`} data-testid={`voice-upload-${c.id}`} onChange={(e) => { const f = e.target.files?.[0]; e.target.value = ''; if (f) onUpload(c.id, f); }} />
              </label>
              {c.url && <button type="button" className="btn" onClick={() => listen(c.url!)} aria-label={`${t('voiceAdmin.listen')}: ${c.text}`}>{t('voiceAdmin.listen')}</button>}
            </li>
          );
        })}
      </ul>
    </>
  );
}

/** Type a ticket and a counter and hear the call exactly as a display plays it (the same plan and player). */
function HearCall() {
  const { t } = useTranslation();
  const hub = useHub();
  const [number, setNumber] = useState('A-125');
  const [counter, setCounter] = useState(3);
  const [plan, setPlan] = useState<VoicePlan | null>(null);
  const [err, setErr] = useState<string | null>(null);
  const [playing, setPlaying] = useState(false);
  const audio = useRef<{ ctx: AudioContext; out: GainNode } | null>(null);
  const hear = async () => {
    setErr(null);
    let p: VoicePlan;
    try {
      p = await hub.get<VoicePlan>(`/api/v1/voice/plan?number=${encodeURIComponent(number)}&counter=${counter}`);
    } catch (e) {
      return setErr(errorText(e));
    }
    setPlan(p);
    if (!audio.current) {
      const ctx = new AudioContext();
      const out = ctx.createGain();
      out.connect(ctx.destination);
      audio.current = { ctx, out };
    }
    const { ctx, out } = audio.current;
    await ctx.resume();
    // A fresh player each time: a clip just recorded is heard, not an older cached one.
    const voice = new ClipVoice({ plan: async () => p, clips: async () => ({ settings: { languages: [], packs: { ar: '', en: '' } }, clips: [] }), audio: (url) => hub.audio(url) }, () => ctx, () => out);
    setPlaying(true);
    try {
      await voice.play(number, counter, {
        chime: async () => undefined,
        speak: (text, l) => new Promise<void>((resolve) => {
          if (!('speechSynthesis' in window)) return resolve();
          const u = new SpeechSynthesisUtterance(text);
          u.lang = l === 'ar' ? 'ar-SA' : 'en-GB';
          u.onend = () => resolve();
          u.onerror = () => resolve();
          speechSynthesis.speak(u);
        }),
      });
    } finally {
      setPlaying(false);
    }
  };
  return (
    <section className="card form voice-hear" data-testid="voice-hear">
      <h3>{t('voiceAdmin.hearTitle')}</h3>
      <div className="row">
        <label>{t('voiceAdmin.ticket')}<input value={number} onChange={(e) => setNumber(e.target.value)} dir="ltr" maxLength={6} className="field" data-testid="voice-hear-number" /></label>
        <label>{t('voiceAdmin.counter')}<NumberField min={1} max={99} value={counter} onChange={setCounter} className="field" data-testid="voice-hear-counter" /></label>
        <button type="button" className="btn-primary" onClick={() => void hear()} disabled={playing} data-testid="voice-hear-play">{playing ? t('voiceAdmin.playing') : t('voiceAdmin.hear')}</button>
      </div>
      {err && <p className="error" role="alert">{err}</p>}
      {plan && (
        <ul className="voice-parts" data-testid="voice-hear-parts">
          {plan.parts.map((part) => (
            <li key={part.lang} lang={part.lang} data-complete={part.complete ? 'yes' : 'no'}>
              <strong>{part.text}</strong>{' '}
              <span className="muted">{part.complete ? t('voiceAdmin.fromPack', { pack: part.pack ?? '' }) : t('voiceAdmin.bySynthesis')}</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
