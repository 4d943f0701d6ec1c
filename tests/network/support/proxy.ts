import http from 'node:http';
import net from 'node:net';

// A tiny forward proxy on loopback, as an office's: CONNECT tunnels (https, and http through undici,
// which tunnels too) and absolute-URI requests (plain http). It records what went through it and
// can ask for Basic credentials (407) like an authenticating proxy.

export interface ProxyRecord {
  method: string;
  /** host:port for CONNECT, the absolute URL otherwise. */
  target: string;
  /** The Proxy-Authorization header received, if any. */
  auth: string | null;
  /** What the proxy answered (200 tunnel, 407, or the upstream's status). */
  status: number;
}

export interface TestProxy {
  url: string;
  port: number;
  records: ProxyRecord[];
  /** Every byte the proxy relayed from the client to the upstream (to show a password never crosses it in clear). */
  relayed(): Buffer;
  /** When set, only this Basic user:password passes; anything else gets 407. */
  requireAuth: { user: string; password: string } | null;
  close(): Promise<void>;
}

export async function startTestProxy(): Promise<TestProxy> {
  const records: ProxyRecord[] = [];
  const relayed: Buffer[] = [];
  const sockets = new Set<net.Socket>();
  const state: { requireAuth: TestProxy['requireAuth'] } = { requireAuth: null };
  const authorized = (header: string | undefined) => {
    if (!state.requireAuth) return true;
    const expected = `Basic ${Buffer.from(`${state.requireAuth.user}:${state.requireAuth.password}`).toString('base64')}`;
    return header === expected;
  };

  const server = http.createServer((req, res) => {
    const auth = req.headers['proxy-authorization'] ?? null;
    if (!authorized(req.headers['proxy-authorization'])) {
      records.push({ method: req.method ?? '', target: req.url ?? '', auth, status: 407 });
      res.writeHead(407, { 'Proxy-Authenticate': 'Basic realm="ufficio"', 'Content-Type': 'text/html' }).end('<h1>Proxy: autenticazione richiesta</h1>');
      return;
    }
    const target = new URL(req.url ?? '/');
    const headers = { ...req.headers };
    delete headers['proxy-authorization'];
    delete headers['proxy-connection'];
    const upstream = http.request(target, { method: req.method, headers }, (answer) => {
      records.push({ method: req.method ?? '', target: target.href, auth, status: answer.statusCode ?? 0 });
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    upstream.on('error', () => res.destroy());
    req.on('data', (chunk: Buffer) => relayed.push(chunk));
    req.pipe(upstream);
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  server.on('connect', (req: http.IncomingMessage, client: net.Socket, head: Buffer) => {
    const auth = req.headers['proxy-authorization'] ?? null;
    const target = req.url ?? '';
    if (!authorized(req.headers['proxy-authorization'])) {
      records.push({ method: 'CONNECT', target, auth, status: 407 });
      client.end('HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic realm="ufficio"\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    const [host, port] = target.split(':');
    const upstream = net.connect(Number(port), host, () => {
      records.push({ method: 'CONNECT', target, auth, status: 200 });
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      if (head.length) upstream.write(head);
      client.on('data', (chunk: Buffer) => relayed.push(chunk));
      client.pipe(upstream);
      upstream.pipe(client);
    });
    sockets.add(upstream);
    upstream.on('close', () => sockets.delete(upstream));
    upstream.on('error', () => client.destroy());
    client.on('error', () => upstream.destroy());
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    records,
    relayed: () => Buffer.concat(relayed),
    get requireAuth() {
      return state.requireAuth;
    },
    set requireAuth(value) {
      state.requireAuth = value;
    },
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
