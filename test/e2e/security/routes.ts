import { Role } from '@broadsheet/auth';
import { ServiceName } from '@broadsheet/testing';

/** A route behind a JWT: who may call it, and a call that is valid apart from the token. */
export interface GuardedRoute {
  service: ServiceName;
  method: 'GET' | 'POST';
  path: string;
  body?: unknown;
  /** Roles allowed; 'any' when every authenticated role may call it (no wrong role exists). */
  roles: Role[] | 'any';
}

/** An id no article has: the right role then gets a 404, never a 401 or 403. */
const unknownId = 'no-such-article';

const editorial: GuardedRoute[] = [
  { service: 'editorial', method: 'GET', path: '/v1/articles', roles: 'any' },
  { service: 'editorial', method: 'GET', path: `/v1/articles/${unknownId}`, roles: 'any' },
  { service: 'editorial', method: 'POST', path: `/v1/articles/${unknownId}/submit`, roles: 'any' },
  { service: 'editorial', method: 'POST', path: `/v1/articles/${unknownId}/publish`, roles: ['editor', 'admin'] },
  { service: 'editorial', method: 'POST', path: `/v1/articles/${unknownId}/unpublish`, roles: ['editor', 'admin'] },
  { service: 'editorial', method: 'POST', path: `/v1/articles/${unknownId}/kill`, roles: ['editor', 'admin'] },
];

/** Dead letters and status on every service; refused outbox entries where there is an outbox (ingest, editorial); delivery's rebuild. */
const admin: GuardedRoute[] = (['ingest', 'editorial', 'search-index', 'delivery'] as const).flatMap((service) => [
  { service, method: 'GET' as const, path: '/v1/admin/dlq', roles: ['admin' as const] },
  { service, method: 'POST' as const, path: '/v1/admin/dlq/replay', body: { all: true }, roles: ['admin' as const] },
  { service, method: 'GET' as const, path: '/v1/admin/status', roles: ['admin' as const] },
  ...(service === 'delivery'
    ? [{ service, method: 'GET' as const, path: '/v1/admin/rebuild/no-such-rebuild', roles: ['admin' as const] }]
    : []),
  ...(service === 'ingest' || service === 'editorial'
    ? [{ service, method: 'GET' as const, path: '/v1/admin/outbox/refused', roles: ['admin' as const] }]
    : []),
]);

export const guardedRoutes: GuardedRoute[] = [...editorial, ...admin];

const allRoles: Role[] = ['writer', 'editor', 'admin'];
export const rightRole = (route: GuardedRoute): Role => (route.roles === 'any' ? 'writer' : route.roles.at(-1)!);
export const wrongRoles = (route: GuardedRoute): Role[] =>
  route.roles === 'any' ? [] : allRoles.filter((r) => !(route.roles as Role[]).includes(r));
