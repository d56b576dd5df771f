import { Supergraph } from '@apollo/federation-internals';
import { parse, validate } from 'graphql';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readCommittedSupergraph } from '../gateway/src/compose';

/**
 * The benchmarks' queries are valid against the graph: a bench that breaks on a schema change (as it did
 * when lists became connections) measures nothing, and nobody sees it until the figures are due.
 */
describe('benchmark queries', () => {
  const schema = Supergraph.build(readCommittedSupergraph()).apiSchema().toGraphQLJSSchema();
  const queries = JSON.parse(readFileSync(join(__dirname, '..', 'bench', 'queries.json'), 'utf8')) as Record<string, string>;

  it.each(Object.entries(queries))('%s is valid', (_name, query) => {
    expect(validate(schema, parse(query)).map((e) => e.message)).toEqual([]);
  });
});
