import { deliveryBench } from './delivery.bench';
import { pipelineBench } from './pipeline.bench';
import { BenchSuite } from './suite';

/** Every benchmark suite, in the order `npm run bench` runs them. One line per suite. */
export const suites: BenchSuite[] = [pipelineBench, deliveryBench];
