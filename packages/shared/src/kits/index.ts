export * from './text';
export * from './dates';
export * from './input-guard';
