export * from './tokens';
export * from './jwt.guard';
export * from './auth.module';
export * from './config';
