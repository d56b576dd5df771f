import type { QueryResolvers } from '../generated/graphql';
import { listMyWhistles, listMyWork } from './my-work.queries';

export const myWorkResolvers = {
  Query: {
    myWork: (_, args, context) => listMyWork(context, args, new Date()),
    myWhistles: (_, args, context) => listMyWhistles(context, args),
  } satisfies QueryResolvers,
};
