import {
  badInput,
  conflict,
  countyOf,
  defineCommand,
  isUniqueViolation,
  notFound,
  regionCodeInput,
  requireReference,
  requireWritableRegion,
  WRITERS,
} from '@gg/shared';
import { z } from 'zod';
import { yearInput } from '../common/year';
import { regionForWrite } from '../region/region.queries';
import { Cadre, CadreLiaisonActivity, CadreLiaisonLink } from './cadre-liaison.entity';
import { linkCadreInput, recordLiaisonActivityInput, registerCadreInput } from './cadre-liaison.inputs';
import { compileCadreLiaisonReport } from './cadre-liaison.report';
import { unfinishedYearProblem } from './cadre-liaison.rules';

/** Registers a leading cadre of a county, street or community in the caller's scope. */
export const registerCadre = defineCommand({
  name: 'registerCadre',
  input: registerCadreInput,
  roles: WRITERS,
  async run(input, { caller, manager }) {
    await regionForWrite(manager, caller, input.regionCode, { field: 'input.regionCode', action: 'register cadres' });
    return manager.save(manager.create(Cadre, { name: input.name, post: input.post, regionCode: input.regionCode }));
  },
});

/**
 * Links a cadre to a unit of their county: one street, one community and one grid (a second link of
 * the same level is a CONFLICT). A grid is linked with its community, and must be a grid the grid
 * subgraph announced, not retired, in the caller's scope.
 */
export const linkCadre = defineCommand({
  name: 'linkCadre',
  input: linkCadreInput,
  roles: WRITERS,
  async run(input, { caller, manager }) {
    const cadre = await manager.findOneBy(Cadre, { id: input.cadreId });
    if (!cadre) throw notFound(`Cadre ${input.cadreId}`, 'input.cadreId');
    requireWritableRegion(caller, cadre.regionCode, 'link this cadre', 'input.cadreId');
    await regionForWrite(manager, caller, input.regionCode, { field: 'input.regionCode', action: 'link a unit' });
    if (countyOf(input.regionCode) !== countyOf(cadre.regionCode))
      throw badInput('input.regionCode', 'a cadre links units of their own county');
    const gridId = input.gridId?.toLowerCase() ?? null;
    if (gridId) await requireReference(manager, 'GRID', gridId, { field: 'input.gridId', identity: caller });
    try {
      return await manager.save(
        manager.create(CadreLiaisonLink, { cadreId: cadre.id, level: input.level, regionCode: input.regionCode, gridId }),
      );
    } catch (error) {
      if (isUniqueViolation(error) && (error as { constraint?: string }).constraint === 'cadre_liaison_link_cadre_level_key') {
        throw conflict(`The cadre already links a ${input.level.toLowerCase()}: 1 street, 1 community and 1 grid each`, 'input.level');
      }
      throw error;
    }
  },
});

/** Records a visit to a linked unit or a problem the cadre helped solve there. */
export const recordLiaisonActivity = defineCommand({
  name: 'recordLiaisonActivity',
  input: recordLiaisonActivityInput,
  roles: WRITERS,
  async run(input, { caller, manager }) {
    const link = await manager.findOneBy(CadreLiaisonLink, { id: input.linkId });
    if (!link) throw notFound(`Liaison link ${input.linkId}`, 'input.linkId');
    requireWritableRegion(caller, link.regionCode, 'record liaison work', 'input.linkId');
    return manager.save(
      manager.create(CadreLiaisonActivity, {
        linkId: link.id,
        regionCode: link.regionCode,
        kind: input.kind,
        occurredOn: input.occurredOn,
        note: input.note,
      }),
    );
  },
});

/**
 * Compiles (again) the report for the cadres under a region of the caller's scope (a county re-running
 * after late entries). Only a year that has ended: the current or a future year is refused
 * (BAD_USER_INPUT naming `year`) rather than compiled as if final.
 */
export const compileCadreLiaisonReportCommand = defineCommand({
  name: 'compileCadreLiaisonReport',
  input: z.object({ regionCode: regionCodeInput(['COUNTY', 'STREET', 'COMMUNITY'], 'a compilation'), year: yearInput }),
  argument: null,
  roles: WRITERS,
  async run(input, { caller, manager, now }) {
    await regionForWrite(manager, caller, input.regionCode, { field: 'regionCode', action: 'compile the cadre-liaison report' });
    const unfinished = unfinishedYearProblem(input.year, now);
    if (unfinished) throw badInput('year', unfinished);
    return compileCadreLiaisonReport(manager, input.year, input.regionCode);
  },
});

export const cadreLiaisonCommands = [registerCadre, linkCadre, recordLiaisonActivity, compileCadreLiaisonReportCommand];
