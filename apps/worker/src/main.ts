import { loadDotEnv } from '@platform/config';
import { createWorkerApp } from './worker.app.js';

loadDotEnv();

/** `npm run start:worker`: one worker process; run several, they share the queues and elect leaders in PostgreSQL. */
createWorkerApp()
  .then((app) => app.enableShutdownHooks())
  .catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
