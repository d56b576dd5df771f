import { Kind, parse, valueFromASTUntyped, type FieldNode, type OperationDefinitionNode } from 'graphql';
import type { Case, Records } from '../matrix/types';

/**
 * The mutations of the supergraph as the gateway describes them (introspection), reduced to what
 * the bad-input test needs: each argument's leaves, a leaf being a scalar or enum reached through
 * input objects and lists (list items at index 0).
 */

interface TypeRef {
  kind: string;
  name: string | null;
  ofType: TypeRef | null;
}

interface IntrospectedType {
  kind: string;
  name: string;
  inputFields: Array<{ name: string; type: TypeRef }> | null;
  enumValues: Array<{ name: string }> | null;
}

export interface Introspection {
  __schema: {
    mutationType: { fields: Array<{ name: string; args: Array<{ name: string; type: TypeRef }> }> };
    types: IntrospectedType[];
  };
}

// Three wrappers deep covers [X!]!; the gateway's depth limit rules out the standard query.
export const INTROSPECTION = `{
  __schema {
    mutationType { fields { name args { name type { ...Ref } } } }
    types { kind name inputFields { name type { ...Ref } } enumValues { name } }
  }
}
fragment Ref on __Type { kind name ofType { kind name ofType { kind name ofType { kind name } } } }`;

export interface Leaf {
  /** From the argument down, list items as "0": ["input", "members", "0", "name"]. */
  path: string[];
  /** The named type: String, ID, Int, Boolean, Date, DateTime or an enum. */
  type: string;
  kind: 'SCALAR' | 'ENUM';
  nonNull: boolean;
}

export interface MutationShape {
  name: string;
  args: Array<{ name: string; type: string }>;
  leaves: Leaf[];
}

function printRef(ref: TypeRef): string {
  if (ref.kind === 'NON_NULL') return `${printRef(ref.ofType!)}!`;
  if (ref.kind === 'LIST') return `[${printRef(ref.ofType!)}]`;
  return ref.name!;
}

export function mutationShapes(introspection: Introspection): MutationShape[] {
  const types = new Map(introspection.__schema.types.map((t) => [t.name, t]));
  const leavesOf = (ref: TypeRef, path: string[], nonNull: boolean, depth: number): Leaf[] => {
    if (ref.kind === 'NON_NULL') return leavesOf(ref.ofType!, path, true, depth);
    if (ref.kind === 'LIST') return leavesOf(ref.ofType!, [...path, '0'], false, depth);
    const type = types.get(ref.name!)!;
    if (type.kind === 'INPUT_OBJECT') {
      if (depth > 5) throw new Error(`Input types nest deeper than 5 at ${path.join('.')}`);
      return type.inputFields!.flatMap((field) => leavesOf(field.type, [...path, field.name], false, depth + 1));
    }
    return [{ path, type: type.name, kind: type.kind === 'ENUM' ? 'ENUM' : 'SCALAR', nonNull }];
  };
  return introspection.__schema.mutationType.fields.map((field) => ({
    name: field.name,
    args: field.args.map((arg) => ({ name: arg.name, type: printRef(arg.type) })),
    leaves: field.args.flatMap((arg) => leavesOf(arg.type, [arg.name], false, 0)),
  }));
}

/** The mutation with each argument as a variable of its own name, selecting only `__typename`. */
export function operationOf(shape: MutationShape): string {
  const variables = shape.args.map((a) => `$${a.name}: ${a.type}`).join(', ');
  const args = shape.args.map((a) => `${a.name}: $${a.name}`).join(', ');
  return `mutation BadInput${variables ? `(${variables})` : ''} { ${shape.name}${args ? `(${args})` : ''} { __typename } }`;
}

/**
 * A valid write from the access matrix (tests/matrix/*), as argument values: the matrix writes its
 * cases with variables of any name (`$i`), read back here through the operation text.
 */
export function baselineArguments(matrixCase: Case, records: Records): Record<string, unknown> {
  const document = parse(matrixCase.query);
  const operation = document.definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION)!;
  const field = operation.selectionSet.selections.find((s): s is FieldNode => s.kind === Kind.FIELD)!;
  const variables = matrixCase.variables(records);
  return Object.fromEntries(
    (field.arguments ?? []).map((argument) => [argument.name.value, valueFromASTUntyped(argument.value, variables)]),
  );
}
