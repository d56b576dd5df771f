import { conflict, defineCommand, DepartmentCreated, isUniqueViolation } from '@gg/shared';
import { regionForWrite } from '../region/region.queries';
import { Department } from './department.entity';
import { createDepartmentInput } from './department.inputs';
import { DEPARTMENT_WRITERS } from './department.rules';

/**
 * Records a department of a county (部门), announced by DepartmentCreated so grid can whistle to it
 * and assign it cases. One name per county (CONFLICT naming the name otherwise).
 */
export const createDepartment = defineCommand({
  name: 'createDepartment',
  input: createDepartmentInput,
  roles: DEPARTMENT_WRITERS,
  async run(input, { caller, manager, publish }) {
    await regionForWrite(manager, caller, input.countyCode, {
      field: 'input.countyCode',
      action: 'record departments',
      levels: ['COUNTY'],
    });
    let department: Department;
    try {
      // A savepoint, so a name already taken is a CONFLICT and the transaction stays usable.
      department = await manager.transaction((inner) =>
        inner.save(inner.create(Department, { regionCode: input.countyCode, name: input.name, kind: input.kind })),
      );
    } catch (error) {
      if (isUniqueViolation(error)) throw conflict(`County ${input.countyCode} already has a department named ${input.name}`, 'input.name');
      throw error;
    }
    publish(
      DepartmentCreated,
      { id: department.id, regionCode: department.regionCode, kind: department.kind },
      { type: 'Department', id: department.id },
    );
    return department;
  },
});
