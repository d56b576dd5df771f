import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import {
  getLocation,
  GraphQLError,
  Kind,
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLFormattedError,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type ValueNode,
} from 'graphql';
import { ErrorCode } from '../errors';
import { forbiddenCharacterIn } from './text';

/**
 * The platform's guard on input, for every operation of every service, before any resolver runs:
 *
 * - a string anywhere in the arguments (literal or variable, ids and region codes included, which
 *   no zod schema parses) holding a character no person types (NUL, control characters, bidi
 *   controls, lone surrogates…; line feeds and tabs are allowed, free text keeps them) is
 *   BAD_USER_INPUT naming the argument, e.g. `extensions.field = "input.members.0.name"`;
 * - a value GraphQL itself refuses (a wrong type, a `Date` that is no day) names its argument the
 *   same way: GraphQL's message names the variable (`$i` at "i.foundedOn"), clients and the
 *   bad-input test want the argument (`input.foundedOn`);
 * - with `subgraph: true`, an answer made only of BAD_USER_INPUT errors is sent with HTTP 200: the
 *   gateway turns any other status of a subgraph into an INTERNAL_SERVER_ERROR without the field.
 */
export function inputGuardPlugin(options: { subgraph?: boolean } = {}): ApolloServerPlugin<BaseContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ document, operation, request }) {
          const values = argumentValues(document, operation ? [operation] : []);
          const byVariable = variablePaths(values);
          for (const { path, node } of values) {
            if (node.kind === Kind.STRING) refuseForbidden(node.value, path);
          }
          for (const [name, value] of Object.entries(request.variables ?? {})) {
            walkStrings(value, byVariable.get(name) ?? `$${name}`, refuseForbidden);
          }
        },
        async willSendResponse({ response, document, operation }) {
          if (response.body.kind !== 'single' || !response.body.singleResult.errors) return;
          // Validation errors come before an operation is chosen: then every operation of the document is read.
          const values = document ? argumentValues(document, operation ? [operation] : operationsOf(document)) : [];
          const byVariable = variablePaths(values);
          const byLocation = locationPaths(values);
          const errors = response.body.singleResult.errors.map((error) => withField(error, byVariable, byLocation));
          response.body.singleResult.errors = errors;
          if (options.subgraph && errors.every((e) => e.extensions?.code === ErrorCode.BAD_USER_INPUT)) response.http.status = 200;
        },
      };
    },
  };
}

function refuseForbidden(value: string, path: string): void {
  // A carriage return is a line break (the text kits turn it into a line feed).
  const character = forbiddenCharacterIn(value.replace(/\r/g, ''), 'multi');
  if (!character) return;
  throw new GraphQLError(`${path}: cannot hold ${character}: no person types it`, {
    extensions: { code: ErrorCode.BAD_USER_INPUT, field: path },
  });
}

function walkStrings(value: unknown, path: string, visit: (value: string, path: string) => void): void {
  if (typeof value === 'string') visit(value, path);
  else if (Array.isArray(value)) value.forEach((item, index) => walkStrings(item, `${path}.${index}`, visit));
  else if (value && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) walkStrings(item, `${path}.${key}`, visit);
  }
}

// ─── Where each value sits in the operation ───────────────────────────────────

interface ArgumentValue {
  /** The argument's path as services name fields: `input`, `input.members.0.name`. */
  path: string;
  node: ValueNode;
}

/** Every argument value of the operation (fragments included), with nested object fields and list items. */
function argumentValues(document: DocumentNode, operations: readonly OperationDefinitionNode[]): ArgumentValue[] {
  const fragments = new Map(
    document.definitions
      .filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION)
      .map((d) => [d.name.value, d] as const),
  );
  const values: ArgumentValue[] = [];
  const visited = new Set<string>();
  const walkValue = (node: ValueNode, path: string) => {
    values.push({ path, node });
    if (node.kind === Kind.OBJECT) node.fields.forEach((field) => walkValue(field.value, `${path}.${field.name.value}`));
    if (node.kind === Kind.LIST) node.values.forEach((item, index) => walkValue(item, `${path}.${index}`));
  };
  const walkSelections = (set: SelectionSetNode) => {
    for (const selection of set.selections) {
      if (selection.kind === Kind.FIELD) {
        selection.arguments?.forEach((argument) => walkValue(argument.value, argument.name.value));
        if (selection.selectionSet) walkSelections(selection.selectionSet);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) walkSelections(selection.selectionSet);
      else if (!visited.has(selection.name.value)) {
        visited.add(selection.name.value);
        const fragment = fragments.get(selection.name.value);
        if (fragment) walkSelections(fragment.selectionSet);
      }
    }
  };
  operations.forEach((operation) => walkSelections(operation.selectionSet));
  return values;
}

function operationsOf(document: DocumentNode): OperationDefinitionNode[] {
  return document.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
}

/** Variable name → the argument path where it is first used. */
function variablePaths(values: ArgumentValue[]): Map<string, string> {
  const paths = new Map<string, string>();
  for (const { path, node } of values) {
    if (node.kind === Kind.VARIABLE && !paths.has(node.name.value)) paths.set(node.name.value, path);
  }
  return paths;
}

/** "line:column" of each literal value → its argument path (GraphQL's errors carry locations). */
function locationPaths(values: ArgumentValue[]): Map<string, string> {
  const paths = new Map<string, string>();
  for (const { path, node } of values) {
    if (!node.loc) continue;
    const { line, column } = getLocation(node.loc.source, node.loc.start);
    paths.set(`${line}:${column}`, path);
  }
  return paths;
}

// GraphQL's coercion messages: `Variable "$i" got invalid value … at "i.members[0].name"; …`
// (or "got an invalid value" once redacted by formatError), and a required variable sent as null
// or left out: `Variable "$year" of non-null type "Int!" must not be null.`
const VARIABLE_MESSAGE =
  /^Variable "\$(\w+)" (?:got (?:an )?invalid value(?:.*? at "([^"]+)")?;|of (?:non-null|required) type "[^"]+" (?:must not be null|was not provided))/s;

/**
 * The error with `extensions.field` naming the argument, when GraphQL's own message or location tells
 * which: coercion errors of variables, and literals refused by a scalar or by validation (`year: "x"`).
 */
function withField(error: GraphQLFormattedError, byVariable: Map<string, string>, byLocation: Map<string, string>): GraphQLFormattedError {
  const code = error.extensions?.code;
  if (error.extensions?.field || (code !== ErrorCode.BAD_USER_INPUT && code !== 'GRAPHQL_VALIDATION_FAILED')) return error;
  let field: string | undefined;
  const match = VARIABLE_MESSAGE.exec(error.message);
  if (match) {
    const [, variable, at] = match;
    const base = byVariable.get(variable!) ?? `$${variable}`;
    // "i.members[0].name" → the part after the variable, list indices as path segments.
    const rest = at ? at.slice(variable!.length).replace(/\[(\d+)\]/g, '.$1') : '';
    field = `${base}${rest}`;
  } else if (error.locations?.[0]) {
    field = byLocation.get(`${error.locations[0].line}:${error.locations[0].column}`);
  }
  return field ? { ...error, extensions: { ...error.extensions, field } } : error;
}
