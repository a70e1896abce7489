/**
 * The narrow interface between SQL and the engine that runs it (the Mosaic pattern): the browser implements it
 * over duckdb-wasm's AsyncDuckDB in a worker, the tests and build scripts over duckdb-wasm's Node build.
 * Nothing above this layer knows which one it talks to.
 */
export type SqlParam = string | number | boolean | null;

/** A SQL statement with its bound parameters (`?` placeholders, in order). */
export interface SqlQuery {
  readonly sql: string;
  readonly params: readonly SqlParam[];
}

/** One row as the engine returns it: plain JSON-like values, parsed with zod before use. */
export type RawRow = Record<string, unknown>;

export interface Connector {
  /** Runs one statement with bound parameters and returns its rows. */
  query(q: SqlQuery): Promise<RawRow[]>;
  /** Runs statements without parameters (DDL, settings), in order. */
  exec(sql: string): Promise<void>;
  /** Makes a text file readable by `read_csv(name, …)`. */
  registerText(name: string, text: string): Promise<void>;
  /**
   * Makes a file (a `File` or `Blob`, or its bytes already read) readable by `read_csv(name, …)` without parsing it
   * in the page: the browser reads its bytes asynchronously and transfers them to DuckDB's worker (no main-thread
   * freeze, no copy; an ArrayBuffer given is detached).
   */
  registerFile(name: string, file: Blob | ArrayBuffer): Promise<void>;
  /** Forgets a registered file. */
  dropFile(name: string): Promise<void>;
}
