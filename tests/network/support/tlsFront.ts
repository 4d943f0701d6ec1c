import net from 'node:net';
import tls from 'node:tls';
import type { Pem } from './pki';

// The sandbox behind TLS on loopback: terminates https with the certificate the test picks (valid,
// another name's, expired) and relays the plain bytes to the sandbox's http port.

export interface TlsFront {
  url: string;
  port: number;
  /** The certificate presented to the next connections. */
  use(pem: Pem): void;
  close(): Promise<void>;
}

export async function startTlsFront(upstreamPort: number, initial: Pem): Promise<TlsFront> {
  let context = tls.createSecureContext(initial);
  const sockets = new Set<net.Socket>();
  const server = tls.createServer({ SNICallback: (_name, done) => done(null, context), ...initial }, (client) => {
    const upstream = net.connect(upstreamPort, '127.0.0.1');
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on('close', () => sockets.delete(s));
      s.on('error', () => undefined);
    }
    client.pipe(upstream).pipe(client);
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
  });
  server.on('tlsClientError', () => undefined);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;
  return {
    url: `https://127.0.0.1:${port}`,
    port,
    use: (pem) => {
      // Kept-alive connections would go on with the old certificate.
      for (const s of sockets) s.destroy();
      context = tls.createSecureContext(pem);
      // Connections without SNI (an IP address) get the server's default context.
      server.setSecureContext(pem);
    },
    close: async () => {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
