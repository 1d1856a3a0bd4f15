import { RequestMethod, type INestApplication, type Type } from '@nestjs/common';
import { METHOD_METADATA, MODULE_PATH, PATH_METADATA } from '@nestjs/common/constants.js';
import { DiscoveryService, MetadataScanner, ModulesContainer, Reflector } from '@nestjs/core';
import { METHODS } from 'node:http';
import { API_DOCS_PATH, PUBLIC_ROUTE, SERVER_SERVED_ROUTES } from '@platform/http';
import { PERMISSIONS, type Permission } from '../identity.permissions.js';
import { REQUIRED_PERMISSION } from './access.decorators.js';

/** What a route asks of its caller, as the AccessGuard reads it. */
export type RouteAccess =
  /** `@Public()`: the guard lets every caller through, signed in or not. */
  | { readonly kind: 'public' }
  /** `@RequirePermission(p)`: only callers one of whose roles grants `p`. */
  | { readonly kind: 'permission'; readonly permission: Permission }
  /** Neither (or an unknown permission): the guard closes it to everyone. Always a mistake to fix. */
  | { readonly kind: 'undeclared' }
  /** Served by the HTTP server itself (admin UI, API docs), before Nest's router: open to everyone, no guard. */
  | { readonly kind: 'outside_guard' };

export interface HttpRoute {
  /** Upper-case HTTP method (`ALL` for a route that answers every method). */
  readonly method: string;
  /** The path as the router matches it, parameters as `:name` (`/v1/api-keys/:id`). */
  readonly path: string;
  readonly access: RouteAccess;
  /** `Controller.method` for a controller route, otherwise what serves it. */
  readonly handler: string;
}

/** The express router's view of its routes (express 5 / router 2), typed for what is read here. */
interface RouterLayer {
  readonly route?: { readonly path: unknown; readonly methods: Record<string, boolean | undefined> };
}

function joinPath(...segments: (string | undefined)[]): string {
  const joined = `/${segments.filter((s) => s && s !== '/').join('/')}`.replace(/\/{2,}/g, '/');
  return joined.length > 1 ? joined.replace(/\/$/, '') : joined;
}

function asList(value: unknown): string[] {
  if (Array.isArray(value)) return value.map(String);
  return typeof value === 'string' ? [value] : ['/'];
}

function accessOf(reflector: Reflector, handler: (...args: unknown[]) => unknown, controller: Type): RouteAccess {
  const targets = [handler, controller];
  // The same precedence as the AccessGuard: public first, then the permission, method over class.
  if (reflector.getAllAndOverride<boolean | undefined>(PUBLIC_ROUTE, targets)) return { kind: 'public' };
  const permission = reflector.getAllAndOverride<string | undefined>(REQUIRED_PERMISSION, targets);
  if (permission && Object.hasOwn(PERMISSIONS, permission)) {
    return { kind: 'permission', permission: permission as Permission };
  }
  return { kind: 'undeclared' };
}

function controllerRoutes(app: INestApplication): HttpRoute[] {
  const modules = app.get(ModulesContainer);
  const reflector = new Reflector();
  const scanner = new MetadataScanner();
  const routes: HttpRoute[] = [];
  for (const wrapper of new DiscoveryService(modules).getControllers()) {
    const controller = wrapper.metatype as Type | null;
    if (!controller) continue;
    const module = wrapper.host?.metatype;
    // A RouterModule path, when the controller's module is mounted under one.
    const modulePath = module
      ? ((Reflect.getMetadata(MODULE_PATH + modules.applicationId, module) as string | undefined) ??
        (Reflect.getMetadata(MODULE_PATH, module) as string | undefined))
      : undefined;
    const prototype = controller.prototype as Record<string, (...args: unknown[]) => unknown>;
    const controllerPaths = asList(Reflect.getMetadata(PATH_METADATA, controller));
    for (const name of scanner.getAllMethodNames(prototype)) {
      const handler = prototype[name];
      if (typeof handler !== 'function') continue;
      const methodPath: unknown = Reflect.getMetadata(PATH_METADATA, handler);
      const requestMethod = Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod | undefined;
      if (methodPath === undefined || requestMethod === undefined) continue;
      const access = accessOf(reflector, handler, controller);
      for (const base of controllerPaths) {
        for (const path of asList(methodPath)) {
          routes.push({
            method: RequestMethod[requestMethod],
            path: joinPath(modulePath, base, path),
            access,
            handler: `${controller.name}.${name}`,
          });
        }
      }
    }
  }
  return routes;
}

/**
 * Routes registered straight on the express router by something other than a controller (the API docs). A layer that
 * answers every method is how Nest mounts middleware applied with `forRoutes` (the request logger), which passes the
 * request on rather than answering it: not a route.
 */
function serverRoutes(app: INestApplication, known: ReadonlySet<string>): HttpRoute[] {
  const server = app.getHttpAdapter().getInstance() as { router?: { stack?: RouterLayer[] } };
  const routes = new Map<string, HttpRoute>();
  for (const layer of server.router?.stack ?? []) {
    if (!layer.route || typeof layer.route.path !== 'string') continue;
    const path = layer.route.path;
    const methods = Object.entries(layer.route.methods).flatMap(([method, on]) => (on ? [method] : []));
    if (methods.includes('_all') || METHODS.every((m) => methods.includes(m.toLowerCase()))) continue;
    for (const method of methods.map((m) => m.toUpperCase())) {
      const key = `${method} ${path}`;
      if (known.has(key)) continue;
      // Swagger also serves `<path>-yaml` next to `<path>/…`.
      const handler = path.startsWith(`/${API_DOCS_PATH}`)
        ? 'API docs (Swagger UI, OpenAPI document)'
        : 'registered on the HTTP server, not a controller';
      routes.set(key, { method, path, access: { kind: 'outside_guard' }, handler });
    }
  }
  return [...routes.values()];
}

/**
 * Every HTTP route of an api application with the access it declares, found from the code rather than a list:
 * the controllers' route metadata (through Nest's module container, so it also works on a preview app that has no
 * providers), the routes registered directly on the HTTP server, and what `configureHttpApp` serves as middleware
 * (the admin UI). Sorted by path, then method. Verity uses no global prefix or URI versioning; the e2e matrix test
 * checks that every computed controller path is one the server really registered.
 */
export function listHttpRoutes(app: INestApplication): HttpRoute[] {
  const controllers = controllerRoutes(app);
  const known = new Set(controllers.map((r) => `${r.method} ${r.path}`));
  const served = SERVER_SERVED_ROUTES.map((r): HttpRoute => ({
    method: r.method,
    path: r.path,
    access: { kind: 'outside_guard' },
    handler: r.description,
  }));
  const all = [...controllers, ...serverRoutes(app, known), ...served];
  const key = (r: HttpRoute): string => `${r.path} ${r.method}`;
  return all.sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}
