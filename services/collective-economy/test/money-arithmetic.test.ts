import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';

/**
 * No floating point in money code: the files that compute with amounts may not use JavaScript
 * numbers for them. Found by the compiler's syntax tree, not by text search: `Number`, `parseFloat`,
 * `parseInt`, `Math`, `toFixed`/`toPrecision`, the `number` type and fractional or exponent literals
 * are refused; amounts are bigint (`123n`) from end to end.
 */
const ROOT = join(__dirname, '..', '..', '..');
const MONEY_CODE = [
  'packages/shared/src/kits/money.ts',
  ...['distribution', 'ledger', 'capital', 'lease'].flatMap((folder) => {
    const dir = join(ROOT, 'services/collective-economy/src', folder);
    if (!existsSync(dir)) return [];
    return readdirSync(dir)
      .filter((f) => f.endsWith('.rules.ts'))
      .map((f) => `services/collective-economy/src/${folder}/${f}`);
  }),
];

const FORBIDDEN_NAMES = new Set(['Number', 'parseFloat', 'parseInt', 'Math', 'toFixed', 'toPrecision', 'Float64Array', 'Float32Array']);

/** Where a source text does Number arithmetic, as "line: what". */
function floatingPointIn(source: string): string[] {
  const file = ts.createSourceFile('money.ts', source, ts.ScriptTarget.Latest, true);
  const found: string[] = [];
  const at = (node: ts.Node, what: string) => found.push(`${file.getLineAndCharacterOfPosition(node.getStart()).line + 1}: ${what}`);
  const visit = (node: ts.Node) => {
    if (ts.isIdentifier(node) && FORBIDDEN_NAMES.has(node.text)) at(node, node.text);
    // `(typeof LIST)[number]` names a list's element type; it computes nothing.
    if (node.kind === ts.SyntaxKind.NumberKeyword && !ts.isIndexedAccessTypeNode(node.parent)) at(node, 'the number type');
    if (ts.isNumericLiteral(node) && /[.eE]/.test(node.getText(file))) at(node, `the fraction ${node.getText(file)}`);
    ts.forEachChild(node, visit);
  };
  visit(file);
  return found;
}

/** Every source file of the service (its generated types aside): counts (shares, years) may be numbers, but nothing floats. */
const SERVICE_CODE = readdirSync(join(ROOT, 'services/collective-economy/src'), { recursive: true, encoding: 'utf8' })
  .filter((path) => path.endsWith('.ts') && !path.startsWith('generated'))
  .map((path) => `services/collective-economy/src/${path}`)
  .sort();

/** Floating point in any code: fractional or exponent literals, `Math`, `parseFloat`, `toFixed` and the like (not the `number` type). */
function fractionsIn(source: string): string[] {
  return floatingPointIn(source).filter((found) => !/: (the number type|Number|parseInt)$/.test(found));
}

describe('money code computes in bigint fen only', () => {
  it('finds Number arithmetic where it is written (the check itself can fail)', () => {
    expect(floatingPointIn('const share = Math.round(total * 0.2);')).toEqual(['1: Math', '1: the fraction 0.2']);
    expect(floatingPointIn('function f(a: number) { return Number(a).toFixed(2); }')).toHaveLength(3);
    expect(floatingPointIn('const x = parseFloat("1.5") + parseInt("2", 10) + 1e3;')).toHaveLength(3);
    expect(floatingPointIn('const fen = 100n * 3n; const text = "1234.56";')).toEqual([]);
  });

  it.each(SERVICE_CODE)('%s has no floating point at all', (path) => {
    expect(fractionsIn(readFileSync(join(ROOT, path), 'utf8'))).toEqual([]);
  });

  it('still finds floating point where counts are numbers', () => {
    expect(fractionsIn('const shares: number = Number(x); const cut = Math.floor(shares * 0.2);')).toEqual([
      '1: Math',
      '1: the fraction 0.2',
    ]);
  });

  it.each(MONEY_CODE)('%s has none', (path) => {
    expect(floatingPointIn(readFileSync(join(ROOT, path), 'utf8'))).toEqual([]);
  });
});
