import fs from 'node:fs';
import path from 'node:path';
import { inChiaro } from '../../../db/cifratura';
import type { ProtezioneDati } from '../../common/commands/types';
import { DATABASE_FILE } from '../paths';

/** The embedded demo: invented data, its key beside it. */
export const DEMO_PROTEZIONE: ProtezioneDati = { stato: 'demo', metodo: 'demo', motivo: null, attesaSecondi: 0 };

/** Whether an office's database (<dataDir>/servizi/<service>/<office>/) is already encrypted: then a missing key file is an alarm, not a first run. */
export function esistonoDatiCifrati(dataDir: string): boolean {
  const servizi = path.join(dataDir, 'servizi');
  if (!fs.existsSync(servizi)) return false;
  for (const servizio of fs.readdirSync(servizi)) {
    const dir = path.join(servizi, servizio);
    if (!fs.statSync(dir).isDirectory()) continue;
    for (const ufficio of fs.readdirSync(dir)) {
      const file = path.join(dir, ufficio, DATABASE_FILE);
      if (fs.existsSync(file) && fs.statSync(file).size > 0 && !inChiaro(file)) return true;
    }
  }
  return false;
}
