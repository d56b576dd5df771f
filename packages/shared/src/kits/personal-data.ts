import { parse } from 'graphql';
import { z } from 'zod';
import { paginate, timestampKey, type ConnectionArgs } from '../connection';
import { scopedQuery } from '../database';
import { badInput } from '../errors';
import { defineModule, type AggregateModule } from '../module';
import { PersonalDataAccess, personalDataKeys } from '../personal-data';
import { decryptPersonal, encryptPersonal, lookupHash, residentIdProblem } from '../pii';
import type { SubgraphContext } from '../subgraph';
import { regionPrefixInput } from './regions';

/**
 * Personal data (PIPL), written once for every service that holds it: the input fields, how a
 * resident ID number is kept (encrypted, with a keyed hash for exact look-up), and the audit log of
 * whole reads with its query. Masking and the audit itself are `personalValue` (personal-data.ts).
 */

/** A mainland mobile number (11 digits from 1) or a landline with its area code (0851-8888888). */
const PHONE = /^(1\d{10}|0\d{2,3}-?\d{7,8})$/;

/** A phone number input; null when absent. */
export const phoneInput = z
  .string()
  .trim()
  .regex(PHONE, 'a phone number is a mobile number (11 digits from 1) or a landline with its area code (0851-8888888)');

/**
 * A resident ID number (身份证号), normalised to upper case (a trailing x is the check character X).
 * The messages come from `residentIdProblem` and never repeat the number: it must not end up in an
 * error response or a log.
 */
export const residentIdInput = z
  .string()
  .trim()
  .transform((value) => value.toUpperCase())
  .superRefine((value, ctx) => {
    const problem = residentIdProblem(value);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });

/** How a resident ID number is stored: AES-256-GCM cipher text and a keyed hash for exact look-up. */
export function protectResidentId(residentId: string): { cipher: string; hash: string } {
  const keys = personalDataKeys();
  return { cipher: encryptPersonal(residentId, keys.encryption), hash: lookupHash(residentId, keys.hash) };
}

export function residentIdFromCipher(cipher: string): string {
  return decryptPersonal(cipher, personalDataKeys().encryption);
}

/** The look-up hash of a resident ID number given as a query argument (BAD_USER_INPUT, never echoing it, when invalid). */
export function residentIdLookup(value: string, field = 'residentId'): string {
  const normalised = value.trim().toUpperCase();
  const problem = residentIdProblem(normalised);
  if (problem) throw badInput(field, `${field}: ${problem}`);
  return lookupHash(normalised, personalDataKeys().hash);
}

const AUDIT_TYPE_DEFS = `
"Whether a read of a whole personal value was served or refused."
enum PersonalDataAccessOutcome {
  "The whole value was returned."
  SUCCESS
  "The whole value was asked for and refused (FORBIDDEN); it stayed masked."
  FAILURE
}

"""
One audited read of a whole personal value (PIPL): who asked for which field of which record, when,
and whether it was served. The log is append-only and kept in every subgraph that holds personal
information.
"""
type PersonalDataAccess @shareable {
  "Opaque identifier of the audit record."
  id: ID!
  "When the value was asked for."
  accessedAt: DateTime!
  "Who asked: the subject of their token."
  subject: String!
  "Their name as in their token (may be empty for a machine client)."
  subjectName: String!
  "Their roles at the time."
  roles: [String!]!
  "The region of the record read (usually a 12-digit community code)."
  regionCode: ID!
  "The type of the record read, e.g. Household or HouseholdMember."
  recordType: String!
  "The id of the record read."
  recordId: ID!
  "The field asked for whole, e.g. name, phone, residentId, address."
  field: String!
  "The GraphQL operation name the client sent; null when it sent none."
  operationName: String
  "Served or refused."
  outcome: PersonalDataAccessOutcome!
  "Why it was refused; null when served."
  reason: String
}

"A page of audited reads of personal information."
type PersonalDataAccessConnection @shareable {
  "The reads of this page, newest first."
  edges: [PersonalDataAccessEdge!]!
  "Where this page ends."
  pageInfo: PageInfo!
  "How many reads match, all pages together."
  totalCount: Int!
}

"One audited read and its cursor."
type PersonalDataAccessEdge @shareable {
  "Pass as \`after\` to get the reads after this one."
  cursor: String!
  "The audited read."
  node: PersonalDataAccess!
}
`;

interface AuditArgs extends ConnectionArgs {
  regionCode: string;
  since?: Date | null;
  until?: Date | null;
}

/** Audit records in the caller's scope under a region, newest first, as a connection (for AUDITOR). */
export function listPersonalDataAccessConnection(context: SubgraphContext, args: AuditArgs) {
  const query = scopedQuery(context.dataSource, PersonalDataAccess, 'a', context.identity).andWhere('a.region_code LIKE :prefix', {
    prefix: `${regionPrefixInput(args.regionCode)}%`,
  });
  if (args.since) query.andWhere('a.accessed_at >= :since', { since: args.since });
  if (args.until) query.andWhere('a.accessed_at < :until', { until: args.until });
  return paginate(query, args, [
    timestampKey<PersonalDataAccess>('a.accessed_at', 'DESC', (a) => a.accessedAt),
    { column: 'a.id', direction: 'DESC', value: (a) => a.id },
  ]);
}

/**
 * The audit log as a module of a service: the shared types (declared in each subgraph that returns
 * them, as Federation asks) and the service's own query, e.g. `gridPersonalDataAccesses`.
 */
export function personalDataAuditModule(queryField: string, holds: string): AggregateModule {
  return defineModule({
    name: 'personal-data-audit',
    typeDefs: parse(`${AUDIT_TYPE_DEFS}
extend type Query {
  """
  The audit log of whole reads of personal information in this subgraph (${holds}), newest first, for
  auditors (AUDITOR role) and only for records in their scope.
  """
  ${queryField}(
    "A region code prefix: 2–12 digits (52 Guizhou, 520201 Zhongshan, a 12-digit community)."
    regionCode: ID!
    "Only reads at or after this instant."
    since: DateTime
    "Only reads before this instant."
    until: DateTime
    "How many records to return, 1–500 (50 when absent)."
    first: Int
    "The \`endCursor\` of the previous page."
    after: String
  ): PersonalDataAccessConnection!
}`),
    resolvers: {
      Query: { [queryField]: (_: unknown, args: AuditArgs, context: SubgraphContext) => listPersonalDataAccessConnection(context, args) },
    },
    access: { [`Query.${queryField}`]: ['AUDITOR'] },
  });
}
