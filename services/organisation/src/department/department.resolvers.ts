import type { DepartmentResolvers, QueryResolvers } from '../generated/graphql';
import { loadRegion } from '../region/region.queries';
import { departmentsConnection, loadDepartment } from './department.queries';

export const departmentQueries: QueryResolvers = {
  departments: (_, args, context) => departmentsConnection(context, args),
  department: (_, args, context) => loadDepartment(context, args.id),
};

export const departmentFields: DepartmentResolvers = {
  __resolveReference: (reference, context) => loadDepartment(context, reference.id!),
  // The county is visible to whoever sees its department (a county is an ancestor of their scope).
  county: async (department, _, context) => (await loadRegion(context, department.regionCode))!,
};
