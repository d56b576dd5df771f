import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

const ROOT = join(__dirname, '..');

interface Cruised {
  modules: Array<{ source: string; dependencies: Array<{ resolved: string }> }>;
  summary: { violations: Array<{ from: string; to: string; rule: { name: string } }> };
}

/** `services/grid/src/case/case.service.ts` → `services/grid/src/case`; files at a service's src root stay themselves. */
function folderOf(path: string): string {
  const match = /^(services\/[^/]+\/src\/[^/]+)\//.exec(path);
  return match ? match[1]! : path;
}

/** Strongly connected groups of more than one folder (Tarjan): each is an import cycle between folders. */
function cyclesOf(edges: Map<string, Set<string>>): string[][] {
  let index = 0;
  const order = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const groups: string[][] = [];
  const visit = (node: string) => {
    order.set(node, index);
    low.set(node, index++);
    stack.push(node);
    onStack.add(node);
    for (const next of edges.get(node) ?? []) {
      if (!order.has(next)) {
        visit(next);
        low.set(node, Math.min(low.get(node)!, low.get(next)!));
      } else if (onStack.has(next)) low.set(node, Math.min(low.get(node)!, order.get(next)!));
    }
    if (low.get(node) === order.get(node)) {
      const group: string[] = [];
      let member: string;
      do {
        member = stack.pop()!;
        onStack.delete(member);
        group.push(member);
      } while (member !== node);
      if (group.length > 1) groups.push(group.sort());
    }
  };
  for (const node of edges.keys()) if (!order.has(node)) visit(node);
  return groups;
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

  it('has no import cycles between the aggregate folders of any service', () => {
    const edges = new Map<string, Set<string>>();
    for (const module of cruised.modules) {
      if (!module.source.startsWith('services/')) continue;
      const from = folderOf(module.source);
      for (const dependency of module.dependencies) {
        const to = folderOf(dependency.resolved);
        if (!to.startsWith('services/') || to === from) continue;
        edges.set(from, (edges.get(from) ?? new Set()).add(to));
      }
    }
    expect(cyclesOf(edges)).toEqual([]);
  });

  it('has no file-level import cycles and no service importing another service', () => {
    expect(cruised.summary.violations.map((v) => `${v.rule.name}: ${v.from} → ${v.to}`)).toEqual([]);
  });
});
