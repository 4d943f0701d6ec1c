import { AppError } from '../../common/errors';
import { NOTA_MAX } from '../../common/model';

/** What a batch's note may say about each draft: the client, the rapporto, the quesiti's protocol numbers. */
export interface DatiNota {
  nominativo: string;
  codiceRapporto: string;
  quesiti: string;
}

const SEGNAPOSTI: readonly (keyof DatiNota)[] = ['nominativo', 'codiceRapporto', 'quesiti'];
const SEGNAPOSTO = /\{([^{}]*)\}/g;

/**
 * Checks a note template once, before the batch writes anything: an unknown placeholder
 * (a typo such as {nome}) would otherwise end up, as typed, in every client's note.
 */
export function checkModelloNota(modello: string): void {
  for (const match of modello.matchAll(SEGNAPOSTO)) {
    const nome = match[1]!;
    if (!(SEGNAPOSTI as readonly string[]).includes(nome)) {
      throw new AppError(
        'SEGNAPOSTO_SCONOSCIUTO',
        `Il modello della nota contiene un segnaposto sconosciuto: {${nome}}. Si possono usare {nominativo}, {codiceRapporto} e {quesiti}.`,
        [{ path: 'notaModello', message: `Segnaposto sconosciuto: {${nome}}.` }],
      );
    }
  }
}

/** The note of one draft; null when the template is empty. Throws when it would pass the service's cap. */
export function compilaNota(modello: string | null, dati: DatiNota): string | null {
  if (modello === null || modello === '') return null;
  const nota = modello.replace(SEGNAPOSTO, (_all, nome: keyof DatiNota) => dati[nome]).trim();
  if (nota.length > NOTA_MAX) {
    throw new AppError('NOTA_TROPPO_LUNGA', `Con i dati di questo rapporto la nota supererebbe i ${NOTA_MAX} caratteri: accorcia il modello.`, [
      { path: 'notaModello', message: `Nota oltre i ${NOTA_MAX} caratteri.` },
    ]);
  }
  return nota === '' ? null : nota;
}
