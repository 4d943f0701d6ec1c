// Appointment status machine, as the Cassetto knows it:
// Confermato → Chiuso e Definito (resolved without the employer having to go)
// Confermato → Cancellato (by the user, or *disdetto* by the sede).
// The two final states never change again; nothing goes back to Confermato.
import type { AppuntamentoStato } from '../model';

export const STATO_LABELS: Record<AppuntamentoStato, string> = {
  confermato: 'Confermato',
  chiuso_definito: 'Chiuso e Definito',
  cancellato: 'Cancellato',
};

const TRANSITIONS: Record<AppuntamentoStato, readonly AppuntamentoStato[]> = {
  confermato: ['chiuso_definito', 'cancellato'],
  chiuso_definito: [],
  cancellato: [],
};

export function canTransition(from: AppuntamentoStato, to: AppuntamentoStato): boolean {
  return TRANSITIONS[from].includes(to);
}

export function isCancellabile(stato: AppuntamentoStato): boolean {
  return canTransition(stato, 'cancellato');
}

/** Why the appointment cannot be cancelled, in Italian; null when it can. */
export function motivoNonCancellabile(stato: AppuntamentoStato): string | null {
  switch (stato) {
    case 'confermato':
      return null;
    case 'cancellato':
      return "L'appuntamento è già cancellato.";
    case 'chiuso_definito':
      return "L'appuntamento è chiuso e definito: non si può cancellare.";
  }
}
