// The bulk file writer's worker thread (bulk-worker.ts) starts here: a worker
// does not inherit the TypeScript loader, so tsx is registered first, as
// bin/claimgraph.js does for the process.
import { register } from 'tsx/esm/api';

register();
await import('./bulk-worker.ts');
