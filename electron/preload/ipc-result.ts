// Main answers every invoke with {ok:true,value} | {ok:false,error} (electron/main/ipc.ts).
// The page gets the value, or an Error carrying main's message; never the IPC event.
export type IpcResult<T> = { ok: true; value: T } | { ok: false; error: { code: string; message: string } };

export function isIpcResult(value: unknown): value is IpcResult<unknown> {
  return typeof value === 'object' && value !== null && typeof (value as { ok?: unknown }).ok === 'boolean';
}

export function unwrap<T>(result: unknown): T {
  if (!isIpcResult(result)) throw new Error('unexpected answer from the station');
  if (result.ok) return result.value as T;
  throw new Error(`${result.error.code}: ${result.error.message}`);
}
