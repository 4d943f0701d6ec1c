// Deterministic demo data (seeded): see generator.ts.
export {
  DEMO_INTERMEDIARIO_ID,
  DEMO_OPERATORI,
  DEMO_PASSWORD,
  datasetCounts,
  generateDataset,
  type CitizenAccount,
  type DatasetSize,
  type DemoAccount,
  type DemoDataset,
} from './generator';
export { Random, WeightedTable, cumulative } from './random';
