import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import express, { type Request, type Response, type Router } from 'express';
import helmet from 'helmet';

// Swagger UI is served from the installed swagger-ui-dist package: no CDN, works offline.
const SWAGGER_UI_DIR = dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'));
const ASSETS = new Set(['swagger-ui.css', 'swagger-ui-bundle.js', 'favicon-32x32.png', 'favicon-16x16.png']);

const PAGE = `<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="UTF-8">
  <title>idm-gateway API explorer</title>
  <link rel="stylesheet" href="swagger-ui.css">
  <link rel="icon" type="image/png" href="favicon-32x32.png" sizes="32x32">
  <link rel="icon" type="image/png" href="favicon-16x16.png" sizes="16x16">
</head>
<body>
  <div id="swagger-ui"></div>
  <script src="swagger-ui-bundle.js"></script>
  <script src="explorer-init.js"></script>
</body>
</html>
`;

// An external script, not an inline one: the CSP keeps script-src 'self'.
const INIT = `window.addEventListener('load', function () {
  window.ui = SwaggerUIBundle({
    url: '../openapi.json',
    dom_id: '#swagger-ui',
    presets: [SwaggerUIBundle.presets.apis],
    layout: 'BaseLayout',
    deepLinking: true,
    docExpansion: 'list',
    filter: true,
    tryItOutEnabled: true,
    persistAuthorization: false,
    // The default would send the document to validator.swagger.io.
    validatorUrl: null
  });
});
`;

/**
 * `GET /api-explorer/`: Swagger UI over `/openapi.json`, listing every system and object type;
 * "Authorize" takes the X-OpenIDM-Username/Password pair or Basic credentials for "Try it out".
 */
export function apiExplorer(): Router {
  const router = express.Router();
  // helmet's default CSP upgrades every request to https, which breaks the page's own calls on a
  // plain-http gateway; the rest of the policy stays.
  router.use('/api-explorer', helmet.contentSecurityPolicy({ useDefaults: true, directives: { upgradeInsecureRequests: null } }));
  router.get('/api-explorer', (req: Request, res: Response) => {
    // Relative asset URLs need the trailing slash.
    if (!req.path.endsWith('/')) {
      res.redirect(301, '/api-explorer/');
      return;
    }
    res.set('Cache-Control', 'no-cache').type('html').send(PAGE);
  });
  router.get('/api-explorer/explorer-init.js', (_req: Request, res: Response) => {
    res.set('Cache-Control', 'no-cache').type('application/javascript').send(INIT);
  });
  router.get('/api-explorer/:asset', (req: Request, res: Response, next) => {
    const asset = req.params.asset;
    if (typeof asset !== 'string' || !ASSETS.has(asset)) return next();
    res.sendFile(join(SWAGGER_UI_DIR, asset), { maxAge: '1h' });
  });
  return router;
}
