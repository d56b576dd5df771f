import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export const ROOT = join(__dirname, '..', '..');
/** The supergraph composed at build time (`npm run compose`) and committed; the gateway serves it. */
export const SUPERGRAPH_PATH = join(ROOT, 'gateway', 'supergraph.graphql');

export function readCommittedSupergraph(): string {
  return readFileSync(SUPERGRAPH_PATH, 'utf8');
}
