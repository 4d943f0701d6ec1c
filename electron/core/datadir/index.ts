// The data folder's health at start-up (issue 6): writable, with room, before the database opens.
export {
  checkDataDir,
  DATADIR_ERROR_CODES,
  DEFAULT_MIN_FREE_BYTES,
  openInCheckedDataDir,
  type CheckDataDirOptions,
  type DataDirFs,
  type DataDirStatus,
} from './check';
