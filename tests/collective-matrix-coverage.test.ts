import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  buildASTSchema,
  Kind,
  parse,
  TypeInfo,
  visit,
  visitWithTypeInfo,
  type ConstDirectiveNode,
  type DefinitionNode,
  type DocumentNode,
} from 'graphql';
import { MATRIX } from './matrix';
import { ROOT } from './start-process';

const SUPERGRAPH: DocumentNode = parse(readFileSync(join(ROOT, 'gateway', 'supergraph.graphql'), 'utf8'));

/** The subgraphs a type or field is joined to (`@join__type(graph: …)`, `@join__field(graph: …)`). */
function graphsOf(directives: readonly ConstDirectiveNode[] | undefined, name: string): string[] {
  return (directives ?? [])
    .filter((d) => d.name.value === name)
    .flatMap((d) =>
      (d.arguments ?? []).filter((a) => a.name.value === 'graph').map((a) => (a.value.kind === Kind.ENUM ? a.value.value : '')),
    );
}

/** Every `Type.field` that only the given subgraph resolves (shared platform types, in every subgraph, are not its own). */
export function fieldsOnlyOf(supergraph: DocumentNode, graph: string): string[] {
  return supergraph.definitions.flatMap((definition: DefinitionNode) => {
    if (definition.kind !== Kind.OBJECT_TYPE_DEFINITION || definition.name.value.startsWith('_')) return [];
    const typeGraphs = graphsOf(definition.directives, 'join__type');
    return (definition.fields ?? [])
      .filter((field) => {
        const fieldGraphs = graphsOf(field.directives, 'join__field');
        const graphs = fieldGraphs.length > 0 ? fieldGraphs : typeGraphs;
        return graphs.length === 1 && graphs[0] === graph && !field.name.value.startsWith('_');
      })
      .map((field) => `${definition.name.value}.${field.name.value}`);
  });
}

/** Every `Type.field` an operation selects. */
export function selectedFields(schema: ReturnType<typeof buildASTSchema>, operation: string): string[] {
  const typeInfo = new TypeInfo(schema);
  const found: string[] = [];
  visit(
    parse(operation),
    visitWithTypeInfo(typeInfo, {
      Field(node) {
        const parent = typeInfo.getParentType();
        if (parent) found.push(`${parent.name}.${node.name.value}`);
      },
    }),
  );
  return found;
}

/**
 * The access matrix runs its operations for every role of another county: a field no operation
 * selects is never tried there. Every field the collective-economy subgraph resolves is selected
 * by at least one of them, so each is tried for a leak (issue 14: scope isolation covers every new field).
 */
describe('the access matrix covers every collective-economy field', () => {
  const schema = buildASTSchema(SUPERGRAPH, { assumeValidSDL: true });
  const operations = MATRIX.flatMap((part) => [...Object.values(part.queries), ...Object.values(part.mutations)]).map((c) => c.query);

  it('selects each field of the collective-economy subgraph in some operation of the matrix', () => {
    const selected = new Set(operations.flatMap((operation) => selectedFields(schema, operation)));
    const fields = fieldsOnlyOf(SUPERGRAPH, 'COLLECTIVE_ECONOMY');
    expect(fields.length).toBeGreaterThan(100);
    expect(fields.filter((field) => !selected.has(field))).toEqual([]);
  });

  it('would notice a field no operation selects', () => {
    expect(selectedFields(schema, '{ collectiveOrganisation(id: "x") { id name } }')).toEqual([
      'Query.collectiveOrganisation',
      'CollectiveOrganisation.id',
      'CollectiveOrganisation.name',
    ]);
    expect(fieldsOnlyOf(SUPERGRAPH, 'COLLECTIVE_ECONOMY')).toEqual(expect.arrayContaining(['Region.collectiveStats', 'Lease.tenantName']));
  });
});
