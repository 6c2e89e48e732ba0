import { DynamicModule, Global, Module } from '@nestjs/common';
import { JWT_SECRET, JwtGuard } from './jwt.guard';

/** The JWT secret and guard, for any controller of the service (editors' routes, admin routes). */
@Global()
@Module({})
export class AuthModule {
  static forRoot(secret: string): DynamicModule {
    return {
      module: AuthModule,
      providers: [{ provide: JWT_SECRET, useValue: secret }, JwtGuard],
      exports: [JWT_SECRET, JwtGuard],
    };
  }
}
