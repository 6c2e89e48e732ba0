import { CanActivate, createParamDecorator, ExecutionContext, Inject, Injectable, SetMetadata } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { DomainError, ErrorCodes } from '@broadsheet/contracts';
import type { Request } from 'express';
import { Principal, Role, verifyToken } from './tokens';

export const JWT_SECRET = Symbol('JWT_SECRET');
const ROLES_KEY = 'broadsheet:roles';

/** Roles allowed on a route; without it any authenticated user passes. */
export const RequireRoles = (...roles: Role[]) => SetMetadata(ROLES_KEY, roles);

export type AuthenticatedRequest = Request & { principal: Principal };

/** Who may do what on the desk: writers write, editors also decide what readers see, admins do everything. */
export const Writers: Role[] = ['writer', 'editor', 'admin'];
export const Editors: Role[] = ['editor', 'admin'];

/** The authenticated caller of a guarded route (the guard has set it). */
export const CurrentPrincipal = createParamDecorator(
  (_: unknown, context: ExecutionContext): Principal =>
    context.switchToHttp().getRequest<AuthenticatedRequest>().principal,
);

/** True when the principal holds one of the roles. */
export function hasRole(principal: Principal, roles: readonly Role[]): boolean {
  return roles.some((r) => principal.roles.includes(r));
}

/** Bearer JWT authentication and role check for editorial routes. */
@Injectable()
export class JwtGuard implements CanActivate {
  constructor(
    @Inject(JWT_SECRET) private readonly secret: string | readonly string[],
    private readonly reflector: Reflector,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    const req = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const header = req.header('authorization') ?? '';
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (!match?.[1]) throw new DomainError(ErrorCodes.Unauthorized, 'missing bearer token');
    req.principal = verifyToken(this.secret, match[1]);
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (roles && !hasRole(req.principal, roles)) {
      throw new DomainError(ErrorCodes.Forbidden, `requires one of the roles: ${roles.join(', ')}`);
    }
    return true;
  }
}
