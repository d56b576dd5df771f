import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

const ROOT = join(__dirname, '..');

interface Cruised {
  modules: Array<{ source: string; dependencies: Array<{ resolved: string }> }>;
  summary: { violations: Array<{ from: string; to: string; rule: { name: string } }> };
}

/**
 * The shape of the code (rules in .dependency-cruiser.json, cycles between folders computed here):
 * a service's aggregate folders never import each other in a circle (an aggregate reaches another
 * only through its use cases, one way), and no service imports another service's code.
 */
describe('architecture', () => {
  let cruised: Cruised;

  beforeAll(() => {
    let output: string;
    try {
      output = execFileSync(
        join(ROOT, 'node_modules', '.bin', 'depcruise'),
        ['services', '--config', '.dependency-cruiser.json', '--output-type', 'json'],
        { cwd: ROOT, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
      );
    } catch (error) {
      // depcruise exits non-zero when it finds violations; its report is still on stdout.
      output = (error as { stdout: string }).stdout;
    }
    cruised = JSON.parse(output) as Cruised;
  }, 60000);

  it('sees the services (a cruise that found nothing would prove nothing)', () => {
    expect(cruised.modules.filter((m) => m.source.startsWith('services/grid/src/')).length).toBeGreaterThan(10);
  });

  it('has no file-level import cycles and no service importing another service', () => {
    expect(cruised.summary.violations.map((v) => `${v.rule.name}: ${v.from} → ${v.to}`)).toEqual([]);
  });
});
