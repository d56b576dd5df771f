export * from './logger';
export * from './metrics';
export * from './plugin';
export * from './tracing';
