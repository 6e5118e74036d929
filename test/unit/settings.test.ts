import { loadSettings, SettingsError } from '../../src/settings.js';

describe('settings', () => {
  test('when nothing is set, then the defaults serve on 8080 from ./conf with the sandbox on', () => {
    const s = loadSettings({}, '/srv/idm');
    expect(s).toMatchObject({ port: 8080, confDir: '/srv/idm/conf', dataDir: '/srv/idm/data', instanceDir: '/srv/idm', sandbox: true, bodyLimitBytes: 1048576, logLevel: 'info' });
    expect(s.sandboxUrl).toBeUndefined();
  });

  test('when variables are set, then they are used', () => {
    const s = loadSettings({ PORT: '9090', IDM_SANDBOX: 'false', IDM_SANDBOX_URL: 'http://sandbox:8081/sandbox/', IDM_CONF_DIR: '/etc/idm', LOG_LEVEL: 'DEBUG' }, '/srv');
    expect(s).toMatchObject({ port: 9090, sandbox: false, sandboxUrl: 'http://sandbox:8081/sandbox', confDir: '/etc/idm', logLevel: 'debug' });
  });

  test('when several variables are wrong, then one error names each of them', () => {
    let message = '';
    try {
      loadSettings({ PORT: 'eighty', IDM_SANDBOX: 'maybe', IDM_BODY_LIMIT_BYTES: '1', LOG_LEVEL: 'loud', IDM_SANDBOX_URL: 'sandbox:8081' });
    } catch (error) {
      expect(error).toBeInstanceOf(SettingsError);
      message = (error as Error).message;
    }
    for (const name of ['PORT="eighty"', 'IDM_SANDBOX="maybe"', 'IDM_BODY_LIMIT_BYTES="1"', 'LOG_LEVEL="loud"', 'IDM_SANDBOX_URL="sandbox:8081"']) {
      expect(message).toContain(name);
    }
  });
});

describe('IDM_REDIS_URL', () => {
  test('when unset, then limits and tokens stay in memory', () => {
    expect(loadSettings({}, '/srv').redisUrl).toBeUndefined();
  });

  test('when set, then it is used; when malformed, then the error names the variable but never its value', () => {
    expect(loadSettings({ IDM_REDIS_URL: 'redis://:pw@redis:6379/0' }, '/srv').redisUrl).toBe('redis://:pw@redis:6379/0');
    expect(() => loadSettings({ IDM_REDIS_URL: 'http://:s3cret@redis' }, '/srv')).toThrow(/IDM_REDIS_URL must be a redis:\/\/ or rediss:\/\/ URL/);
    expect(() => loadSettings({ IDM_REDIS_URL: 'http://:s3cret@redis' }, '/srv')).not.toThrow(/s3cret/);
  });
});
