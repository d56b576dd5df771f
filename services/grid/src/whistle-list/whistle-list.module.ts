import { defineModule, loadSchema, STAFF, type Resolvers } from '@gg/shared';
import { join } from 'node:path';
import type { QueryResolvers } from '../generated/graphql';
import { loadWhistleList, setWhistleList } from './whistle-list.setting';

const queries: QueryResolvers = {
  whistleList: (_, args, context) => loadWhistleList(context, args.countyCode),
};

/** A county's whistle list (吹哨清单): the types of whistle blown on cases (see the case module's whistles). */
export const whistleListModule = defineModule({
  name: 'whistle-list',
  typeDefs: loadSchema(join(__dirname, 'whistle-list.graphql')),
  resolvers: { Query: queries } as unknown as Resolvers,
  commands: [setWhistleList],
  // Staff blow whistles by the list; department staff answer them by it.
  access: { 'Query.whistleList': [...STAFF, 'DEPARTMENT_STAFF'] },
});
