export * from './tokens';
export * from './jwt.guard';
