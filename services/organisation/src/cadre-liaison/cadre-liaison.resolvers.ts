import { pageSize, parseInput, type ResolverGroup, type SubgraphContext } from '@gg/shared';
import { loadRegion } from '../region/region.service';
import { Cadre, CadreLiaisonLink, CadreLiaisonReport } from './cadre-liaison.entity';
import { linkCadreInput, recordLiaisonActivityInput, registerCadreInput, yearInput, type LinkCompliance } from './cadre-liaison.rules';
import {
  compileCadreLiaisonReportFor,
  linkCadre,
  listCadreLiaisonReport,
  listCadres,
  loadActivitiesOfLink,
  loadCadre,
  loadLinksOfCadre,
  loadReportOfCadre,
  recordLiaisonActivity,
  registerCadre,
} from './cadre-liaison.service';

type Input = { input: unknown };
const year = (value: unknown) => parseInput(yearInput, value, 'year');

export const cadreLiaisonResolvers: ResolverGroup = {
  Query: {
    cadres: (_: unknown, args: { regionCode: string; first?: number }, context: SubgraphContext) =>
      listCadres(context, args.regionCode, pageSize(args.first)),
    cadreLiaisonReport: (_: unknown, args: { regionCode: string; year: number; first?: number }, context: SubgraphContext) =>
      listCadreLiaisonReport(context, args.regionCode, year(args.year), pageSize(args.first)),
  },
  Mutation: {
    registerCadre: (_: unknown, args: Input, context: SubgraphContext) =>
      registerCadre(context, parseInput(registerCadreInput, args.input)),
    linkCadre: (_: unknown, args: Input, context: SubgraphContext) => linkCadre(context, parseInput(linkCadreInput, args.input)),
    recordLiaisonActivity: (_: unknown, args: Input, context: SubgraphContext) =>
      recordLiaisonActivity(context, parseInput(recordLiaisonActivityInput, args.input)),
    compileCadreLiaisonReport: (_: unknown, args: { regionCode: string; year: number }, context: SubgraphContext) =>
      compileCadreLiaisonReportFor(context, args.regionCode, year(args.year)),
  },
  Cadre: {
    region: (cadre: Cadre, _: unknown, context: SubgraphContext) => loadRegion(context, cadre.regionCode),
    links: (cadre: Cadre, _: unknown, context: SubgraphContext) => loadLinksOfCadre(context, cadre.id),
    report: (cadre: Cadre, args: { year: number }, context: SubgraphContext) => loadReportOfCadre(context, cadre.id, year(args.year)),
  },
  CadreLiaisonLink: {
    region: (link: CadreLiaisonLink, _: unknown, context: SubgraphContext) => loadRegion(context, link.regionCode),
    grid: (link: CadreLiaisonLink) => (link.gridId ? { id: link.gridId } : null),
    activities: (link: CadreLiaisonLink, args: { year: number }, context: SubgraphContext) =>
      loadActivitiesOfLink(context, link.id, year(args.year)),
  },
  CadreLiaisonCompliance: {
    cadre: (report: CadreLiaisonReport, _: unknown, context: SubgraphContext) => loadCadre(context, report.cadreId),
  },
  LinkCompliance: {
    grid: (link: LinkCompliance) => (link.gridId ? { id: link.gridId } : null),
  },
};
