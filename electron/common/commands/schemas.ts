import { z } from 'zod';
import { isIsoDate, isLocalTime } from '../domain/calendario';
import { DELEGA_STATI } from '../model';

// zod's own messages in Italian, for every transport that validates through the table.
z.config(z.locales.it());

export const isoDateSchema = z.string().refine(isIsoDate, 'Data non valida: usa il formato AAAA-MM-GG con una data esistente.');

/** Free text typed into a search box: trimmed, bounded, never interpreted. */
export const searchTextSchema = z.string().trim().max(100, 'Testo di ricerca troppo lungo (massimo 100 caratteri).');

export const delegaStatoSchema = z.enum(DELEGA_STATI);

export const pageSchema = {
  limite: z.number().int().min(1).max(500).default(100),
  offset: z.number().int().min(0).default(0),
};

export const localTimeSchema = z.string().refine(isLocalTime, 'Ora non valida: usa il formato HH:MM.');
