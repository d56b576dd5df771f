import { Supergraph } from '@apollo/federation-internals';
import { Kind, parse, validate, type DocumentNode } from 'graphql';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { composeSupergraph } from '../gateway/src/compose';

/** The README's example operations are what front-end teams copy first: each must be valid against the graph. */
describe('README examples', () => {
  const readme = readFileSync(join(__dirname, '..', 'README.md'), 'utf8');
  const blocks = [...readme.matchAll(/```graphql\n([\s\S]*?)```/g)].map((m) => m[1]!);
  const schema = Supergraph.build(composeSupergraph().supergraphSdl).apiSchema().toGraphQLJSSchema();

  it('has examples', () => {
    expect(blocks.length).toBeGreaterThanOrEqual(4);
  });

  it.each(blocks.map((block, i) => [i + 1, block]))('example %i is a valid operation', (_n, block) => {
    // "…" stands for an id the reader fills in.
    const document = parse(String(block).replace(/…/g, 'example-id'));
    const operations = document.definitions.filter((d) => d.kind === Kind.OPERATION_DEFINITION);
    expect(operations.length).toBeGreaterThan(0);
    for (const operation of operations) {
      const single: DocumentNode = { kind: Kind.DOCUMENT, definitions: [operation] };
      expect(validate(schema, single).map((e) => e.message)).toEqual([]);
    }
  });
});
