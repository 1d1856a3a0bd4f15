import 'reflect-metadata';
import { Controller, Delete, Get, Module, Post, type INestApplication } from '@nestjs/common';
import { RouterModule } from '@nestjs/core';
import { Test } from '@nestjs/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Public, SERVER_SERVED_ROUTES } from '@platform/http';
import { RequirePermission } from './access.decorators.js';
import { listHttpRoutes } from './route.inventory.js';

@Controller('v1/things')
class ThingController {
  @Public()
  @Get('open')
  open(): string {
    return 'open';
  }

  @RequirePermission('audit:read')
  @Get(':id')
  read(): string {
    return 'read';
  }

  // Deliberately undeclared: the guard closes it, and the inventory must say so.
  @Post()
  forgotten(): string {
    return 'forgotten';
  }

  helper(): string {
    return 'not a route';
  }
}

@RequirePermission('api_keys:manage')
@Controller(['v1/gadgets', 'v1/gizmos'])
class GadgetController {
  @Delete(':id')
  remove(): void {}

  @RequirePermission('session:self')
  @Get()
  list(): string[] {
    return [];
  }
}

@Controller('widgets')
class WidgetController {
  @Get()
  list(): string[] {
    return [];
  }
}

@Module({ controllers: [WidgetController] })
class WidgetModule {}

describe('listHttpRoutes', () => {
  let app: INestApplication;

  beforeAll(async () => {
    const moduleRef = await Test.createTestingModule({
      imports: [WidgetModule, RouterModule.register([{ path: 'v2', module: WidgetModule }])],
      controllers: [ThingController, GadgetController],
    }).compile();
    app = moduleRef.createNestApplication();
    await app.init();
  });

  afterAll(async () => {
    await app?.close();
  });

  it('lists every controller route with the access the guard will read, method over class', () => {
    const routes = listHttpRoutes(app).filter((r) => r.access.kind !== 'outside_guard');
    expect(routes).toEqual([
      {
        method: 'GET',
        path: '/v1/gadgets',
        access: { kind: 'permission', permission: 'session:self' },
        handler: 'GadgetController.list',
      },
      {
        method: 'DELETE',
        path: '/v1/gadgets/:id',
        access: { kind: 'permission', permission: 'api_keys:manage' },
        handler: 'GadgetController.remove',
      },
      {
        method: 'GET',
        path: '/v1/gizmos',
        access: { kind: 'permission', permission: 'session:self' },
        handler: 'GadgetController.list',
      },
      {
        method: 'DELETE',
        path: '/v1/gizmos/:id',
        access: { kind: 'permission', permission: 'api_keys:manage' },
        handler: 'GadgetController.remove',
      },
      { method: 'POST', path: '/v1/things', access: { kind: 'undeclared' }, handler: 'ThingController.forgotten' },
      {
        method: 'GET',
        path: '/v1/things/:id',
        access: { kind: 'permission', permission: 'audit:read' },
        handler: 'ThingController.read',
      },
      { method: 'GET', path: '/v1/things/open', access: { kind: 'public' }, handler: 'ThingController.open' },
      { method: 'GET', path: '/v2/widgets', access: { kind: 'undeclared' }, handler: 'WidgetController.list' },
    ]);
  });

  it('computes the paths the HTTP server really registered', () => {
    const stack = (app.getHttpAdapter().getInstance() as { router: { stack: { route?: { path: string } }[] } }).router
      .stack;
    const registered = stack.flatMap((layer) => (layer.route ? [layer.route.path] : []));
    const listed = listHttpRoutes(app).filter((r) => r.access.kind !== 'outside_guard');
    expect(new Set(listed.map((r) => r.path))).toEqual(new Set(registered));
  });

  it('adds what the HTTP server serves itself, outside the guard', () => {
    const outside = listHttpRoutes(app).filter((r) => r.access.kind === 'outside_guard');
    expect(outside.map((r) => `${r.method} ${r.path}`)).toEqual(
      SERVER_SERVED_ROUTES.map((r) => `${r.method} ${r.path}`),
    );
  });
});
