import type { Handler } from './types';

export const syncOra: Handler<'sync.ora'> = async (_input, ctx) => ctx.sync.syncNow();

export const syncStato: Handler<'sync.stato'> = async (_input, ctx) => ctx.sync.stato;
