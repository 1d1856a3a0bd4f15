import type { INestApplication } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import express, { type NextFunction, type Request, type Response } from 'express';
import helmet from 'helmet';
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { projectRoot, type AppConfig } from '@platform/config';
import { TenantContext } from '@platform/database';
import { createValidationPipe } from './validation.pipe.js';
import { requestIdFor } from '@platform/logging';
import { bodyParserErrorHandler } from './problem-details.filter.js';

const API_PREFIXES = ['/v1/', '/api/', '/health', '/metrics'];

/** Where the Swagger UI and the OpenAPI document are served (router routes outside the controllers, public). */
export const API_DOCS_PATH = 'api/docs';

/**
 * What configureHttpApp serves as middleware, before Nest's router and so outside any guard (the route inventory of
 * identity lists these; the API docs are registered as router routes and found there).
 */
export const SERVER_SERVED_ROUTES = [
  {
    method: 'GET',
    path: '/*',
    description: `admin UI: built files and the single-page-app fallback (every path outside ${API_PREFIXES.join(' ')})`,
  },
] as const;

export function appVersion(): string {
  return (JSON.parse(readFileSync(resolve(projectRoot(), 'package.json'), 'utf8')) as { version: string }).version;
}

export function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('Verity API')
    .setDescription(
      'Payments compliance and audit platform. Errors are RFC 9457 problem+json with a stable `code` and a `correlationId`.',
    )
    .setVersion(appVersion())
    .addCookieAuth('verity_session')
    .addBearerAuth({ type: 'http', scheme: 'bearer', description: 'API key of an integration' })
    .build();
  return SwaggerModule.createDocument(app, config, {
    operationIdFactory: (controllerKey, methodKey) => `${controllerKey}_${methodKey}`,
  });
}

/**
 * Everything an api process sets on its HTTP server: security headers, body limits, validation, OpenAPI docs, and the
 * built admin UI with a single-page-app fallback.
 */
export function configureHttpApp(app: NestExpressApplication, config: AppConfig): void {
  app.disable('x-powered-by');
  app.set('trust proxy', 'loopback');
  // First, so that even a request refused by the body parser has a correlation id.
  app.use((req: Request & { id?: string }, res: Response, next: NextFunction) => {
    req.id = requestIdFor(req, res);
    next();
  });
  app.use(
    helmet({
      contentSecurityPolicy: {
        directives: {
          defaultSrc: ["'self'"],
          scriptSrc: ["'self'"],
          // Ant Design writes its styles at run time.
          styleSrc: ["'self'", "'unsafe-inline'"],
          imgSrc: ["'self'", 'data:'],
          connectSrc: ["'self'"],
          // The report editor previews a PDF it fetched as a blob (an object URL of this origin) in an iframe.
          frameSrc: ["'self'", 'blob:'],
          frameAncestors: ["'none'"],
          objectSrc: ["'none'"],
          baseUri: ["'self'"],
          formAction: ["'self'"],
          upgradeInsecureRequests: null,
        },
      },
      crossOriginEmbedderPolicy: false,
    }),
  );
  const limit = config.values.HTTP_BODY_LIMIT;
  app.use(express.json({ limit, type: ['application/json', 'application/*+json'], strict: true }));
  app.use(express.urlencoded({ limit, extended: false }));
  app.use(bodyParserErrorHandler);
  // After the body parsers (their stream callbacks would lose the scope): one tenant scope per request, empty until
  // the AccessGuard authenticates the caller; every transaction of the request then acts as that tenant.
  app.use((_req: Request, _res: Response, next: NextFunction) => TenantContext.enter(() => next()));
  app.useGlobalPipes(createValidationPipe());

  const document = buildOpenApiDocument(app);
  SwaggerModule.setup(API_DOCS_PATH, app, document, { jsonDocumentUrl: `${API_DOCS_PATH}/openapi.json` });

  const adminDir = resolve(projectRoot(), 'dist/admin');
  const indexHtml = resolve(adminDir, 'index.html');
  app.use(express.static(adminDir, { index: false, maxAge: '1h', fallthrough: true }));
  app.use((req: Request, res: Response, next: NextFunction) => {
    const isPage = req.method === 'GET' && !API_PREFIXES.some((p) => req.path.startsWith(p)) && req.accepts('html');
    if (!isPage) return next();
    if (!existsSync(indexHtml)) {
      res.status(503).type('text/plain').send('The admin UI is not built: run `npm run build`.');
      return;
    }
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile(indexHtml);
  });
}
