// The hall's voice on a real hub: the plan of a call with its clip URLs, the clips served as WAV,
// who may ask, and the hall's own pack (bad clips refused in both languages, missing clips listed,
// switching the pack that speaks a language). The shipped packs here are made by the test from
// tones, so it needs no espeak-ng.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type VoiceLang, clipCatalogue } from '../../../shared/voice/clips.ts';
import type { VoiceManifest } from '../../../shared/voice/manifest.ts';
import { decodeWav, encodeWav } from '../../../shared/voice/wav.ts';
import { haveEspeak } from '../../../electron/hub/voice/espeak.ts';
import { type TestHub, startTestHub } from '../../support/hub.ts';

const RATE = 16000;
const tone = (ms: number, amp = 0.3) => {
  const samples = new Float32Array(Math.round((RATE * ms) / 1000));
  for (let i = 0; i < samples.length; i++) samples[i] = amp * Math.sin((2 * Math.PI * 330 * i) / RATE);
  return encodeWav({ sampleRate: RATE, samples });
};

function writePack(root: string, id: string, lang: VoiceLang): void {
  const dir = join(root, id);
  mkdirSync(dir, { recursive: true });
  const manifest: VoiceManifest = { format: 1, name: { ar: id, en: id }, language: lang, voice: 'test tones', sampleRate: RATE, clips: [] };
  clipCatalogue(lang).forEach((c, i) => {
    const ms = 200 + (i % 7) * 10;
    writeFileSync(join(dir, `${c.id}.wav`), tone(ms));
    manifest.clips.push({ id: c.id, text: c.text, file: `${c.id}.wav`, ms });
  });
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify(manifest));
}

describe('the voice API', () => {
  let t: TestHub;
  let voiceDir: string;
  let admin: string;
  let display: string;

  beforeAll(async () => {
    voiceDir = mkdtempSync(join(tmpdir(), 'dawr-voice-packs-'));
    writePack(voiceDir, 'espeak-ar', 'ar');
    writePack(voiceDir, 'espeak-en', 'en');
    t = await startTestHub({ voiceDir });
    admin = await t.api.login('admin', 'dawr-admin');
    display = await t.api.pairDevice(admin, 'display', 'hall screen');
  });
  afterAll(async () => {
    await t?.close();
    rmSync(voiceDir, { recursive: true, force: true });
  });

  it('answers the clips of A-125 at counter 3 in Arabic, and each URL serves the WAV', async () => {
    const r = await t.api.get('/api/v1/voice/plan?number=A-125&counter=3&lang=ar', display);
    expect(r.status).toBe(200);
    expect(r.body.text).toBe('الرقم إيه مئة وخمسة وعشرون، إلى الشباك رقم ثلاثة');
    expect(r.body.clips.map((c: { id: string }) => c.id)).toEqual(['chime', 'ticket', 'letter-a', 'n-100', 'and-n-5', 'and-n-20', 'counter', 'n-3']);
    expect(r.body.parts).toEqual([{ lang: 'ar', text: r.body.text, pack: 'espeak-ar', complete: true }]);
    for (const c of r.body.clips) {
      expect(c.ms).toBeGreaterThan(0);
      const res = await fetch(`${t.url}${c.url}`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('audio/wav');
      expect(decodeWav(new Uint8Array(await res.arrayBuffer())).samples.length).toBe(Math.round((RATE * c.ms) / 1000));
    }
  });

  it('lists every clip of the packs that speak now, for the display to load once', async () => {
    const r = await t.api.get('/api/v1/voice/clips', display);
    expect(r.status).toBe(200);
    expect(r.body.clips).toHaveLength(clipCatalogue('ar').length + clipCatalogue('en').length);
    expect(r.body.clips.every((c: { url: string }) => c.url.startsWith('/voice/espeak-'))).toBe(true);
  });

  it('speaks Arabic then English by default; staff may ask too; kiosks, strangers and bad numbers may not', async () => {
    const r = await t.api.get('/api/v1/voice/plan?number=b-7&counter=12', await t.api.login('clerk1', 'dawr-clerk'));
    expect(r.status).toBe(200);
    expect(r.body.parts.map((p: { lang: string }) => p.lang)).toEqual(['ar', 'en']);
    expect(r.body.clips.filter((c: { id: string }) => c.id === 'chime')).toHaveLength(1);
    expect(r.body.text).toBe('الرقم بي سبعة، إلى الشباك رقم اثنا عشر. Ticket B 7, counter 12');
    const kiosk = await t.api.pairDevice(admin, 'kiosk', 'kiosk');
    expect((await t.api.get('/api/v1/voice/plan?number=A-1&counter=1', kiosk)).status).toBe(403);
    expect((await t.api.get('/api/v1/voice/plan?number=A-1&counter=1')).status).toBe(401);
    expect((await t.api.get('/api/v1/voice/plan?number=AA-1&counter=1', display)).status).toBe(400);
    expect((await t.api.get('/api/v1/voice/plan?number=A-1&counter=1&lang=fr', display)).status).toBe(400);
    expect((await fetch(`${t.url}/voice/espeak-ar/..%2Fmanifest.json`)).status).toBe(404);
    expect((await fetch(`${t.url}/voice/espeak-ar/n-1000.wav`)).status).toBe(404);
  });

  it('lets an admin make the hall\'s own pack, refuses bad clips in both languages, lists the missing ones and switches to it', async () => {
    const made = await t.api.post('/api/v1/voice/packs', admin, { id: 'hall-ar', language: 'ar', name: { ar: 'صوت القاعة', en: 'Hall voice' } });
    expect(made.status).toBe(201);
    expect(made.body.missing).toHaveLength(clipCatalogue('ar').length);
    const put = (clip: string, body: Uint8Array<ArrayBuffer>, type = 'audio/wav') => fetch(`${t.url}/api/v1/voice/packs/hall-ar/clips/${clip}`, { method: 'PUT', headers: { authorization: `Bearer ${admin}`, 'content-type': type }, body });
    const refused = async (res: Response, en: RegExp) => {
      expect(res.status).toBe(400);
      const msg = ((await res.json()) as { error: { message: string } }).error.message;
      expect(msg).toMatch(en);
      expect(msg).toMatch(/[\u0600-\u06ff]/);
    };
    await refused(await put('n-5', new TextEncoder().encode('ID3\u0003 an mp3 file, not a wav file at all'), 'audio/mpeg'), /Only WAV/);
    await refused(await put('n-5', tone(6000)), /longer than 5 s/);
    await refused(await put('n-5', tone(800, 0.0005)), /silent/);
    const ok = await put('n-5', tone(600));
    expect(ok.status).toBe(200);
    const pack = (await ok.json()) as { missing: string[]; clips: { id: string; url: string | null; ms: number | null }[] };
    expect(pack.missing).not.toContain('n-5');
    expect(pack.missing).toHaveLength(clipCatalogue('ar').length - 1);
    expect(pack.clips.find((c) => c.id === 'n-5')?.ms).toBe(600);
    expect((await put('not-a-clip', tone(600))).status).toBe(404);
    expect((await fetch(`${t.url}/api/v1/voice/packs/espeak-ar/clips/n-5`, { method: 'PUT', headers: { authorization: `Bearer ${admin}`, 'content-type': 'audio/wav' }, body: tone(600) })).status).toBe(409);

    expect((await t.api.post('/api/v1/voice/settings', admin, { packs: { ar: 'espeak-en' } })).status).toBe(400);
    const set = await t.api.post('/api/v1/voice/settings', admin, { packs: { ar: 'hall-ar' } });
    expect(set.status).toBe(200);
    const plan = await t.api.get('/api/v1/voice/plan?number=A-5&counter=5&lang=ar', display);
    // The pack lacks most clips: the display speaks this part with speech synthesis.
    expect(plan.body.parts[0]).toMatchObject({ pack: 'hall-ar', complete: false });
    expect(plan.body.clips.filter((c: { url: string | null }) => c.url).map((c: { id: string }) => c.id)).toEqual(['n-5', 'n-5']); // the ticket's 5 and the counter's 5
    const list = await t.api.get('/api/v1/voice/packs', admin);
    expect(list.body.settings.packs.ar).toBe('hall-ar');
    expect(list.body.packs.find((p: { id: string }) => p.id === 'hall-ar').active).toBe(true);
    expect((await t.api.get('/api/v1/voice/packs', display)).status).toBe(403);
  });

  it("sets a display's volume and quiet hours; the display reads its own; bad values change nothing", async () => {
    const devices = (await t.api.get<{ id: string; name: string; role: string }[]>('/api/v1/admin/devices', admin)).body;
    const id = devices.find((d) => d.name === 'hall screen')!.id;
    expect((await t.api.get('/api/v1/voice/display-sound', display)).body).toEqual({ volume: 100, quiet: [] });
    const sound = { volume: 40, quiet: [{ from: '12:00', to: '13:00' }, { from: '22:00', to: '06:00' }] };
    const put = await t.api.request('PUT', `/api/v1/admin/displays/${id}/sound`, { token: admin, body: sound });
    expect(put.status).toBe(200);
    expect((await t.api.get('/api/v1/voice/display-sound', display)).body).toEqual(sound);
    expect((await t.api.get(`/api/v1/admin/displays/${id}/sound`, admin)).body).toEqual(sound);
    for (const bad of [{ volume: 140, quiet: [] }, { volume: 50, quiet: [{ from: '25:00', to: '01:00' }] }, { volume: 50, quiet: [{ from: '08:00', to: '08:00' }] }, { volume: 50 }]) {
      const r = await t.api.request('PUT', `/api/v1/admin/displays/${id}/sound`, { token: admin, body: bad });
      expect(r.status, JSON.stringify(bad)).toBe(400);
      expect(r.body.error.code).toBe('invalid_input');
    }
    expect((await t.api.get('/api/v1/voice/display-sound', display)).body).toEqual(sound);
    // Only paired displays have a sound; only admins and managers set it; a display reads only its own.
    const kiosk = await t.api.pairDevice(admin, 'kiosk', 'entrance');
    const kioskId = (await t.api.get<{ id: string; name: string }[]>('/api/v1/admin/devices', admin)).body.find((d) => d.name === 'entrance')!.id;
    expect((await t.api.request('PUT', `/api/v1/admin/displays/${kioskId}/sound`, { token: admin, body: sound })).status).toBe(404);
    expect((await t.api.get('/api/v1/voice/display-sound', kiosk)).status).toBe(403);
    expect((await t.api.request('PUT', `/api/v1/admin/displays/${id}/sound`, { token: display, body: sound })).status).toBe(403);
    const audit = (await t.api.get<{ action: string; detail: string }[]>('/api/v1/admin/audit?action=voice.display-sound', admin)).body;
    expect(JSON.parse(audit[0]!.detail)).toEqual({ volume: 40, quiet: ['12:00–13:00', '22:00–06:00'] });
  });

  it("gives a kiosk the guide's clips of one language, and says a service's name with eSpeak NG (or says it cannot)", async () => {
    const kiosk = await t.api.pairDevice(admin, 'kiosk', 'guide kiosk');
    const guide = await t.api.get<{ lang: string; pack: string; clips: { id: string; url: string }[]; speaks: boolean }>('/api/v1/voice/guide?lang=en', kiosk);
    expect(guide.status).toBe(200);
    expect(guide.body.pack).toBe('espeak-en');
    const ids = guide.body.clips.map((c) => c.id);
    for (const id of ['guide-on', 'guide-again', 'guide-your-number', 'letter-a', 'n-7']) expect(ids).toContain(id);
    expect((await fetch(`${t.url}${guide.body.clips.find((c) => c.id === 'guide-on')!.url}`)).status).toBe(200);
    // Displays and clerks have no kiosk guide; nobody unsigned may make the hub speak.
    expect((await t.api.get('/api/v1/voice/guide?lang=en', display)).status).toBe(403);
    expect((await t.api.post('/api/v1/voice/speak', undefined, { lang: 'ar', text: 'رخص البناء' })).status).toBe(401);
    for (const bad of [{ lang: 'ar', text: 'x'.repeat(121) }, { lang: 'fr', text: 'permis' }, { lang: 'ar', text: '\u202erخص' }, { lang: 'ar', text: ' رخص' }, { lang: 'ar' }]) {
      const r = await t.api.post('/api/v1/voice/speak', kiosk, bad);
      expect(r.status, JSON.stringify(bad)).toBe(400);
      expect(r.body.error.code).toBe('invalid_input');
    }
    const said = await t.api.post<{ url: string; ms: number }>('/api/v1/voice/speak', kiosk, { lang: 'ar', text: 'رخص البناء' });
    if (!haveEspeak()) {
      console.log('voice guide synthesis: espeak-ng is not installed here, so the hub answers 503 (apt-get install espeak-ng to test the spoken name)');
      expect(guide.body.speaks).toBe(false);
      expect(said.status).toBe(503);
      return;
    }
    expect(guide.body.speaks).toBe(true);
    expect(said.status).toBe(200);
    expect(said.body.url).toMatch(/^\/voice\/said\/[0-9a-f]{32}\.wav$/);
    const wav = await fetch(`${t.url}${said.body.url}`);
    expect(wav.status).toBe(200);
    expect(wav.headers.get('cache-control')).toContain('immutable');
    const pcm = decodeWav(new Uint8Array(await wav.arrayBuffer()));
    expect(pcm.samples.length / pcm.sampleRate).toBeCloseTo(said.body.ms / 1000, 1);
    expect(said.body.ms).toBeGreaterThan(300);
    // The same words are the same file; other words another.
    expect((await t.api.post('/api/v1/voice/speak', kiosk, { lang: 'ar', text: 'رخص البناء' })).body.url).toBe(said.body.url);
    expect((await t.api.post('/api/v1/voice/speak', kiosk, { lang: 'en', text: 'Building permits' })).body.url).not.toBe(said.body.url);
    expect((await fetch(`${t.url}/voice/said/${'0'.repeat(32)}.wav`)).status).toBe(404);
    expect((await fetch(`${t.url}/voice/said/..%2Fsettings.wav`)).status).toBe(404);
  });
});
