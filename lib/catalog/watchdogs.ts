// Watchdogs of the Zope clients: restart a client that leaks memory or stops answering.
// With supervisor, superlance's event listeners (collective.recipe.supervisor README,
// `eventlisteners`: `Memmon TICK_60 bin/memmon [-p instance1=200MB]`, `HttpOk TICK_60
// bin/httpok [-p instance1 -t 20 http://localhost:8080/]`); with systemd, MemoryMax= on
// each client's unit (systemd.resource-control(5): the kernel kills it past the limit, and
// Restart=on-failure starts it again), and httpok's counterpart: a health check per client,
// a oneshot service its timer starts every minute (systemd.timer(5)), whose failure starts
// the restart unit (OnFailure=, systemd.unit(5)).

/**
 * superlance 2.0.0 (2021-12-26, PyPI changelog): Python 2.7 and 3.4+, so one pin fits every
 * line; no release pins it. NOT among the offline eggs of ../shared/recipes: the deploy
 * test resolves it and stands in for its scripts (test/support/deploy.ts).
 */
export const SUPERLANCE = { egg: 'superlance', version: '2.0.0' } as const;

/** Seconds httpok (-t), or the health check under systemd, waits for an answer before it restarts the client. */
export const HTTPOK_TIMEOUT = 30;

/** The supervisor event both listeners wake on: once a minute. */
export const WATCHDOG_EVENT = 'TICK_60';

/** memmon takes sizes as 200MB or 2GB; systemd's MemoryMax= as 200M or 2G (base 1024 in both). */
export const systemdSize = (size: string): string => size.replace(/B$/, '');

/** The health check's script, rendered from templates/ into bin/ (systemd only). */
export const HEALTHCHECK = { template: 'templates/healthcheck.in', output: '${buildout:bin-directory}/healthcheck' } as const;

/** When the health check timers fire (systemd.time(5)): once a minute, like TICK_60. */
export const HEALTH_CALENDAR = 'minutely';
