import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Kind, parse, type DefinitionNode } from 'graphql';

const SRC = join(__dirname, '..', 'src');

/** Every SDL part of the service: one `<aggregate>.graphql` per module folder. */
function sdlFiles(): string[] {
  return readdirSync(SRC, { recursive: true, encoding: 'utf8' })
    .filter((path) => path.endsWith('.graphql'))
    .sort();
}

/** What a definition declares without a description string: itself, its fields, their arguments, its values. */
function undescribed(definition: DefinitionNode): string[] {
  if (!('name' in definition) || !definition.name) return [];
  const type = definition.name.value;
  const missing: string[] = [];
  const isExtension =
    definition.kind === Kind.OBJECT_TYPE_EXTENSION ||
    definition.kind === Kind.INPUT_OBJECT_TYPE_EXTENSION ||
    definition.kind === Kind.ENUM_TYPE_EXTENSION;
  if (!isExtension && !('description' in definition && definition.description)) missing.push(type);
  const fields = 'fields' in definition ? (definition.fields ?? []) : [];
  for (const field of fields) {
    if (!field.description) missing.push(`${type}.${field.name.value}`);
    for (const argument of 'arguments' in field ? (field.arguments ?? []) : [])
      if (!argument.description) missing.push(`${type}.${field.name.value}(${argument.name.value})`);
  }
  const values = 'values' in definition ? (definition.values ?? []) : [];
  for (const value of values) if (!value.description) missing.push(`${type}.${value.name.value}`);
  return missing;
}

/** The descriptions are the front-end teams' documentation: nothing the service declares goes without one. */
describe('the collective-economy schema is described', () => {
  it('finds the SDL of every module', () => {
    expect(sdlFiles()).toEqual(
      expect.arrayContaining([
        'capital/capital.graphql',
        'collective-stats/collective-stats.graphql',
        'distribution/distribution.graphql',
        'lease/lease.graphql',
        'ledger/ledger.graphql',
        'shareholder/shareholder.graphql',
      ]),
    );
  });

  it.each(sdlFiles())('%s describes every type, field, argument and enum value', (file) => {
    const document = parse(readFileSync(join(SRC, file), 'utf8'));
    expect(document.definitions.flatMap(undescribed)).toEqual([]);
  });

  it('would notice a field, an argument or a value without a description', () => {
    const document = parse(`
      "A type." type T { "Described." a: Int  b("Described." x: Int, y: Int): Int }
      "An enum." enum E { "Described." ONE TWO }
      extend type Query { "Described." t: T  u: T }
    `);
    expect(document.definitions.flatMap(undescribed)).toEqual(['T.b', 'T.b(y)', 'E.TWO', 'Query.u']);
  });
});
