import { deliveryBench } from './delivery.bench';
import { deliveryFlagsBench } from './delivery-flags.bench';
import { editorialBench } from './editorial.bench';
import { ingestBench } from './ingest.bench';
import { pipelineBench } from './pipeline.bench';
import { searchBench } from './search.bench';
import { BenchSuite } from './suite';

/** Every benchmark suite, in the order `npm run bench` runs them. One line per suite. */
export const suites: BenchSuite[] = [
  pipelineBench,
  ingestBench,
  editorialBench,
  searchBench,
  deliveryBench,
  deliveryFlagsBench,
];
