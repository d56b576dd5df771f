import 'reflect-metadata';
import { runServiceApi } from '@gg/shared';
import { collectiveEconomyService } from './service';

void runServiceApi(collectiveEconomyService).catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
