import { isValidCodiceFiscale } from '../../../electron/common/domain/codiceFiscale';
import type { DatasetIndex } from './dataset';
import { ageOn, decodeCf, problems, uniqueCount } from './util';

/** Datori: valid codici fiscali, realistic ages and contacts; the citizens' logins. */
export function checkDatori({ ds, today, datori, comuni }: DatasetIndex): string[] {
  const { ok, list } = problems();
  ok(datori.size === ds.datori.length, 'datori: CF unici');
  let anziani = 0;
  for (const d of ds.datori) {
    ok(isValidCodiceFiscale(d.codiceFiscale), `datore ${d.codiceFiscale}: CF non valido`);
    const age = ageOn(decodeCf(d.codiceFiscale, today).nascita, today);
    ok(age >= 30 && age <= 90, `datore ${d.codiceFiscale}: età ${age}`);
    if (age >= 75) anziani++;
    ok(comuni.get(d.comune)?.provincia === d.provincia, `datore ${d.codiceFiscale}: comune/provincia`);
    ok(d.nome.length > 0 && d.cognome.length > 0, `datore ${d.codiceFiscale}: nome`);
    ok(d.telefono === null || /^3\d{9}$/.test(d.telefono), `datore ${d.codiceFiscale}: telefono ${d.telefono}`);
    ok(d.email === null || /^[a-z]+\.[a-z]+\d*@[a-z.]+$/.test(d.email), `datore ${d.codiceFiscale}: email ${d.email}`);
  }
  ok(anziani / ds.datori.length > 0.2, `datori anziani: ${anziani}`);
  ok(ds.datori.some((d) => d.telefono !== null) && ds.datori.some((d) => d.telefono === null), 'telefono: alcuni sì, alcuni no');
  ok(ds.datori.some((d) => d.email !== null) && ds.datori.some((d) => d.email === null), 'email: alcuni sì, alcuni no');
  ok(ds.citizenAccounts.length > 0, 'account cittadino');
  for (const c of ds.citizenAccounts) ok(datori.has(c.datoreCf) && c.password.length > 0, `cittadino ${c.username}`);
  ok(
    uniqueCount([...ds.accounts, ...ds.citizenAccounts].map((a) => a.username)) === ds.accounts.length + ds.citizenAccounts.length,
    'username unici (operatori e cittadini)',
  );
  return list;
}
