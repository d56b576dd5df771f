import { Supergraph } from '@apollo/federation-internals';
import { composeServices as composeWithTheGuild } from '@theguild/federation-composition';
import { buildSchema, lexicographicSortSchema, parse, printSchema } from 'graphql';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { composeSupergraph, readCommittedSupergraph, subgraphSdls } from '../src/compose';

describe('supergraph', () => {
  it('is committed fresh: npm run compose would not change it', () => {
    expect(readCommittedSupergraph()).toBe(composeSupergraph().supergraphSdl);
  });

  it('has resolver types generated fresh from every service SDL: npm run compose would not change them', () => {
    // GraphQL Code Generator ships ESM that Jest cannot load: it runs as its own process.
    const run = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/codegen.ts', '--check'], {
      cwd: join(__dirname, '..', '..'),
      encoding: 'utf8',
    });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
  }, 60000);

  it('composes to the same API schema with a second, independent composer', () => {
    const theGuild = composeWithTheGuild(subgraphSdls().map((s) => ({ name: s.name, url: s.url, typeDefs: parse(s.sdl) })));
    expect(theGuild.errors ?? []).toEqual([]);
    const apollo = Supergraph.build(composeSupergraph().supergraphSdl).apiSchema().toGraphQLJSSchema();
    const normalise = (sdl: string) => printSchema(lexicographicSortSchema(buildSchema(sdl)));
    expect(normalise(theGuild.publicSdl!)).toBe(printSchema(lexicographicSortSchema(apollo)));
  });
});
