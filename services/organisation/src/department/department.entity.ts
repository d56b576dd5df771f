import { RegionalRecord } from '@gg/shared';
import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { DepartmentKind } from './department.rules';

/**
 * A county department (部门: 区住建局, 区城管局…), a body of the county with its own staff, who carry the
 * DEPARTMENT_STAFF role and the department's id in their token. Its region is the county.
 */
@Entity('department')
@Index('department_county_name_key', ['regionCode', 'name'], { unique: true })
export class Department extends RegionalRecord {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'varchar', length: 100 })
  name: string;

  @Column({ type: 'varchar', length: 30 })
  kind: DepartmentKind;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
