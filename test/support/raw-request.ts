// Test support: one HTTP/1.1 request with any body and content type, as a stranger would send it,
// over a plain TCP socket, timed from the first byte sent to the answer's status line. A server may
// answer before reading a body it refuses and hang up: Node's HTTP client then drops the answer
// with the write's EPIPE. Over a kept-alive connection the server reads and drops the rest of the
// body and its answer arrives whole (asked to close, it hangs up on unread bytes and the answer is
// lost to the reset) — most of the time: a server that stops reading a body over its limit may still
// hang up before its answer is read, and that is reported as `hungUp` (status 0), an answer of its
// own to a body too large. Writing stops once the answer has come. A connection closed with no
// answer while the body was being sent is `hungUp`; anything else without an answer rejects.
import { connect } from 'node:net';

export interface RawReply {
  status: number;
  /** Bytes of the answer's body (as far as it came before the server closed the connection). */
  size: number;
  /** The first 300 characters of the answer's body. */
  text: string;
  headers: Record<string, string>;
  /** Milliseconds from sending to the answer's status line (or to the hang-up). */
  ms: number;
  /** The server closed the connection before the whole body was sent and before its answer was read (status 0). */
  hungUp?: boolean;
}

const CHUNK = 64 * 1024;

export function rawRequest(url: string, o: { method: string; contentType?: string; body?: Buffer | string; headers?: Record<string, string>; localAddress?: string }): Promise<RawReply> {
  const u = new URL(url);
  const body = o.body === undefined ? Buffer.alloc(0) : typeof o.body === 'string' ? Buffer.from(o.body) : o.body;
  const head = [
    `${o.method} ${u.pathname}${u.search} HTTP/1.1`, `Host: ${u.host}`,
    ...(o.contentType ? [`Content-Type: ${o.contentType}`] : []), ...(o.body !== undefined ? [`Content-Length: ${body.length}`] : []),
    ...Object.entries(o.headers ?? {}).map(([k, v]) => `${k}: ${v}`),
  ].join('\r\n') + '\r\n\r\n';
  const t0 = performance.now();
  return new Promise((resolve, reject) => {
    const socket = connect({ host: u.hostname, port: Number(u.port || 80), ...(o.localAddress ? { localAddress: o.localAddress } : {}) });
    let received = Buffer.alloc(0);
    let ms: number | undefined;
    /** Bytes of the body written so far. */
    let at = 0;
    let settled = false;
    const parse = (): RawReply | undefined => {
      const end = received.indexOf('\r\n\r\n');
      if (end < 0) return undefined;
      const [statusLine, ...lines] = received.subarray(0, end).toString('latin1').split('\r\n');
      const headers = Object.fromEntries(lines.map((l) => [l.slice(0, l.indexOf(':')).toLowerCase(), l.slice(l.indexOf(':') + 1).trim()]));
      const rest = received.subarray(end + 4);
      return { status: Number(statusLine!.split(' ')[1]), size: rest.length, text: rest.subarray(0, 1200).toString('utf8').slice(0, 300), headers, ms: ms ?? 0 };
    };
    const finish = () => {
      if (settled) return;
      settled = true;
      socket.destroy();
      const reply = parse();
      if (reply) resolve(reply);
      else if (body.length > 0 && (at < body.length || failure === 'EPIPE' || failure === 'ECONNRESET')) resolve({ status: 0, size: 0, text: '', headers: {}, ms: performance.now() - t0, hungUp: true });
      else reject(new Error(`the server closed the connection without an answer (${received.length} bytes${failure ? `, ${failure}` : ''})`));
    };
    socket.on('data', (d: Buffer) => {
      if (ms === undefined) ms = performance.now() - t0;
      received = Buffer.concat([received, d]);
      const reply = parse();
      // A complete answer (by its length) ends it; else the server's close does.
      if (reply && reply.headers['content-length'] !== undefined && reply.size >= Number(reply.headers['content-length'])) finish();
    });
    socket.on('end', finish);
    socket.on('close', finish);
    // EPIPE / ECONNRESET after the server answered and hung up: the answer is what counts.
    let failure = '';
    socket.on('error', (err: NodeJS.ErrnoException) => {
      failure ||= err.code ?? err.message;
    });
    socket.write(head);
    const write = () => {
      while (at < body.length && ms === undefined && !socket.destroyed) {
        const chunk = body.subarray(at, at + CHUNK);
        at += chunk.length;
        if (!socket.write(chunk)) {
          socket.once('drain', write);
          return;
        }
      }
    };
    write();
  });
}
