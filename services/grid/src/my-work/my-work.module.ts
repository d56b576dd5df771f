import { defineModule, loadSchema } from '@gg/shared';
import { join } from 'node:path';
import { myWorkResolvers } from './my-work.resolvers';

/** A gridworker's (or any assignee's) to-do list: the cases waiting for them, the nearest deadline first; and the whistles waiting for an answer. */
export const myWorkModule = defineModule({
  name: 'my-work',
  typeDefs: loadSchema(join(__dirname, 'my-work.graphql')),
  resolvers: myWorkResolvers,
  // The people who work cases: gridworkers and community staff (assignees, `assigneeProblem`), and
  // street staff who handle cases at their level. The list holds only the caller's own work.
  // Department staff work the cases assigned to their department. The whistles waiting for an
  // answer are their department's (department staff) or their community's (reporting-in Party members).
  access: {
    'Query.myWork': ['GRIDWORKER', 'COMMUNITY_STAFF', 'STREET_STAFF', 'DEPARTMENT_STAFF'],
    'Query.myWhistles': ['DEPARTMENT_STAFF', 'PARTY_MEMBER'],
  },
});
