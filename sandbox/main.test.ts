import { spawn } from 'node:child_process';
import http from 'node:http';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

// The standalone sandbox (`npm run sandbox`) checks the Host header on loopback like the embedded
// one: a page on another name that resolves to 127.0.0.1 (DNS rebinding) is refused.
describe('npm run sandbox', () => {
  it('answers its own loopback names and refuses any other Host', { timeout: 60_000 }, async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(import.meta.dirname, 'main.ts'), '--port', '0', '--size', 'tiny'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    try {
      const url = await new Promise<string>((resolve, reject) => {
        let out = '';
        child.stdout.on('data', (chunk: Buffer) => {
          out += chunk.toString();
          const match = /on (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
          if (match) resolve(match[1]!);
        });
        child.once('exit', (code) => reject(new Error(`sandbox exited with ${code}: ${out}`)));
      });
      const port = new URL(url).port;
      // node:http, not fetch: fetch does not let a caller set Host.
      const status = (host: string) =>
        new Promise<number>((resolve, reject) =>
          http
            .get(`${url}/openapi.json`, { headers: { Host: host } }, (res) => {
              res.resume();
              resolve(res.statusCode ?? 0);
            })
            .on('error', reject),
        );
      expect(await status(`127.0.0.1:${port}`)).not.toBe(403);
      expect(await status(`localhost:${port}`)).not.toBe(403);
      expect(await status(`rebinding.example:${port}`)).toBe(403);
    } finally {
      child.kill();
    }
  });
});
