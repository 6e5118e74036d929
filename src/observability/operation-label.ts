import type { CrestRequest } from '../crest/parse-request.js';

/** Actions the gateway knows (system, connector and object actions); others are just `action`. */
const KNOWN_ACTIONS = [
  'test', 'testConfig', 'createConfiguration', 'availableConnectors', 'createCoreConfig', 'createFullConfig',
  'liveSync', 'activeSync', 'script', 'authenticate', 'resolveUsername',
];
const BY_LOWER = new Map(KNOWN_ACTIONS.map((a) => [a.toLowerCase(), a]));

/** The `operation` of a request's log line and metrics: the CREST type, `action:<name>` for known actions. */
export function operationLabel(request: Pick<CrestRequest, 'type' | 'action'>): string {
  if (request.type !== 'action') return request.type;
  // The action name comes from the caller: only known names may become a label value.
  const known = request.action !== undefined ? BY_LOWER.get(request.action.toLowerCase()) : undefined;
  return known ? `action:${known}` : 'action';
}
