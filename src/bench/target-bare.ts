import express from 'express';
import * as OpenApiValidator from 'express-openapi-validator';
import helmet from 'helmet';
import { ACCOUNT_BODY } from './bench-body.js';

// Row (1b): Express 5 with the gateway's middleware and a validated route, answering a constant.
const app = express();
app.use(helmet());
app.use(express.raw({ type: () => true, limit: 1024 * 1024 }));
app.use(OpenApiValidator.middleware({
  apiSpec: {
    openapi: '3.0.3',
    info: { title: 'bare', version: '1' },
    paths: {
      '/openidm/system/{system}/{type}/{id}': {
        get: {
          parameters: [
            { name: 'system', in: 'path', required: true, schema: { type: 'string' } },
            { name: 'type', in: 'path', required: true, schema: { type: 'string' } },
            { name: 'id', in: 'path', required: true, schema: { type: 'string' } },
            { name: '_fields', in: 'query', required: false, schema: { type: 'string' } },
          ],
          responses: { 200: { description: 'ok' } },
        },
      },
    },
  },
  validateRequests: true,
  validateResponses: false,
}));
app.get('/openidm/system/:system/:type/:id', (_req, res) => {
  res.status(200).set('Content-Type', 'application/json; charset=UTF-8').set('Cache-Control', 'no-cache').send(ACCOUNT_BODY);
});
const server = app.listen(0, '127.0.0.1', () => {
  const address = server.address();
  console.log(`PORT=${typeof address === 'object' && address ? address.port : 0}`);
});

// Exit cleanly on SIGTERM/SIGINT so --cpu-prof profiles are written.
for (const signal of ['SIGTERM', 'SIGINT'] as const) process.on(signal, () => process.exit(0));
