import {
  badInput,
  isUuid,
  loaderOf,
  paginate,
  regionLevelOf,
  scopePatterns,
  type Connection,
  type ConnectionArgs,
  type SubgraphContext,
} from '@gg/shared';
import { Department } from './department.entity';

/**
 * Departments are county bodies that everyone working in the county deals with: a department is
 * visible to callers whose scope covers its county and to those inside the county (street and
 * community staff whistle to it, its own staff are scoped to the county). Both tests are in the SQL.
 */
const VISIBLE = `(d.region_code LIKE ANY(:patterns) OR EXISTS (SELECT 1 FROM unnest(CAST(:scopes AS text[])) s WHERE s LIKE d.region_code || '%'))`;

function visibleDepartments(context: SubgraphContext) {
  return context.dataSource
    .getRepository(Department)
    .createQueryBuilder('d')
    .where(VISIBLE, { patterns: scopePatterns(context.identity), scopes: context.identity.regionScopes });
}

/** A page of departments (a `DepartmentConnection`). */
export type DepartmentConnection = Connection<Department>;

/** A page of a county's departments, by name. */
export function departmentsConnection(
  context: SubgraphContext,
  args: ConnectionArgs & { countyCode: string },
): Promise<Connection<Department>> {
  if (regionLevelOf(args.countyCode) !== 'COUNTY') throw badInput('countyCode', 'a county code has 6 digits');
  const query = visibleDepartments(context).andWhere('d.region_code = :county', { county: args.countyCode });
  return paginate(query, args, [
    { column: 'd.name', direction: 'ASC', value: (d) => d.name },
    { column: 'd.id', direction: 'ASC', value: (d) => d.id },
  ]);
}

/** A department by id for one request (batched), or null when unknown or not visible. */
export function loadDepartment(context: SubgraphContext, id: string): Promise<Department | null> {
  return loaderOf<string, Department | null>(context, 'department-by-id', async (ids) => {
    const valid = ids.filter(isUuid);
    const rows = valid.length ? await visibleDepartments(context).andWhere('d.id IN (:...ids)', { ids: valid }).getMany() : [];
    const byId = new Map(rows.map((row) => [row.id, row]));
    return ids.map((key) => byId.get(key) ?? null);
  }).load(id);
}
