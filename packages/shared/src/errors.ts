import { GraphQLError, GraphQLFormattedError } from 'graphql';
import { z } from 'zod';

/** The error codes the graph returns in `extensions.code`; front-ends switch on these. */
export enum ErrorCode {
  BAD_USER_INPUT = 'BAD_USER_INPUT',
  UNAUTHENTICATED = 'UNAUTHENTICATED',
  FORBIDDEN = 'FORBIDDEN',
  NOT_FOUND = 'NOT_FOUND',
  CONFLICT = 'CONFLICT',
  INTERNAL_SERVER_ERROR = 'INTERNAL_SERVER_ERROR',
}

/** The one error type the domain throws: a code, the offending field when there is one, and a reason. */
export class DomainError extends GraphQLError {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly field?: string,
  ) {
    super(message, { extensions: { code, ...(field ? { field } : {}) } });
    this.name = 'DomainError';
  }
}

export const badInput = (field: string, reason: string) => new DomainError(ErrorCode.BAD_USER_INPUT, reason, field);
export const notFound = (what: string, field?: string) => new DomainError(ErrorCode.NOT_FOUND, `${what} not found`, field);
export const conflict = (reason: string, field?: string) => new DomainError(ErrorCode.CONFLICT, reason, field);
/** FORBIDDEN; names the input field when the refusal is about one (a region code outside the caller's scope). */
export const forbidden = (reason: string, field?: string) => new DomainError(ErrorCode.FORBIDDEN, reason, field);
export const unauthenticated = (reason: string) => new DomainError(ErrorCode.UNAUTHENTICATED, reason);

/**
 * Parses an input with zod at the edge. The first problem becomes a BAD_USER_INPUT error naming
 * the field (as a dotted path under `fieldPrefix`), so nothing invalid reaches storage.
 */
export function parseInput<S extends z.ZodType>(schema: S, value: unknown, fieldPrefix = 'input'): z.infer<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  const path = [fieldPrefix, ...issue.path.map(String)].filter((part) => part !== '').join('.');
  throw badInput(path, `${path}: ${issue.message}`);
}

/** Postgres unique violation → CONFLICT on the named field, other errors pass through. */
export function isUniqueViolation(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: string }).code === '23505';
}

/**
 * GraphQL's own coercion errors quote the rejected value ("got invalid value 52020119900307120…"),
 * which may be personal information (a resident ID sent as a number). The value is dropped; the
 * variable, the path and the reason stay.
 */
export function redactValues(message: string): string {
  return message
    .replace(/got invalid value .*?( at "[^"]*")?; /s, 'got an invalid value$1; ')
    .replace(/(cannot represent (?:a |an )?[^:]*?value): .*$/s, '$1')
    .replace(/(Expected value of type "[^"]+"), found .*?(;|$)/s, '$1$2');
}

/**
 * Apollo `formatError`: known codes pass through (coercion errors without the values they quote); anything unexpected becomes INTERNAL_SERVER_ERROR,
 * with its stack only outside production.
 */
export function formatError(production: boolean) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    // A scalar refusing a literal (`foundedOn: "2025-13-01"`) surfaces as a validation error; it is
    // the same bad input as the same value in a variable, and answered the same way.
    if (formatted.extensions?.code === 'GRAPHQL_VALIDATION_FAILED' && refusedByScalar(error)) {
      formatted = { ...formatted, extensions: { ...formatted.extensions, code: ErrorCode.BAD_USER_INPUT } };
    }
    const code = formatted.extensions?.code;
    const known = typeof code === 'string' && code !== ErrorCode.INTERNAL_SERVER_ERROR;
    if (known) {
      if (code === 'BAD_USER_INPUT' || code === 'GRAPHQL_VALIDATION_FAILED') {
        const redacted = redactValues(formatted.message);
        if (redacted !== formatted.message) {
          // The stack of a coercion error quotes the value again; it is GraphQL's internals anyway.
          const { stacktrace: _quoted, ...extensions } = formatted.extensions ?? {};
          formatted = { ...formatted, message: redacted, extensions };
        }
      }
      if (!production) return formatted;
      const { stacktrace: _stack, ...extensions } = formatted.extensions ?? {};
      return { ...formatted, extensions };
    }
    if (!production) return formatted;
    void error;
    return {
      message: 'Internal server error',
      locations: formatted.locations,
      path: formatted.path,
      extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR },
    };
  };
}

function refusedByScalar(error: unknown): boolean {
  const original = error instanceof GraphQLError ? error.originalError : undefined;
  return original instanceof GraphQLError && original.extensions?.code === ErrorCode.BAD_USER_INPUT;
}

/** True for a UUID as Postgres prints it; look-ups skip anything else so one bad id does not fail a batch. */
export function isUuid(value: string): boolean {
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value);
}

/** An input field holding an id: a UUID, else BAD_USER_INPUT naming the field. */
export function uuidInput(what: string) {
  return z.string().refine(isUuid, `${what} is a UUID`);
}
