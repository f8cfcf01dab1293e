export * from './accounts';
export * from './audit';
export * from './directory';
export * from './conversations';
export * from './sync';
export * from './review';
