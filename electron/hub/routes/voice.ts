// The hall's voice: GET /api/v1/voice/plan (the clips of a call, for the display and any other
// player), the packs and their settings (admin, manager), clip uploads into the hall's own packs,
// and the clips themselves as audio files at /voice/<pack>/<clip>.wav (public: numbers and words,
// nothing of anyone's, and an <audio> element cannot send a token).
import { readFile } from 'node:fs/promises';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { DisplaySound, NewVoicePackBody, Said, SpeakBody, VoiceGuide, VoiceGuideQuery, VoiceClipsResponse, VoicePackSummary, VoicePacksResponse, VoicePlan, VoicePlanQuery, VoiceSettings, VoiceSettingsBody } from '../../../shared/protocol/voice.ts';
import type { VoiceLang } from '../../../shared/voice/clips.ts';
import { CLIP_ID, PACK_ID } from '../../../shared/voice/manifest.ts';
import { parseTicketNumber } from '../../../shared/voice/plan.ts';
import { ApiError, errorBody } from '../../node-common/http/errors.ts';
import { type HubContext, audit } from '../context.ts';
import type { Api } from '../http/api.ts';
import type { Speech } from '../voice/speech.ts';
import type { VoicePacks } from '../voice/voice-packs.ts';

const MANAGE = ['admin', 'manager'] as const;
const PackParams = z.object({ id: z.string().regex(PACK_ID) });
const ClipParams = z.object({ id: z.string().regex(PACK_ID), clip: z.string().regex(CLIP_ID) });

export function voiceRoutes(app: FastifyInstance, api: Api, ctx: HubContext, voice: VoicePacks, speech: Speech): void {
  api.route(
    {
      method: 'GET', url: '/api/v1/voice/plan',
      summary: 'The clips a call is spoken with (chime, then each language: ticket, letter, number, counter), each with its audio URL and length; url null where the active pack lacks the clip',
      access: ['display', 'clerk', 'supervisor', 'manager', 'admin'],
      query: VoicePlanQuery,
      responses: { 200: VoicePlan },
    },
    ({ query }) => {
      const ticket = parseTicketNumber(query.number);
      if (!ticket) throw new ApiError('invalid_input', `query: ${query.number} is not a ticket number`);
      return voice.plan(ticket, query.counter, query.lang ? (query.lang.split(',') as VoiceLang[]) : undefined);
    },
  );

  api.route(
    { method: 'GET', url: '/api/v1/voice/clips', summary: 'Every clip of the packs that speak now (URL and length), for a display to load and decode once', access: ['display', 'clerk', 'supervisor', 'manager', 'admin'], responses: { 200: VoiceClipsResponse } },
    () => ({ settings: voice.settings(), clips: voice.activeClips() }),
  );
  api.route(
    { method: 'GET', url: '/api/v1/voice/display-sound', summary: "This display's volume (0–100) and quiet hours (HH:MM in the hall's time zone): calls are shown but not heard then", access: ['display'], responses: { 200: DisplaySound } },
    ({ principal }) => voice.displaySound(principal.id),
  );
  const display = (id: string) => {
    const d = ctx.auth.devices().find((x) => x.id === id && x.role === 'display' && !x.revokedAt);
    if (!d) throw new ApiError('not_found', `no paired display ${id}`);
    return d;
  };
  api.route(
    { method: 'GET', url: '/api/v1/admin/displays/:id/sound', summary: "A hall display's volume and quiet hours", access: MANAGE, params: z.object({ id: z.string().max(100) }), responses: { 200: DisplaySound } },
    ({ params }) => voice.displaySound(display(params.id).id),
  );
  api.route(
    { method: 'PUT', url: '/api/v1/admin/displays/:id/sound', summary: "Set a hall display's volume (0–100) and quiet hours (at most 6 ranges HH:MM–HH:MM; one that ends before it starts runs past midnight); the display takes them within 30 s", access: MANAGE, params: z.object({ id: z.string().max(100) }), body: DisplaySound, responses: { 200: DisplaySound } },
    ({ params, body, principal }) => {
      const d = display(params.id);
      const out = voice.setDisplaySound(d.id, body);
      audit(ctx, principal, 'voice.display-sound', d.id, JSON.stringify({ volume: body.volume, ...(body.quiet.length ? { quiet: body.quiet.map((q) => `${q.from}–${q.to}`) } : {}) }));
      return out;
    },
  );
  api.route(
    { method: 'GET', url: '/api/v1/voice/packs', summary: 'Voice packs (shipped and the hall\'s), each clip with its text and URL, the clips missing, and which pack speaks each language', access: MANAGE, responses: { 200: VoicePacksResponse } },
    () => ({ settings: voice.settings(), packs: voice.list() }),
  );
  api.route(
    { method: 'POST', url: '/api/v1/voice/settings', summary: 'Choose the pack that speaks each language and the languages of a call, in order', access: MANAGE, body: VoiceSettingsBody, responses: { 200: VoiceSettings } },
    ({ body, principal }) => {
      const out = voice.setSettings(body);
      audit(ctx, principal, 'voice.settings', undefined, JSON.stringify(out));
      return out;
    },
  );
  api.route(
    { method: 'POST', url: '/api/v1/voice/packs', summary: 'Make an empty voice pack of the hall, to record or upload its clips into', access: MANAGE, body: NewVoicePackBody, responses: { 201: VoicePackSummary } },
    ({ body, principal, reply }) => {
      const out = voice.create(body.id, body.language, body.name);
      audit(ctx, principal, 'voice.pack-created', body.id, JSON.stringify({ language: body.language }));
      reply.code(201);
      return out;
    },
  );
  api.route(
    {
      method: 'PUT', url: '/api/v1/voice/packs/:id/clips/:clip', summary: 'Store one clip of a hall pack: the body is a WAV file (audio/wav, PCM), at most 5 s, not silent', access: MANAGE, params: ClipParams, responses: { 200: VoicePackSummary },
      // Clip uploads: audio bodies as bytes (the route decides what it accepts), up to 2 MB — for this route only.
      raw: { contentTypes: /^(audio\/|application\/octet-stream)/, limit: 2 * 1024 * 1024, mediaType: 'audio/wav', description: 'the clip as a WAV file with Content-Type audio/wav — أرسل المقطع ملف WAV' },
    },
    ({ params, principal, body }) => {
      const out = voice.putClip(params.id, params.clip, new Uint8Array(body));
      audit(ctx, principal, 'voice.clip', `${params.id}/${params.clip}`);
      return out;
    },
  );

  const GUIDE = ['kiosk', 'manager', 'admin'] as const;
  api.route(
    { method: 'GET', url: '/api/v1/voice/guide', summary: "The kiosk's voice guide in one language: every clip of the pack that speaks it (the guide's phrases, letters and numbers) and whether the hub can say the hall's service names", access: GUIDE, query: VoiceGuideQuery, responses: { 200: VoiceGuide } },
    ({ query }) => ({ lang: query.lang, ...voice.packClips(query.lang), speaks: speech.available() }),
  );
  api.route(
    { method: 'POST', url: '/api/v1/voice/speak', summary: "A short text (a service's name, at most 120 characters) said by eSpeak NG in the default voice of the language, for the kiosk's voice guide: its audio URL and length. 503 when the hub has no synthesiser (the kiosk uses the browser's)", access: GUIDE, body: SpeakBody, responses: { 200: Said }, moreErrors: [503] },
    ({ body }) => speech.say(body.lang, body.text),
  );

  const sendWav = async (path: string | undefined, what: string, reply: import('fastify').FastifyReply, immutable: boolean) => {
    const bytes = path ? await readFile(path).catch(() => undefined) : undefined;
    if (!bytes) return reply.code(404).send(errorBody('not_found', `no voice clip ${what}`));
    return reply.header('content-type', 'audio/wav').header('cache-control', immutable ? 'public, max-age=31536000, immutable' : 'no-cache').send(bytes);
  };
  // Said texts are named by the hash of what they say: the same name is the same audio for ever.
  app.get('/voice/said/:file', async (req, reply) => {
    const { file } = req.params as { file: string };
    return sendWav(speech.file(file), `said/${file}`, reply, true);
  });
  app.get('/voice/:pack/:file', async (req, reply) => {
    const { pack, file } = req.params as { pack: string; file: string };
    const path = PackParams.safeParse({ id: pack }).success && /^[a-z0-9-]+\.wav$/.test(file) ? voice.file(pack, file) : undefined;
    return sendWav(path, `${pack}/${file}`, reply, Boolean((req.query as { v?: string }).v));
  });
}
