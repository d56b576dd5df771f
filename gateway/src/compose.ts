import { composeServices } from '@apollo/composition';
import { DEFAULT_PORTS } from '@gg/shared';
import { writeFileSync } from 'node:fs';
import { print } from 'graphql';
import { SERVICES } from '../../scripts/services';

import { SUPERGRAPH_PATH } from './supergraph-file';

export { readCommittedSupergraph, ROOT, SUPERGRAPH_PATH } from './supergraph-file';

/** Each subgraph's SDL as its service composes it from its modules' SDL parts. */
export function subgraphSdls(): Array<{ name: string; url: string; sdl: string }> {
  return SERVICES.map((service) => ({
    name: service.name,
    // The URL in the supergraph is only a default; the gateway takes each subgraph's URL from its environment.
    url: `http://localhost:${DEFAULT_PORTS[service.name]}/graphql`,
    sdl: print(service.typeDefs),
  }));
}

/** Composes the supergraph from the subgraphs' schemas; throws with every composition error. */
export function composeSupergraph(): { supergraphSdl: string; hints: string[] } {
  const result = composeServices(
    SERVICES.map((s) => ({ name: s.name, url: `http://localhost:${DEFAULT_PORTS[s.name]}/graphql`, typeDefs: s.typeDefs })),
  );
  if (result.errors) {
    throw new Error(`Composition failed:\n${result.errors.map((e) => `- ${e.message}`).join('\n')}`);
  }
  return { supergraphSdl: result.supergraphSdl, hints: result.hints.map((h) => h.toString()) };
}

if (require.main === module) {
  const { supergraphSdl, hints } = composeSupergraph();
  for (const hint of hints) console.info(`[compose] hint: ${hint}`);
  writeFileSync(SUPERGRAPH_PATH, supergraphSdl);
  console.info(`[compose] wrote ${SUPERGRAPH_PATH}`);
}
