import { DEMO_PASSWORD } from '../../../electron/common/demo/index';
import { startEmbeddedDemo, type EmbeddedDemo } from '../../../sandbox/embedded';
import type { Shell } from './shell';

// An office's first start against a remote service (the sandbox on loopback), driven as the page
// would through IPC: the service, the office passphrase when asked, the operator's login.

export const OPERATORE = { username: 'operatore1', password: DEMO_PASSWORD };
export const PASSPHRASE = 'una frase lunga che l’ufficio ricorda';

export async function remoteService(): Promise<EmbeddedDemo> {
  return startEmbeddedDemo(null);
}

type Result = { ok: boolean; value?: any; error?: { code: string; message: string } };

export function pageCall(shell: Shell, pageUrl = 'cassetto://app/index.html#/') {
  const url = new URL(pageUrl);
  const frame = { url: pageUrl, origin: `${url.protocol}//${url.host}`, parent: null };
  return async (name: string, input: unknown = {}): Promise<Result> => (await shell.invoke('cassetto:invoke', frame, name, input)) as Result;
}

/** Chooses the remote service, sets the office passphrase if the state asks for it, logs in; answers configurazione.stato. */
export async function firstStart(shell: Shell, serviceUrl: string, pageUrl?: string): Promise<any> {
  const call = pageCall(shell, pageUrl);
  const must = async (name: string, input?: unknown) => {
    const result = await call(name, input);
    if (!result.ok) throw new Error(`${name}: ${result.error?.code} ${result.error?.message}`);
    return result.value;
  };
  await must('configurazione.servizio', { servizio: { tipo: 'remoto', url: serviceUrl } });
  const stato = await must('configurazione.stato');
  if (stato.protezione.stato === 'da-impostare') await must('chiave.imposta', { passphrase: PASSPHRASE, conferma: PASSPHRASE });
  await must('servizio.accedi', OPERATORE);
  return must('configurazione.stato');
}
