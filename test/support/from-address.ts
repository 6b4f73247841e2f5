// Test support: HTTP requests from a chosen client address. The whole of 127.0.0.0/8 is this
// machine's loopback, so a socket bound to 127.0.0.2 and one bound to 127.0.0.3 reach the same
// server as two different clients (`req.ip`) — a stranger and an account's owner on two machines.
import { request } from 'node:http';

export interface AddressReply<T = any> {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: T;
}

/** A client whose requests leave from `localAddress` (plain HTTP). */
export function fromAddress(url: string, localAddress: string) {
  function send<T = any>(method: string, path: string, o: { token?: string; body?: unknown } = {}): Promise<AddressReply<T>> {
    const payload = o.body === undefined ? undefined : JSON.stringify(o.body);
    return new Promise((resolve, reject) => {
      const req = request(`${url}${path}`, {
        method, localAddress, agent: false,
        headers: { ...(payload !== undefined ? { 'content-type': 'application/json' } : {}), ...(o.token ? { authorization: `Bearer ${o.token}` } : {}) },
      }, (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (d: string) => { text += d; });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text ? JSON.parse(text) : undefined }));
        res.on('error', reject);
      });
      req.on('error', reject);
      req.end(payload);
    });
  }
  return {
    address: localAddress,
    send,
    get: <T = any>(path: string, token?: string) => send<T>('GET', path, token ? { token } : {}),
    post: <T = any>(path: string, token?: string, body?: unknown) => send<T>('POST', path, { ...(token ? { token } : {}), ...(body !== undefined ? { body } : {}) }),
    login: (username: string, password: string) => send('POST', '/api/v1/auth/login', { body: { username, password } }),
  };
}
