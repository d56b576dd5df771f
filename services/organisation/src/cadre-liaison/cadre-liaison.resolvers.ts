import { parseInput } from '@gg/shared';
import { yearInput } from '../common/year';
import type {
  CadreLiaisonComplianceResolvers,
  CadreLiaisonLinkResolvers,
  CadreResolvers,
  LinkComplianceResolvers,
  QueryResolvers,
} from '../generated/graphql';
import { loadRegion } from '../region/region.queries';
import {
  cadreLiaisonReportConnection,
  cadresConnection,
  loadActivitiesOfLink,
  loadCadre,
  loadLinksOfCadre,
  loadReportOfCadre,
} from './cadre-liaison.queries';

const year = (value: unknown) => parseInput(yearInput, value, 'year');

export const cadreLiaisonQueries: QueryResolvers = {
  cadres: (_, args, context) => cadresConnection(context, args),
  cadreLiaisonReport: (_, args, context) => cadreLiaisonReportConnection(context, { ...args, year: year(args.year) }),
};

export const cadreFields: CadreResolvers = {
  region: async (cadre, _, context) => (await loadRegion(context, cadre.regionCode))!,
  links: (cadre, _, context) => loadLinksOfCadre(context, cadre.id),
  report: (cadre, args, context) => loadReportOfCadre(context, cadre.id, year(args.year)),
};

export const cadreLiaisonLinkFields: CadreLiaisonLinkResolvers = {
  region: async (link, _, context) => (await loadRegion(context, link.regionCode))!,
  grid: (link) => (link.gridId ? { id: link.gridId } : null),
  activities: (link, args, context) => loadActivitiesOfLink(context, link.id, year(args.year)),
};

export const cadreLiaisonComplianceFields: CadreLiaisonComplianceResolvers = {
  cadre: (report, _, context) => loadCadre(context, report.cadreId),
};

export const linkComplianceFields: LinkComplianceResolvers = {
  grid: (link) => (link.gridId ? { id: link.gridId } : null),
};
