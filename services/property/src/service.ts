import { CONNECTION_TYPE_DEFS, composeService, DateScalar, DateTimeScalar, loadSchema } from '@gg/shared';
import { Kind } from 'graphql';
import { join } from 'node:path';
import { bureauWebhookModule } from './bureau-webhook/bureau-webhook.module';
import { exportModule } from './export/export.module';
import { crossAppointmentModule } from './cross-appointment/cross-appointment.module';
import { annualAssessmentModule } from './annual-assessment/annual-assessment.module';
import { seedPropertyDemo } from './demo';
import { inspectionModule } from './inspection/inspection.module';
import { quarterlyEvaluationModule } from './quarterly-evaluation/quarterly-evaluation.module';
import { redBlackListModule } from './red-black-list/red-black-list.module';
import { residentsVoiceModule } from './residents-voice/residents-voice.module';
import { evaluationStatsModule } from './evaluation-stats/evaluation-stats.module';
import { evaluationSchemeModule } from './evaluation-scheme/evaluation-scheme.module';
import { propertyCompanyModule } from './property-company/property-company.module';
import { propertyDisputeModule } from './property-dispute/property-dispute.module';
import { propertyStatsModule } from './property-stats/property-stats.module';
import { randomInspectionModule } from './random-inspection/random-inspection.module';
import { residentialCompoundModule } from './residential-compound/residential-compound.module';

const serviceSdl = loadSchema(join(__dirname, '..', 'schema.graphql'));

/** The red property management subgraph (红色物业): property companies, and later compounds and their evaluation. */
export const propertyService = composeService({
  name: 'property',
  typeDefs: { kind: Kind.DOCUMENT, definitions: [...serviceSdl.definitions, ...CONNECTION_TYPE_DEFS.definitions] },
  resolvers: {
    Date: DateScalar,
    DateTime: DateTimeScalar,
    // Regions are resolved by the organisation subgraph; here only the key is needed to list companies.
    Region: { __resolveReference: (reference: { code: string }) => reference },
  },
  modules: [
    propertyCompanyModule,
    residentialCompoundModule,
    crossAppointmentModule,
    propertyStatsModule,
    evaluationSchemeModule,
    inspectionModule,
    residentsVoiceModule,
    quarterlyEvaluationModule,
    annualAssessmentModule,
    redBlackListModule,
    evaluationStatsModule,
    propertyDisputeModule,
    randomInspectionModule,
    bureauWebhookModule,
    exportModule,
  ],
  foreignEntities: ['Region'],
  seedDemo: seedPropertyDemo,
});
