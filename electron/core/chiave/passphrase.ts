import crypto from 'node:crypto';
import { promisify } from 'node:util';
import { z } from 'zod';

// The key wrapped with an office passphrase: scrypt derives a key-encryption key, AES-256-GCM
// wraps the database key with it (the tag proves the passphrase). scrypt N = 2^17, r = 8, p = 1
// (128 MiB, ≈ 0.4 s on this project's 2-core test machine): OWASP's minimum for scrypt is
// N = 2^17 with r = 8, p = 1; it runs once per start, off the main thread (libuv's pool).

const scrypt = promisify(crypto.scrypt) as (password: string, salt: Buffer, keylen: number, options: crypto.ScryptOptions) => Promise<Buffer>;

export const PARAMETRI_SCRYPT = { N: 2 ** 17, r: 8, p: 1 } as const;
const AAD = Buffer.from('cassetto-desk chiave v1');

export const avvoltaConPassphraseSchema = z.strictObject({
  metodo: z.literal('passphrase'),
  kdf: z.strictObject({
    nome: z.literal('scrypt'),
    N: z
      .number()
      .int()
      .min(2 ** 14)
      .max(2 ** 20),
    r: z.number().int().min(1).max(32),
    p: z.number().int().min(1).max(16),
    sale: z.string().min(16),
  }),
  iv: z.string().min(16),
  tag: z.string().min(16),
  chiave: z.string().min(40),
});
export type AvvoltaConPassphrase = z.infer<typeof avvoltaConPassphraseSchema>;

async function kek(passphrase: string, sale: Buffer, p: { N: number; r: number; p: number }): Promise<Buffer> {
  // maxmem: scrypt needs 128·N·r bytes; Node's default cap (32 MiB) is below N = 2^17.
  return scrypt(passphrase.normalize('NFC'), sale, 32, { N: p.N, r: p.r, p: p.p, maxmem: 256 * p.N * p.r + 1024 * 1024 });
}

export async function avvolgiConPassphrase(
  chiave: Buffer,
  passphrase: string,
  parametri: { N: number; r: number; p: number } = PARAMETRI_SCRYPT,
): Promise<AvvoltaConPassphrase> {
  const sale = crypto.randomBytes(16);
  const iv = crypto.randomBytes(12);
  const cipher = crypto.createCipheriv('aes-256-gcm', await kek(passphrase, sale, parametri), iv);
  cipher.setAAD(AAD);
  const cifrata = Buffer.concat([cipher.update(chiave), cipher.final()]);
  return {
    metodo: 'passphrase',
    kdf: { nome: 'scrypt', N: parametri.N, r: parametri.r, p: parametri.p, sale: sale.toString('base64') },
    iv: iv.toString('base64'),
    tag: cipher.getAuthTag().toString('base64'),
    chiave: cifrata.toString('base64'),
  };
}

/** The key, or null when the passphrase is wrong (the GCM tag does not verify). */
export async function svolgiConPassphrase(avvolta: AvvoltaConPassphrase, passphrase: string): Promise<Buffer | null> {
  const decipher = crypto.createDecipheriv(
    'aes-256-gcm',
    await kek(passphrase, Buffer.from(avvolta.kdf.sale, 'base64'), avvolta.kdf),
    Buffer.from(avvolta.iv, 'base64'),
  );
  decipher.setAAD(AAD);
  decipher.setAuthTag(Buffer.from(avvolta.tag, 'base64'));
  try {
    return Buffer.concat([decipher.update(Buffer.from(avvolta.chiave, 'base64')), decipher.final()]);
  } catch {
    return null;
  }
}
