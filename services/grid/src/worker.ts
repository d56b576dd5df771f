import 'reflect-metadata';
import { runServiceWorker } from '@gg/shared';
import { gridService } from './service';

void runServiceWorker(gridService).catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
