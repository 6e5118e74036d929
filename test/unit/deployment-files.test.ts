import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, posix } from 'node:path';
import { parse } from 'yaml';
import request from 'supertest';
import express from 'express';
import { loadSettings } from '../../src/settings.js';
import { createDropboxSandbox } from '../../src/sandbox/dropbox/dropbox-sandbox.js';
import { REPO } from '../support/gateway-harness.js';
import { dockerStages, inBuildContext, interpolate, runtimePackages, stageEnv, type DockerStage } from '../support/deployment-files.js';

/*
 * No Docker engine runs here, so the deployment files are checked by what they promise:
 * every path, command, port and variable they name must match the repository, the built
 * dist/ layout (tsconfig.build.json) and what the gateway's settings accept.
 */

interface ComposeService {
  readonly build?: unknown;
  readonly image?: string;
  readonly command?: readonly string[];
  readonly environment?: Readonly<Record<string, string>>;
  readonly volumes?: readonly string[];
  readonly ports?: readonly string[];
  readonly healthcheck?: { readonly test: readonly string[] };
  readonly deploy?: { readonly replicas?: number };
  readonly depends_on?: Readonly<Record<string, { readonly condition: string }>>;
}

interface Compose {
  readonly services: Readonly<Record<string, ComposeService>>;
  readonly volumes?: Readonly<Record<string, unknown>>;
}

const compose = parse(readFileSync(join(REPO, 'docker-compose.yml'), 'utf8')) as Compose;
const stages = dockerStages(readFileSync(join(REPO, 'Dockerfile'), 'utf8'));
const runtime = stages.at(-1)!;
const pkg = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as { main: string; dependencies: Record<string, string> };
const build = JSON.parse(readFileSync(join(REPO, 'tsconfig.build.json'), 'utf8')) as { compilerOptions: { rootDir: string; outDir: string } };
const nginx = readFileSync(join(REPO, 'deploy', 'nginx.conf'), 'utf8');

function instructions(stage: DockerStage, keyword: string): string[] {
  return stage.instructions.filter((i) => i.keyword === keyword).map((i) => i.args);
}

/** The src/ file tsc compiles to `dist/…js` (tsconfig.build.json's rootDir → outDir). */
function sourceOf(distFile: string): string {
  const { rootDir, outDir } = build.compilerOptions;
  expect(distFile.startsWith(`${outDir}/`)).toBe(true);
  return join(REPO, rootDir, distFile.slice(outDir.length + 1).replace(/\.js$/, '.ts'));
}

/** The container's environment for a service: the image's ENV, then compose's, interpolated with no .env. */
function serviceEnv(service: ComposeService): Record<string, string> {
  const env: Record<string, string> = { ...stageEnv(runtime) };
  for (const [k, v] of Object.entries(service.environment ?? {})) env[k] = interpolate(String(v));
  return env;
}

/** `target → source` of a service's volumes. */
function mounts(service: ComposeService): Map<string, string> {
  return new Map((service.volumes ?? []).map((v) => {
    const [source, target] = v.split(':');
    return [target!, source!];
  }));
}

describe('Dockerfile', () => {
  test('when read, then it builds in two stages and runs the compiled main as a non-root user', () => {
    expect(stages.length).toBeGreaterThanOrEqual(2);
    const user = instructions(runtime, 'USER');
    expect(user).toHaveLength(1);
    expect(user[0]).not.toMatch(/^(root|0)(:|$)/);
    const cmd = JSON.parse(instructions(runtime, 'CMD')[0]!) as string[];
    expect(cmd).toEqual(['node', pkg.main]);
    expect(existsSync(sourceOf(pkg.main))).toBe(true);
    expect(instructions(runtime, 'HEALTHCHECK').join(' ')).toContain('/openidm/info/ping');
  });

  test('when the runtime stage is assembled, then it takes production dependencies only and every copied path exists in the build context', () => {
    const buildStage = stages.find((s) => s.name === instructions(runtime, 'COPY').map((c) => /--from=(\S+)/.exec(c)?.[1]).find(Boolean));
    expect(buildStage).toBeDefined();
    // The node_modules handed over were pruned after the build.
    expect(instructions(buildStage!, 'RUN').some((r) => /npm (prune|ci|install)\b.*--omit=dev/.test(r))).toBe(true);
    for (const copy of [...instructions(buildStage!, 'COPY'), ...instructions(runtime, 'COPY')].filter((c) => !c.includes('--from='))) {
      const sources = copy.split(' ').slice(0, -1);
      for (const source of sources) {
        expect([source, existsSync(join(REPO, source))]).toEqual([source, true]);
        expect([source, inBuildContext(REPO, source)]).toEqual([source, true]);
      }
    }
  });

  test('when the gateway and sandbox entry points run, then every package they load is a production dependency', () => {
    for (const entry of [sourceOf(pkg.main), sourceOf('dist/sandbox/sandbox-main.js')]) {
      const packages = runtimePackages(entry);
      expect([...packages.keys()]).toEqual(expect.arrayContaining(['express', 'pino']));
      for (const [name, importer] of packages) {
        expect([name, importer, Object.hasOwn(pkg.dependencies, name)]).toEqual([name, importer, true]);
      }
    }
  });

  test('when the image starts, then its settings are valid and the shipped CSV file lies in the data volume the node user owns', () => {
    const env = stageEnv(runtime);
    const settings = loadSettings(env, instructions(runtime, 'WORKDIR').at(-1)!);
    const volume = (JSON.parse(instructions(runtime, 'VOLUME')[0]!) as string[])[0]!;
    expect(settings.dataDir).toBe(volume);
    // conf/ resolves &{idm.instance.dir}: the CSV system must find its file where the gateway seeds it.
    const csvConf = readFileSync(join(REPO, 'conf', 'provisioner.openicf-csv.json'), 'utf8');
    const csvFile = /"csvFile"\s*:\s*"([^"]+)"/.exec(csvConf)![1]!.replace('&{idm.instance.dir}', settings.instanceDir);
    expect(posix.dirname(csvFile)).toBe(settings.dataDir);
    expect(instructions(runtime, 'RUN').join(' ')).toMatch(new RegExp(`chown -R node:node [^&]*${volume}( |$)`));
    expect(Number(instructions(runtime, 'EXPOSE')[0])).toBe(settings.port);
  });
});

describe('docker-compose.yml', () => {
  const { gateway, sandbox, redis, proxy } = compose.services;

  test('when parsed, then it has two gateway replicas, the sandbox service, Redis and a reverse proxy', () => {
    expect(Object.keys(compose.services).sort()).toEqual(['gateway', 'proxy', 'redis', 'sandbox']);
    expect(gateway!.deploy?.replicas).toBe(2);
    expect(gateway!.build).toBe('.');
    expect(sandbox!.build).toBe('.');
    expect(redis!.image).toMatch(/^redis:/);
    expect(proxy!.image).toMatch(/^nginx:/);
    for (const [name, dependency] of Object.entries(gateway!.depends_on ?? {})) {
      if (dependency.condition === 'service_healthy') expect([name, compose.services[name]?.healthcheck]).toEqual([name, expect.anything()]);
    }
  });

  test('when the gateway starts, then its settings are valid, point at the sandbox and Redis services, and conf and data are mounted where it reads them', () => {
    const env = serviceEnv(gateway!);
    const settings = loadSettings(env, '/app');
    expect(settings.sandbox).toBe(false);
    const sandboxUrl = new URL(settings.sandboxUrl!);
    expect(sandboxUrl.hostname).toBe('sandbox');
    expect(Number(sandboxUrl.port)).toBe(loadSettings(serviceEnv(sandbox!), '/app').port);
    expect(sandboxUrl.pathname).toBe('/sandbox');
    expect(new URL(settings.redisUrl!).hostname).toBe('redis');
    const volumes = mounts(gateway!);
    expect(volumes.get(settings.confDir)).toBe('./conf');
    expect(Object.keys(compose.volumes ?? {})).toContain(volumes.get(settings.dataDir));
    // Secrets come from the environment (an .env file), never written in the file itself.
    for (const [name, value] of Object.entries(gateway!.environment ?? {})) {
      if (/SECRET|PASSWORD|TOKEN/.test(name)) expect(value).toMatch(/^\$\{[A-Z_]+(:-)?\}$/);
    }
  });

  test('when a service bind-mounts a file or directory, then it exists in the repository', () => {
    const binds = Object.values(compose.services).flatMap((service) => [...mounts(service).values()].filter((source) => source.startsWith('.')));
    expect(binds.length).toBeGreaterThan(0);
    for (const source of binds) expect([source, existsSync(join(REPO, source))]).toEqual([source, true]);
  });

  test('when the sandbox service starts, then it runs a compiled entry point with its data in its volume', () => {
    const [node, script] = sandbox!.command!;
    expect(node).toBe('node');
    expect(existsSync(sourceOf(script!))).toBe(true);
    const settings = loadSettings(serviceEnv(sandbox!), '/app');
    expect(Object.keys(compose.volumes ?? {})).toContain(mounts(sandbox!).get(settings.dataDir));
  });

  test('when the sandbox healthcheck runs, then its URL is one the sandbox answers 200 on its own port', async () => {
    const probe = sandbox!.healthcheck!.test.join(' ');
    const url = new URL(/fetch\('([^']+)'\)/.exec(probe)![1]!);
    expect(Number(url.port)).toBe(loadSettings(serviceEnv(sandbox!), '/app').port);
    const [, , name, ...rest] = url.pathname.split('/');
    expect(name).toBe('dropbox');
    const dropbox = await createDropboxSandbox({ dataFile: join(mkdtempSync(join(tmpdir(), 'idm-deploy-')), 'dropbox.json') });
    const app = express().use(`/sandbox/${dropbox.name}`, dropbox.router);
    expect((await request(app).get(`/sandbox/${name}/${rest.join('/')}`)).status).toBe(200);
  });

  test('when nginx proxies, then it listens on the published port, reaches the gateway replicas on their port and lets the gateway answer 413 itself', () => {
    const settings = loadSettings(serviceEnv(gateway!), '/app');
    const published = interpolate(proxy!.ports![0]!).split(':');
    expect(nginx).toMatch(new RegExp(`listen ${published.at(-1)};`));
    expect(nginx).toMatch(new RegExp(`server gateway:${settings.port}\\b`));
    expect(mounts(proxy!).get('/etc/nginx/conf.d/default.conf')).toBe('./deploy/nginx.conf');
    const maxBody = /client_max_body_size (\d+)m;/.exec(nginx);
    expect(Number(maxBody![1]) * 1024 * 1024).toBeGreaterThan(settings.bodyLimitBytes);
  });
});
