// Test double for the extraction worker: pages containing HANG never finish, CRASH kills the
// thread; everything else goes through the real worker.
import { parentPort } from 'node:worker_threads';

parentPort?.on('message', (request: { id: number; html: string }) => {
  if (request.html.includes('HANG')) for (;;);
  if (request.html.includes('CRASH')) process.exit(3);
});
await import('../../../../electron/capture/extraction/extract-worker.ts');
