import { composeServices } from '@apollo/composition';
import { DEFAULT_PORTS, SERVICE_NAMES } from '@gg/shared';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'graphql';

export const ROOT = join(__dirname, '..', '..');
export const SUPERGRAPH_PATH = join(ROOT, 'gateway', 'supergraph.graphql');

/** Each subgraph's SDL as committed under services/<name>/schema.graphql. */
export function subgraphSdls(): Array<{ name: string; url: string; sdl: string }> {
  return SERVICE_NAMES.map((name) => ({
    name,
    // The URL in the supergraph is only a default; the gateway takes each subgraph's URL from its environment.
    url: `http://localhost:${DEFAULT_PORTS[name]}/graphql`,
    sdl: readFileSync(join(ROOT, 'services', name, 'schema.graphql'), 'utf8'),
  }));
}

/** Composes the supergraph from the subgraphs' schemas; throws with every composition error. */
export function composeSupergraph(): { supergraphSdl: string; hints: string[] } {
  const result = composeServices(subgraphSdls().map((s) => ({ name: s.name, url: s.url, typeDefs: parse(s.sdl) })));
  if (result.errors) {
    throw new Error(`Composition failed:\n${result.errors.map((e) => `- ${e.message}`).join('\n')}`);
  }
  return { supergraphSdl: result.supergraphSdl, hints: result.hints.map((h) => h.toString()) };
}

export function readCommittedSupergraph(): string {
  return readFileSync(SUPERGRAPH_PATH, 'utf8');
}

if (require.main === module) {
  const { supergraphSdl, hints } = composeSupergraph();
  for (const hint of hints) console.info(`[compose] hint: ${hint}`);
  writeFileSync(SUPERGRAPH_PATH, supergraphSdl);
  console.info(`[compose] wrote ${SUPERGRAPH_PATH}`);
}
