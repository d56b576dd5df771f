import { Supergraph } from '@apollo/federation-internals';
import { composeServices as composeWithTheGuild } from '@theguild/federation-composition';
import { buildSchema, lexicographicSortSchema, parse, printSchema } from 'graphql';
import { composeSupergraph, readCommittedSupergraph, subgraphSdls } from '../src/compose';

describe('supergraph', () => {
  it('is committed fresh: npm run compose would not change it', () => {
    expect(readCommittedSupergraph()).toBe(composeSupergraph().supergraphSdl);
  });

  it('composes to the same API schema with a second, independent composer', () => {
    const theGuild = composeWithTheGuild(subgraphSdls().map((s) => ({ name: s.name, url: s.url, typeDefs: parse(s.sdl) })));
    expect(theGuild.errors ?? []).toEqual([]);
    const apollo = Supergraph.build(composeSupergraph().supergraphSdl).apiSchema().toGraphQLJSSchema();
    const normalise = (sdl: string) => printSchema(lexicographicSortSchema(buildSchema(sdl)));
    expect(normalise(theGuild.publicSdl!)).toBe(printSchema(lexicographicSortSchema(apollo)));
  });
});
