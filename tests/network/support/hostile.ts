import http from 'node:http';
import type net from 'node:net';

// What an office network can answer instead of the service, on loopback: in front of the sandbox,
// it relays (`pass`) or misbehaves in one of the ways a proxy, a captive portal or a broken
// connection does. Every request it receives is recorded, with its body.

export type HostileMode =
  | 'pass'
  /** A captive portal or proxy page: 200 text/html. */
  | 'portale'
  /** An authenticating proxy speaking for the service: 407. */
  | 'proxy-407'
  /** A proxy or firewall block page: 403 text/html. */
  | 'bloccato'
  /** Content-Length of the whole, half of it sent, then the connection dropped. */
  | 'interrotta'
  /** Valid JSON that is not the contract's. */
  | 'fuori-contratto'
  /** A byte every 200 ms, forever. */
  | 'goccia'
  /** A streamed body past the gateway's cap (no Content-Length). */
  | 'enorme'
  /** A declared Content-Length past the cap. */
  | 'enorme-dichiarata'
  /** 307 to `redirectTo` (another port: an attacker's or a misconfigured balancer's). */
  | 'redirect';

export interface HostileRecord {
  method: string;
  url: string;
  body: string;
}

export interface HostileFront {
  url: string;
  mode: HostileMode;
  redirectTo: string;
  records: HostileRecord[];
  close(): Promise<void>;
}

export async function startHostileFront(upstream: string, options: { hugeBytes?: number } = {}): Promise<HostileFront> {
  const records: HostileRecord[] = [];
  const sockets = new Set<net.Socket>();
  const timers = new Set<NodeJS.Timeout>();
  const front = { mode: 'pass' as HostileMode, redirectTo: '' };
  const hugeBytes = options.hugeBytes ?? 17 * 1024 * 1024;

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      records.push({ method: req.method ?? '', url: req.url ?? '', body: body.toString('utf8') });
      answer(req, res, body);
    });
  });

  function answer(req: http.IncomingMessage, res: http.ServerResponse, body: Buffer): void {
    switch (front.mode) {
      case 'pass': {
        const headers = { ...req.headers, host: new URL(upstream).host };
        const relay = http.request(`${upstream}${req.url ?? ''}`, { method: req.method, headers }, (up) => {
          res.writeHead(up.statusCode ?? 502, up.headers);
          up.pipe(res);
        });
        relay.on('error', () => res.destroy());
        relay.end(body);
        return;
      }
      case 'portale':
        res
          .writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' })
          .end('<!doctype html><title>Rete ospiti</title><h1>Accetta le condizioni per navigare</h1>');
        return;
      case 'proxy-407':
        res.writeHead(407, { 'Proxy-Authenticate': 'Basic realm="proxy"', 'Content-Type': 'text/html' }).end('<h1>Autenticazione proxy</h1>');
        return;
      case 'bloccato':
        res.writeHead(403, { 'Content-Type': 'text/html' }).end('<h1>Sito bloccato dalla policy aziendale</h1>');
        return;
      case 'interrotta': {
        const whole = JSON.stringify({ cambiamenti: [], cursore: 'x'.repeat(2000), altre: false });
        res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': String(Buffer.byteLength(whole)) });
        res.write(whole.slice(0, 1000));
        setTimeout(() => res.socket?.destroy(), 20);
        return;
      }
      case 'fuori-contratto':
        res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify({ id: 42, esito: 'ok', note: 'non è il contratto' }));
        return;
      case 'goccia': {
        res.writeHead(200, { 'Content-Type': 'application/json' });
        res.write('{');
        const timer = setInterval(() => res.write(' '), 200);
        timers.add(timer);
        res.on('close', () => {
          clearInterval(timer);
          timers.delete(timer);
        });
        return;
      }
      case 'enorme': {
        res.writeHead(200, { 'Content-Type': 'application/json' });
        const chunk = Buffer.alloc(256 * 1024, 0x20);
        let sent = 0;
        const pump = () => {
          while (sent < hugeBytes) {
            sent += chunk.byteLength;
            if (!res.write(chunk)) return void res.once('drain', pump);
          }
          res.end('{}');
        };
        res.on('error', () => undefined);
        pump();
        return;
      }
      case 'enorme-dichiarata':
        res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': String(hugeBytes) });
        res.write('{');
        return;
      case 'redirect':
        res.writeHead(307, { Location: `${front.redirectTo}${req.url ?? ''}` }).end();
        return;
    }
  }

  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    get mode() {
      return front.mode;
    },
    set mode(value) {
      front.mode = value;
    },
    get redirectTo() {
      return front.redirectTo;
    },
    set redirectTo(value) {
      front.redirectTo = value;
    },
    records,
    close: async () => {
      for (const t of timers) clearInterval(t);
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
