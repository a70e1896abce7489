export function serveStatic(
  dir: string,
  port?: number,
  host?: string,
  headers?: Record<string, string>,
): Promise<{ url: string; close: () => Promise<void> }>;
