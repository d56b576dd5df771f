import { defineModule, loadSchema, READERS, type Resolvers as ServiceResolvers } from '@gg/shared';
import { join } from 'node:path';
import { CreateMicroWish1764700000302 } from '../migrations/1764700000302-CreateMicroWish';
import { WishClaimantVolunteer1764700000380 } from '../migrations/1764700000380-WishClaimantVolunteer';
import { MicroWishIdempotencyKey1764700000391 } from '../migrations/1764700000391-MicroWishIdempotencyKey';
import { microWishCommands } from './micro-wish.commands';
import { setWishClaimPolicy } from './micro-wish.policy';
import { MicroWish, MicroWishStep } from './micro-wish.entity';
import { wishClaimsJob, wishClaimsSchedule } from './micro-wish.jobs';
import { microWishResolvers } from './micro-wish.resolvers';

/** Micro-wishes (微心愿) on community wish walls: posted, claimed (lapsing back to the wall), fulfilled, confirmed. */
export const microWishModule = defineModule({
  name: 'micro-wish',
  typeDefs: loadSchema(join(__dirname, 'micro-wish.graphql')),
  // Typed against this service's generated SDL types; the module map takes any service's resolvers.
  resolvers: microWishResolvers as ServiceResolvers,
  commands: [...microWishCommands, setWishClaimPolicy],
  access: {
    'Query.microWish': READERS,
    'Query.microWishes': READERS,
    'Query.myMicroWishes': READERS,
    'Query.wishClaimPolicy': READERS,
  },
  entities: [MicroWish, MicroWishStep],
  migrations: [CreateMicroWish1764700000302, WishClaimantVolunteer1764700000380, MicroWishIdempotencyKey1764700000391],
  jobs: [wishClaimsJob],
  schedules: [wishClaimsSchedule],
  references: ['REGION'],
});
