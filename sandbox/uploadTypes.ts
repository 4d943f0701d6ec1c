import { ALLEGATO_MIME } from '../electron/common/domain/allegati';

/** Content types the upload route accepts; octet-stream = "type it from the bytes". */
export const ALLEGATO_CONTENT_TYPES_DOC: readonly string[] = [...ALLEGATO_MIME, 'application/octet-stream'];
