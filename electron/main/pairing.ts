// Pairing: the hub's admin makes a one-time code for a role; the station trades it for a device
// token (POST /api/v1/devices/pair {code, name} → {deviceId, role, token}, brief §6). The code
// is only accepted for the role the station was set up as.
import { PairBody, PairResponse } from '../../shared/protocol/http.ts';
import type { StationRole } from '../../shared/protocol/station.ts';

export class PairingFailed extends Error {}

export async function pairWithHub(
  hubUrl: string,
  request: { code: string; name: string; role: StationRole },
  fetchImpl: typeof fetch = fetch,
): Promise<PairResponse> {
  const url = new URL('/api/v1/devices/pair', hubUrl);
  let response: Response;
  try {
    response = await fetchImpl(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(PairBody.parse({ code: request.code, name: request.name })),
      redirect: 'error',
      signal: AbortSignal.timeout(10_000),
    });
  } catch (error) {
    throw new PairingFailed(`the hub at ${url.origin} did not answer (${(error as Error).message})`);
  }
  const body: unknown = await response.json().catch(() => null);
  if (!response.ok) {
    const message = (body as { error?: { message?: string } } | null)?.error?.message ?? `HTTP ${response.status}`;
    throw new PairingFailed(`the hub refused the pairing code: ${message}`);
  }
  const parsed = PairResponse.safeParse(body);
  if (!parsed.success) throw new PairingFailed('the hub answered something that is not a pairing response');
  if (parsed.data.role !== request.role) {
    throw new PairingFailed(`this code is for a ${parsed.data.role}, but the station is being set up as a ${request.role}`);
  }
  return parsed.data;
}
