import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { parseSettings, VARIABLES, type Env } from './config.ts';

const SECRET = 'a-session-secret-of-at-least-32-characters';
const production: Env = { METRONOME_API_TOKEN: 'tok_live', SESSION_SECRET: SECRET };

function settingsOf(env: Env) {
  const result = parseSettings(env);
  assert.ok(result.ok, result.ok ? '' : result.errors.join('\n'));
  return result.settings;
}

function errorsOf(env: Env, options = {}) {
  const result = parseSettings(env, options);
  assert.ok(!result.ok, 'expected errors');
  return result.errors;
}

describe('settings from the environment', () => {
  it('runs on the simulator with nothing set, with every documented default', () => {
    assert.deepEqual(settingsOf({}), {
      mode: 'simulator',
      metronomeApiToken: undefined,
      metronomeBaseUrl: 'https://api.metronome.com',
      sessionSecret: undefined,
      sessionSecretPrevious: undefined,
      sessionMaxTtlSeconds: 86_400,
      port: 8787,
      host: '127.0.0.1',
      allowedOrigins: [],
      metronomeTimeoutMs: 10_000,
      metronomeDeadlineMs: 15_000,
      cacheTtlSeconds: 30,
      cacheReferenceTtlSeconds: 300,
      staleIfErrorSeconds: 900,
      metronomeConcurrency: 32,
      metronomeRequestConcurrency: 12,
      rateLimitPerMinute: 120,
      redisUrl: undefined,
      logLevel: 'info',
      simulatorFault: undefined,
    });
  });

  it('runs in production with a token and a secret, reading every variable', () => {
    const settings = settingsOf({
      ...production,
      METRONOME_BASE_URL: 'http://127.0.0.1:8788/',
      SESSION_SECRET_PREVIOUS: 'b'.repeat(32),
      SESSION_MAX_TTL_SECONDS: '3600',
      PORT: '0',
      HOST: '0.0.0.0',
      ALLOWED_ORIGINS: 'https://app.example.com, http://localhost:3000/',
      METRONOME_TIMEOUT_MS: '2500',
      METRONOME_DEADLINE_MS: '8000',
      CACHE_TTL_SECONDS: '0',
      CACHE_REFERENCE_TTL_SECONDS: '60',
      STALE_IF_ERROR_SECONDS: '120',
      METRONOME_CONCURRENCY: '4',
      METRONOME_REQUEST_CONCURRENCY: '2',
      RATE_LIMIT_PER_MINUTE: '600',
      REDIS_URL: 'redis://:pw@cache.internal:6379/0',
      LOG_LEVEL: 'DEBUG',
    });
    assert.equal(settings.mode, 'production');
    assert.equal(settings.metronomeApiToken, 'tok_live');
    assert.equal(settings.metronomeBaseUrl, 'http://127.0.0.1:8788');
    assert.equal(settings.sessionSecret, SECRET);
    assert.equal(settings.sessionSecretPrevious, 'b'.repeat(32));
    assert.deepEqual(
      [settings.sessionMaxTtlSeconds, settings.port, settings.host, settings.metronomeTimeoutMs, settings.metronomeDeadlineMs],
      [3600, 0, '0.0.0.0', 2500, 8000],
    );
    assert.deepEqual(settings.allowedOrigins, ['https://app.example.com', 'http://localhost:3000']);
    assert.deepEqual(
      [settings.cacheTtlSeconds, settings.cacheReferenceTtlSeconds, settings.staleIfErrorSeconds, settings.metronomeConcurrency, settings.metronomeRequestConcurrency, settings.rateLimitPerMinute],
      [0, 60, 120, 4, 2, 600],
    );
    assert.equal(settings.redisUrl, 'redis://:pw@cache.internal:6379/0');
    assert.equal(settings.logLevel, 'debug');
  });

  it('treats empty variables as unset', () => {
    assert.equal(settingsOf({ METRONOME_API_TOKEN: '', PORT: '', LOG_LEVEL: ' ' }).mode, 'simulator');
  });

  it('needs a session secret of 32 characters or more with a token, and never echoes it', () => {
    assert.deepEqual(errorsOf({ METRONOME_API_TOKEN: 'tok' }), ['SESSION_SECRET must be set to at least 32 characters when METRONOME_API_TOKEN is set.']);
    const errors = errorsOf({ METRONOME_API_TOKEN: 'tok', SESSION_SECRET: 'short-secret-value' });
    assert.deepEqual(errors, ['SESSION_SECRET must be at least 32 characters long (it has 18).']);
    assert.deepEqual(errorsOf({ SESSION_SECRET: 'short-secret-value' }), errors, 'on the simulator too, when set');
  });

  it('checks the previous secret for rotation', () => {
    assert.match(errorsOf({ ...production, SESSION_SECRET_PREVIOUS: 'x' }).join(), /^SESSION_SECRET_PREVIOUS must be at least 32 characters/);
    assert.deepEqual(errorsOf({ ...production, SESSION_SECRET_PREVIOUS: SECRET }), ['SESSION_SECRET_PREVIOUS is the same as SESSION_SECRET.']);
    assert.deepEqual(errorsOf({ SESSION_SECRET_PREVIOUS: 'p'.repeat(32) }), ['SESSION_SECRET_PREVIOUS is set without SESSION_SECRET.']);
  });

  it('reports every bad number at once, naming the variable, its range and what it got', () => {
    const errors = errorsOf({ ...production, PORT: '70000', METRONOME_TIMEOUT_MS: '1.5', CACHE_TTL_SECONDS: '-1', METRONOME_CONCURRENCY: '0', RATE_LIMIT_PER_MINUTE: 'lots' });
    assert.deepEqual(errors, [
      'PORT must be a whole number from 0 to 65535, got "70000".',
      'METRONOME_TIMEOUT_MS must be a whole number from 1 to 600000, got "1.5".',
      'CACHE_TTL_SECONDS must be a whole number from 0 to 2592000, got "-1".',
      'METRONOME_CONCURRENCY must be a whole number from 1 to 10000, got "0".',
      'RATE_LIMIT_PER_MINUTE must be a whole number from 1 to 1000000, got "lots".',
    ]);
  });

  it('refuses origins with a path, URLs that are not http(s), Redis URLs of other schemes and unknown log levels', () => {
    assert.deepEqual(errorsOf({ ...production, ALLOWED_ORIGINS: 'https://ok.example.com,https://app.example.com/billing,*' }), [
      'ALLOWED_ORIGINS: "https://app.example.com/billing" is not an origin (scheme://host[:port], no path), such as https://app.example.com.',
      'ALLOWED_ORIGINS: "*" is not an origin (scheme://host[:port], no path), such as https://app.example.com.',
    ]);
    assert.deepEqual(errorsOf({ ...production, METRONOME_BASE_URL: 'ftp://metronome' }), ['METRONOME_BASE_URL must be an http:// or https:// URL without user or password.']);
    const redis = errorsOf({ ...production, REDIS_URL: 'http://user:hunter2@cache' });
    assert.deepEqual(redis, ['REDIS_URL must be a redis:// or rediss:// URL.']);
    assert.deepEqual(errorsOf({ LOG_LEVEL: 'verbose' }), ['LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent, got "verbose".']);
  });

  it('refuses a token with white space, which would break the Authorization header', () => {
    assert.deepEqual(errorsOf({ ...production, METRONOME_API_TOKEN: 'tok\n' }), ['METRONOME_API_TOKEN must not contain spaces or line breaks.']);
  });

  it('refuses production-only and simulator-only settings in the other mode', () => {
    assert.match(errorsOf({ METRONOME_BASE_URL: 'https://api.metronome.com' }).join(), /METRONOME_BASE_URL is set but METRONOME_API_TOKEN is not/);
    assert.match(errorsOf({ ...production, SIMULATOR_FAULT: '500' }).join(), /SIMULATOR_FAULT applies to the embedded simulator only/);
  });

  it('reads SIMULATOR_FAULT with the parser it is given, reporting its message', () => {
    const parseFault = (text: string) => {
      if (text !== 'latency=300') throw new Error(`unknown directive "${text}"`);
      return { latencyMs: 300 };
    };
    const result = parseSettings({ SIMULATOR_FAULT: 'latency=300' }, { parseFault });
    assert.ok(result.ok);
    assert.deepEqual(result.settings.simulatorFault, { latencyMs: 300 });
    assert.deepEqual(errorsOf({ SIMULATOR_FAULT: 'slow' }, { parseFault }), ['SIMULATOR_FAULT: unknown directive "slow".']);
  });

  it('documents every variable it reads in the README\'s production table', () => {
    const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
    const section = readme.slice(readme.indexOf('## Run the proxy in production'), readme.indexOf('\n## ', readme.indexOf('## Run the proxy in production') + 1));
    const documented = [...section.matchAll(/^\| `([A-Z_]+)` \|/gm)].map((m) => m[1]);
    assert.deepEqual(documented, [...VARIABLES]);
  });
});
