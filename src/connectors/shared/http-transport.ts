import axios, { type AxiosInstance, type AxiosProxyConfig } from 'axios';
import type { HttpAgents } from './http-agents.js';
import type { HttpSettings } from './saas-settings.js';

/**
 * The axios instance of one system: its agents, proxy and compression settings; bodies come back
 * as text (parsed by the caller, so a malformed body is an error we name) and no status throws.
 */
export function createTransport(settings: HttpSettings, agents: HttpAgents): AxiosInstance {
  const proxy: AxiosProxyConfig | false = settings.proxy
    ? {
        protocol: 'http',
        host: settings.proxy.host,
        port: settings.proxy.port,
        ...(settings.proxy.username === undefined ? {} : { auth: { username: settings.proxy.username, password: settings.proxy.password ?? '' } }),
      }
    : false; // never pick up HTTP(S)_PROXY from the environment behind the admin's back
  return axios.create({
    httpAgent: agents.http,
    httpsAgent: agents.https,
    proxy,
    decompress: !settings.disableHttpCompression,
    headers: settings.disableHttpCompression ? { 'Accept-Encoding': 'identity' } : {},
    responseType: 'text',
    transformResponse: [(data: unknown) => data],
    validateStatus: () => true,
    maxRedirects: 0,
    // Bodies of any size: the connector pages; the operation timeout bounds the time.
    maxContentLength: -1,
    maxBodyLength: -1,
  });
}
