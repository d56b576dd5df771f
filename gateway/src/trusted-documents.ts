import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RequestHandler } from 'express';
import { GraphQLError } from 'graphql';
import { z } from 'zod';
import { ADMIN_ROLES, hasRole, type Identity } from '@gg/shared';

/** Apollo's persisted query list manifest (`apollo-persisted-query-manifest`, version 1). */
const manifestSchema = z.object({
  format: z.literal('apollo-persisted-query-manifest'),
  version: z.literal(1),
  operations: z.array(
    z.object({ id: z.string().regex(/^[0-9a-f]{64}$/), name: z.string(), type: z.enum(['query', 'mutation']), body: z.string() }),
  ),
});

/** Registered operations by id (the sha256 of the body, as Apollo's clients send it). */
export type TrustedDocuments = ReadonlyMap<string, { name: string; body: string }>;

/** The lists kept in the repo, one per public client built from its documents. */
export const TRUSTED_DOCUMENT_LISTS = [join(__dirname, '..', 'trusted-documents', 'resident-mini-program.json')];

export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** Reads the manifests; a body whose id is not its sha256 is an error (the list would not match what clients send). */
export function loadTrustedDocuments(paths: readonly string[] = TRUSTED_DOCUMENT_LISTS): TrustedDocuments {
  const documents = new Map<string, { name: string; body: string }>();
  for (const path of paths) {
    const manifest = manifestSchema.parse(JSON.parse(readFileSync(path, 'utf8')));
    for (const operation of manifest.operations) {
      if (sha256(operation.body) !== operation.id)
        throw new Error(`${path}: ${operation.name} has an id that is not the sha256 of its body`);
      documents.set(operation.id, { name: operation.name, body: operation.body });
    }
  }
  return documents;
}

/**
 * The resident mini-program (RESIDENT person tokens without a staff role) is a public client: in
 * production it may run only the registered operations. Staff back offices and machine clients may
 * send any operation within the query limits.
 */
export function isRestrictedClient(identity: Identity): boolean {
  return identity.clientKind === 'PERSON' && hasRole(identity, 'RESIDENT') && !hasRole(identity, ...ADMIN_ROLES, 'GRIDWORKER');
}

/** A registered operation may be sent by id alone (`extensions.persistedQuery.sha256Hash`): its body is filled in here. */
export function fillTrustedDocument(documents: TrustedDocuments): RequestHandler {
  return (req, _res, next) => {
    const body = req.body as { query?: unknown; extensions?: { persistedQuery?: { sha256Hash?: unknown } } } | undefined;
    const hash = body?.extensions?.persistedQuery?.sha256Hash;
    if (body && typeof body.query !== 'string' && typeof hash === 'string') {
      const document = documents.get(hash);
      if (document) {
        body.query = document.body;
        // Served from the list, not Apollo's automatic persisted queries cache.
        delete body.extensions!.persistedQuery;
      }
    }
    next();
  };
}

/** Refuses an operation outside the list from a restricted client (production only). */
export function requireTrustedDocument(documents: TrustedDocuments, identity: Identity, query: unknown, production: boolean): void {
  if (!production || !isRestrictedClient(identity)) return;
  if (typeof query === 'string' && documents.has(sha256(query))) return;
  throw new GraphQLError('This client may run only registered operations (the persisted operation list); this one is not in it', {
    extensions: { code: 'PERSISTED_QUERY_NOT_IN_LIST', http: { status: 400 } },
  });
}
