import { defineModule } from '@gg/shared';
import { Kind } from 'graphql';
import { PROPERTY_EXPORTS } from './property.exports';

/** The property service's downloads (CSV/XLSX through the gateway's /exports/property/<name>); no SDL of its own. */
export const exportModule = defineModule({
  name: 'export',
  typeDefs: { kind: Kind.DOCUMENT, definitions: [] },
  exports: PROPERTY_EXPORTS,
});
