import 'reflect-metadata';
import { runServiceApi } from '@gg/shared';
import { propertyService } from './service';

void runServiceApi(propertyService).catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
