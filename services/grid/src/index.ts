import 'reflect-metadata';
import { runServiceApi } from '@gg/shared';
import { gridService } from './service';

void runServiceApi(gridService).catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
