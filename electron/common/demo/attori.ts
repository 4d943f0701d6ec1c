// The fixed actors: the intermediari and their operators (the same in every dataset).
import type { Intermediario, Operatore } from '../model';
import { DEMO_INTERMEDIARIO_ID } from './types';

/** 11-digit codice fiscale of a legal entity: 10 digits + the check digit (Luhn variant). */
function codiceFiscaleEnte(first10: string): string {
  let sum = 0;
  for (let i = 0; i < 10; i++) {
    const n = first10.charCodeAt(i) - 48;
    if (i % 2 === 0) sum += n;
    else sum += n * 2 > 9 ? n * 2 - 9 : n * 2;
  }
  return first10 + String((10 - (sum % 10)) % 10);
}

export const INTERMEDIARI: readonly Intermediario[] = [
  {
    id: DEMO_INTERMEDIARIO_ID,
    denominazione: 'Patronato Famiglia e Lavoro – Ufficio zonale Roma Tuscolano',
    codiceFiscale: codiceFiscaleEnte('8012345058'),
  },
  {
    id: 'int-002',
    denominazione: 'Studio Associato di Consulenza del Lavoro Ferri & Galli',
    codiceFiscale: codiceFiscaleEnte('0987654100'),
  },
  {
    id: 'int-003',
    denominazione: 'Associazione Datori di Lavoro Domestico – Sezione di Roma',
    codiceFiscale: codiceFiscaleEnte('9701234058'),
  },
];

export const DEMO_OPERATORI: readonly Operatore[] = [
  { id: 'op-001', intermediarioId: 'int-001', username: 'operatore1', nominativo: 'Giulia Ferri' },
  { id: 'op-002', intermediarioId: 'int-001', username: 'operatore2', nominativo: 'Marco De Santis' },
  { id: 'op-003', intermediarioId: 'int-001', username: 'operatore3', nominativo: 'Francesca Lombardi' },
  { id: 'op-004', intermediarioId: 'int-001', username: 'operatore4', nominativo: 'Davide Romano' },
  { id: 'op-005', intermediarioId: 'int-002', username: 'operatore5', nominativo: 'Paolo Galli' },
  { id: 'op-006', intermediarioId: 'int-002', username: 'operatore6', nominativo: 'Chiara Martini' },
  { id: 'op-007', intermediarioId: 'int-003', username: 'operatore7', nominativo: 'Silvana Costa' },
];

/** Indexes into DEMO_OPERATORI per intermediario index (0 = the demo office). */
export const DEMO_OPERATORI_PER_INTERMEDIARIO: readonly (readonly number[])[] = [[0, 1, 2, 3], [4, 5], [6]];
