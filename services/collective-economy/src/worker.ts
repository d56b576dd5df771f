import 'reflect-metadata';
import { runServiceWorker } from '@gg/shared';
import { collectiveEconomyService } from './service';

void runServiceWorker(collectiveEconomyService).catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
