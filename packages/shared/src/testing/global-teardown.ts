import { rmSync } from 'node:fs';

/** Removes the directory where this run claimed region codes. */
export default function globalTeardown(): void {
  if (process.env.GG_TEST_RUN_DIR) rmSync(process.env.GG_TEST_RUN_DIR, { recursive: true, force: true });
}
