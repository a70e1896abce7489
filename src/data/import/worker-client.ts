import type { WorkerRequest } from './worker-protocol';

/** The import worker, one request at a time, with promises; terminating it cancels everything. */
export class ImportWorker {
  private readonly worker = new Worker(new URL('./import.worker.ts', import.meta.url), { type: 'module' });
  private readonly waiting = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  private next = 0;
  /** Why the worker is gone: every later request is refused with it (a request posted to it would never be answered). */
  private dead: Error | null = null;
  constructor() {
    this.worker.onmessage = (e: MessageEvent<{ id: number; ok: boolean; value?: unknown; error?: string }>) => {
      const w = this.waiting.get(e.data.id);
      this.waiting.delete(e.data.id);
      if (e.data.ok) w?.resolve(e.data.value);
      else w?.reject(new Error(e.data.error));
    };
    this.worker.onerror = (e) => this.fail(new Error(e.message));
  }
  call<T>(req: WorkerRequest): Promise<T> {
    if (this.dead) return Promise.reject(this.dead);
    const id = this.next++;
    return new Promise<T>((resolve, reject) => {
      this.waiting.set(id, { resolve: resolve as (v: unknown) => void, reject });
      this.worker.postMessage({ ...req, id });
    });
  }
  fail(e: Error): void {
    this.dead ??= e;
    this.worker.terminate();
    for (const w of this.waiting.values()) w.reject(e);
    this.waiting.clear();
  }
  close(): void {
    this.fail(new Error('import worker closed'));
  }
}
