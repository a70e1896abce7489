/// <reference lib="webworker" />
import { ImportWorkerHandler } from './worker-handler';
import type { WorkerRequest } from './worker-protocol';

/** This worker's requests and what it keeps between them (worker-handler.ts): no module state beside it. */
const handler = new ImportWorkerHandler();

/** Runs import work off the main thread, one request at a time; the page cancels by terminating the worker. */
self.onmessage = (e: MessageEvent<WorkerRequest & { id: number }>) => {
  const { id } = e.data;
  handler.handle(e.data).then(
    (value) => self.postMessage({ id, ok: true, value }),
    (err: unknown) => self.postMessage({ id, ok: false, error: err instanceof Error ? err.message : String(err) }),
  );
};
