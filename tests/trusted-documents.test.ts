import { Supergraph } from '@apollo/federation-internals';
import { parse, validate } from 'graphql';
import { readCommittedSupergraph } from '../gateway/src/compose';
import { loadTrustedDocuments, sha256, TRUSTED_DOCUMENT_LISTS } from '../gateway/src/trusted-documents';

/** The persisted operation lists kept in the repo: each entry's id is its body's sha256, and each body is valid against the graph. */
describe('trusted documents', () => {
  const schema = Supergraph.build(readCommittedSupergraph()).apiSchema().toGraphQLJSSchema();
  const documents = loadTrustedDocuments();

  it('has lists, each with operations', () => {
    expect(TRUSTED_DOCUMENT_LISTS.length).toBeGreaterThan(0);
    expect(documents.size).toBeGreaterThan(0);
  });

  it.each([...documents.entries()].map(([id, d]) => [d.name, id, d.body]))('%s is valid and named by its hash', (_name, id, body) => {
    expect(sha256(String(body))).toBe(id);
    expect(validate(schema, parse(String(body))).map((e) => e.message)).toEqual([]);
  });
});
