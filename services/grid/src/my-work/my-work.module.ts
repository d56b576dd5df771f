import { defineModule, loadSchema } from '@gg/shared';
import { join } from 'node:path';
import { myWorkResolvers } from './my-work.resolvers';

/** A gridworker's (or any assignee's) to-do list: the cases waiting for them, the nearest deadline first. */
export const myWorkModule = defineModule({
  name: 'my-work',
  typeDefs: loadSchema(join(__dirname, 'my-work.graphql')),
  resolvers: myWorkResolvers,
  // The people who work cases: gridworkers and community staff (assignees, `assigneeProblem`), and
  // street staff who handle cases at their level. The list holds only the caller's own work.
  access: { 'Query.myWork': ['GRIDWORKER', 'COMMUNITY_STAFF', 'STREET_STAFF'] },
});
