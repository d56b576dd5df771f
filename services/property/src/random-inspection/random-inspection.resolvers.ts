import { hasRole, maskName, type SubgraphContext } from '@gg/shared';
import type { Resolvers } from '../generated/graphql';
import { loadPropertyCompany } from '../property-company/property-company.queries';
import {
  DRAW_INSIDERS,
  listRandomInspectionDraws,
  loadCompanyFindings,
  loadDrawFindings,
  loadRandomInspectionDraw,
} from './random-inspection.queries';
import { drawInspection, type Inspector } from './random-inspection.rules';

/** Inspectors are officials acting in office, but outside staff and the bureau their names are shown masked. */
const shown = (inspectors: Inspector[], context: SubgraphContext) =>
  hasRole(context.identity, ...DRAW_INSIDERS) ? inspectors : inspectors.map((i) => ({ ...i, name: maskName(i.name) }));

export const randomInspectionResolvers: Resolvers = {
  Query: {
    randomInspectionDraw: (_, args, context) => loadRandomInspectionDraw(context, args.id),
    randomInspectionDraws: (_, args, context) =>
      listRandomInspectionDraws(context, args.regionCode, { first: args.first, after: args.after }),
  },
  RandomInspectionDraw: {
    __resolveReference: (reference, context) => loadRandomInspectionDraw(context, reference.id!),
    region: (draw) => ({ code: draw.regionCode }),
    candidateInspectors: (draw, _, context) => shown(draw.candidateInspectors, context),
    drawnInspectors: (draw, _, context) => shown(draw.drawnInspectors, context),
    drawnCompanies: async (draw, _, context) =>
      (await Promise.all(draw.drawnCompanyIds.map((id) => loadPropertyCompany(context, id)))).filter((c) => c !== null),
    reproducible: (draw) => {
      const again = drawInspection(
        draw.seed,
        { companyIds: draw.candidateCompanyIds, inspectors: draw.candidateInspectors },
        { companies: draw.drawnCompanyIds.length, inspectors: draw.drawnInspectors.length },
      );
      return JSON.stringify(again) === JSON.stringify({ companyIds: draw.drawnCompanyIds, inspectors: draw.drawnInspectors });
    },
    findings: (draw, _, context) => loadDrawFindings(context, draw.id),
  },
  InspectionFinding: {
    draw: (finding, _, context) => loadRandomInspectionDraw(context, finding.drawId),
    company: (finding, _, context) => loadPropertyCompany(context, finding.companyId),
    seriousViolation: (finding) => finding.result === 'SERIOUS_VIOLATION',
  },
  PropertyCompany: {
    inspectionFindings: (company, _, context) => loadCompanyFindings(context, company.id),
  },
};
