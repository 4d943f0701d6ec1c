import { z } from 'zod';

// The office's own name and contact, printed on the client's promemoria. Kept with the workspace
// configuration (impostazioni.json): it is the office's data, never a client's.

export const UFFICIO_LIMITI = { nome: 120, telefono: 30, email: 254, indirizzo: 200 } as const;

const TELEFONO = /^\+?[0-9][0-9 ./()-]*$/;
// Deliberately plain: one address, no display name, no list (it ends up in a mailto: link and on paper).
const EMAIL = /^[^\s@<>(),;:"[\]\\]+@[^\s@<>(),;:"[\]\\]+\.[^\s@<>(),;:"[\]\\]+$/;

/** An optional line: trimmed, bounded, empty means absent (null). */
function facoltativo(max: number, etichetta: string) {
  return z
    .string()
    .trim()
    .max(max, `${etichetta}: al massimo ${max} caratteri.`)
    .nullable()
    .default(null)
    .transform((v) => (v === '' ? null : v));
}

export const ufficioSchema = z
  .strictObject({
    nome: z
      .string()
      .trim()
      .min(1, 'Scrivi il nome dell’ufficio.')
      .max(UFFICIO_LIMITI.nome, `Il nome dell’ufficio: al massimo ${UFFICIO_LIMITI.nome} caratteri.`),
    telefono: facoltativo(UFFICIO_LIMITI.telefono, 'Il telefono').refine(
      (v) => v === null || TELEFONO.test(v),
      'Telefono non valido: usa cifre, spazi e i segni + ( ) . / -',
    ),
    email: facoltativo(UFFICIO_LIMITI.email, 'L’e-mail').refine((v) => v === null || EMAIL.test(v), 'Indirizzo e-mail non valido (es. ufficio@esempio.it).'),
    /** One address line: street, number, postcode and town. */
    indirizzo: facoltativo(UFFICIO_LIMITI.indirizzo, 'L’indirizzo'),
  })
  .refine((u) => u.telefono !== null || u.email !== null || u.indirizzo !== null, {
    message: 'Indica almeno un recapito dell’ufficio: telefono, e-mail o indirizzo.',
    path: ['telefono'],
  });

export type Ufficio = z.output<typeof ufficioSchema>;

/** The office's contact as one line: «tel. … · e-mail … · indirizzo». */
export function recapitiUfficio(u: Ufficio): string {
  return [u.telefono && `tel. ${u.telefono}`, u.email && `e-mail ${u.email}`, u.indirizzo].filter(Boolean).join(' · ');
}
