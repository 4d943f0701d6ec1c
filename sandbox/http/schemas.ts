// The contract's records live in electron/common/remote/schemas.ts (shared with the app's gateway,
// one zod schema per id so the OpenAPI document has one definition each); the sandbox adds its limits.
export {
  allegatoAppuntamentoSchema,
  allegatoSchema,
  appuntamentoDettaglioSchema,
  appuntamentoSchema,
  argomentoSchema,
  changeSchema,
  changesPageSchema,
  codiceRapporto,
  comunicazioneSchema,
  datoreSchema,
  delegaSchema,
  isoDate,
  localTime,
  problemSchema,
  quesitoSchema,
  rapportoSchema,
  sedeSchema,
  sessioneRichiestaSchema,
  sessioneSchema,
  sha256Schema,
  storicoSchema,
} from '../../electron/common/remote/schemas';
import { COMUNICAZIONE_MAX } from '../../electron/common/model';

export const NOTA_MAX = 1000;
/** The app checks the same cap before queuing a comunicazione: one constant for both sides. */
export const TESTO_MAX = COMUNICAZIONE_MAX;
export const MOTIVO_MAX = 500;
export const QUESITI_MAX = 10;
