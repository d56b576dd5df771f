import { GraphQLError, Kind, type ASTVisitor, type FragmentDefinitionNode, type SelectionSetNode, type ValidationContext } from 'graphql';

/**
 * Abuse limits checked before a query is planned. Generous for every front-end we know of;
 * documented in docs/security.md.
 */
export const QUERY_LIMITS = {
  /** Deepest nesting of selections (fragments expanded). */
  maxDepth: 12,
  /** Aliased fields in one document. */
  maxAliases: 30,
  /** Fields at the root of one operation. */
  maxRootFields: 15,
  /** Characters of the query text. */
  maxQueryLength: 20_000,
} as const;

// Apollo reports validation errors as GRAPHQL_VALIDATION_FAILED; `limit` says which limit was hit.
const limitError = (message: string, limit: string) => new GraphQLError(message, { extensions: { limit } });

function depthOf(set: SelectionSetNode | undefined, fragments: Map<string, FragmentDefinitionNode>, seen: Set<string>): number {
  if (!set) return 0;
  let deepest = 0;
  for (const selection of set.selections) {
    if (selection.kind === Kind.FIELD) {
      deepest = Math.max(deepest, selection.selectionSet ? 1 + depthOf(selection.selectionSet, fragments, seen) : 1);
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      deepest = Math.max(deepest, depthOf(selection.selectionSet, fragments, seen));
    } else {
      const name = selection.name.value;
      const fragment = fragments.get(name);
      if (!fragment || seen.has(name)) continue; // cycles are reported by the standard NoFragmentCycles rule
      deepest = Math.max(deepest, depthOf(fragment.selectionSet, fragments, new Set([...seen, name])));
    }
  }
  return deepest;
}

/** Validation rule: depth, aliases and root fields within QUERY_LIMITS. */
export function queryLimitsRule(context: ValidationContext): ASTVisitor {
  const document = context.getDocument();
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const def of document.definitions) if (def.kind === Kind.FRAGMENT_DEFINITION) fragments.set(def.name.value, def);
  let aliases = 0;
  return {
    Field(node) {
      if (node.alias && ++aliases === QUERY_LIMITS.maxAliases + 1) {
        context.reportError(limitError(`The query uses more than ${QUERY_LIMITS.maxAliases} aliases`, 'maxAliases'));
      }
    },
    OperationDefinition(node) {
      const roots = node.selectionSet.selections.length;
      if (roots > QUERY_LIMITS.maxRootFields) {
        context.reportError(
          limitError(`The operation selects ${roots} root fields; the limit is ${QUERY_LIMITS.maxRootFields}`, 'maxRootFields'),
        );
      }
      const depth = depthOf(node.selectionSet, fragments, new Set());
      if (depth > QUERY_LIMITS.maxDepth) {
        context.reportError(limitError(`The query is ${depth} levels deep; the limit is ${QUERY_LIMITS.maxDepth}`, 'maxDepth'));
      }
    },
  };
}
