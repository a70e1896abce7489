import { existsSync } from 'node:fs';
import path from 'node:path';

/**
 * The real published files (Eurostat, DEPP) are not part of the repository. Tests that read them look in
 * `$REAL_FILES_DIR`, else in `shared/fixtures/real` beside the checkout, and are skipped when the files are absent:
 * their names end with NEEDS_REAL_FILES, so the test output lists each one skipped, by name.
 */
export const REAL_DIR = process.env.REAL_FILES_DIR ?? path.resolve(import.meta.dirname, '..', '..', '..', 'shared', 'fixtures', 'real');

/** The path of one real file. */
export const realFile = (name: string): string => path.join(REAL_DIR, name);

/** Whether every named real file is there. */
export const hasRealFiles = (...names: string[]): boolean => names.every((n) => existsSync(realFile(n)));

/** Appended to the name of each test that needs the real files. */
export const NEEDS_REAL_FILES = '(needs the published files in $REAL_FILES_DIR or ../shared/fixtures/real)';
