import { defineModule, loadSchema, STAFF, type Resolvers, type Role } from '@gg/shared';
import { join } from 'node:path';
import { CreateDepartment1764700000100 } from '../migrations/1764700000100-CreateDepartment';
import { createDepartment } from './department.commands';
import { Department } from './department.entity';
import { departmentFields, departmentQueries } from './department.resolvers';

/** Staff working in the county, and the departments' own staff. */
const DEPARTMENT_READERS: readonly Role[] = [...STAFF, 'DEPARTMENT_STAFF'];

/** County departments (部门): the bodies whistles are blown to (吹哨报到) and cases assigned to. */
export const departmentModule = defineModule({
  name: 'department',
  typeDefs: loadSchema(join(__dirname, 'department.graphql')),
  resolvers: { Query: departmentQueries, Department: departmentFields } as unknown as Resolvers,
  commands: [createDepartment],
  access: { 'Query.departments': DEPARTMENT_READERS, 'Query.department': DEPARTMENT_READERS, Department: DEPARTMENT_READERS },
  entities: [Department],
  migrations: [CreateDepartment1764700000100],
});
