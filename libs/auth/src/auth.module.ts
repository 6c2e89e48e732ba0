import { DynamicModule, Global, Module } from '@nestjs/common';
import { APP_CONFIG } from '@broadsheet/observability';
import { JWT_SECRET, JwtGuard } from './jwt.guard';

/** The JWT secret and guard, for any controller of the service (editors' routes, admin routes). */
@Global()
@Module({})
export class AuthModule {
  static forRoot(secret: string): DynamicModule {
    return {
      module: AuthModule,
      providers: [
        {
          // The previous secret, while a rotation overlaps, comes from the service's validated config.
          provide: JWT_SECRET,
          inject: [{ token: APP_CONFIG, optional: true }],
          useFactory: (config?: { JWT_SECRET_PREVIOUS?: string }) =>
            config?.JWT_SECRET_PREVIOUS ? [secret, config.JWT_SECRET_PREVIOUS] : secret,
        },
        JwtGuard,
      ],
      exports: [JWT_SECRET, JwtGuard],
    };
  }
}
