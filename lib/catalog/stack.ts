// Stack components as data: one entry per component, everything a generator needs to
// switch it in or out. Binaries are Debian's (bookworm), except pound's, which Debian does
// not ship and is built from source; configs are rendered from a template by
// collective.recipe.template and run in the foreground under supervisor.

export const LEVELS = ['http', 'cache', 'balancer'] as const;
export type Level = (typeof LEVELS)[number];

export const COMPONENTS_BY_LEVEL = {
  http: ['nginx', 'apache'],
  cache: ['varnish', 'squid'],
  balancer: ['haproxy', 'pound'],
} as const satisfies Record<Level, readonly string[]>;

export type ComponentName = (typeof COMPONENTS_BY_LEVEL)[Level][number];
export type Choice<L extends Level> = (typeof COMPONENTS_BY_LEVEL)[L][number] | 'none';

/** How a binary Debian does not ship is built from its upstream source instead. */
export interface SourceBuild {
  /** Where the source comes from, and which release the config template is checked with. */
  upstream: string;
  /** Debian packages the build needs. */
  buildPackages: readonly string[];
  /** Commands run in the unpacked source tree. */
  steps: readonly string[];
  /** The built binary, relative to the source tree; it is installed as the component's `binary`. */
  built: string;
}

export interface Component {
  name: ComponentName;
  level: Level;
  /** Debian package providing the binary; null where Debian has none (pound). */
  debian: string | null;
  /** Where `debian` is null: how the binary is built instead. */
  fromSource?: SourceBuild;
  binary: string;
  /** Config file name the template renders to, under the generated project's etc/. */
  config: string;
  /** Arguments that run it in the foreground with the rendered config (supervisor needs that). */
  foregroundArgs: string;
  /** Folders under the buildout it writes to besides var/log, var/run and var/tmp (base.cfg makes those). */
  directories?: string[];
  /**
   * How it behaves started as the project's user (supervisor's `user =`, systemd's `User=`),
   * against started as root: the generated README says it. Sources: each server's manual.
   */
  privileges: string;
}

// `$CONF` stands for the rendered config's path; `$BUILDOUT` for ${buildout:directory}.
export const COMPONENTS: Record<ComponentName, Component> = {
  nginx: { name: 'nginx', level: 'http', debian: 'nginx-light', binary: '/usr/sbin/nginx', config: 'nginx.conf', foregroundArgs: '-c $CONF',
    privileges: 'master and workers run as the user; nginx ignores its `user` directive unless started as root (nginx core module docs, `user`)' },
  apache: { name: 'apache', level: 'http', debian: 'apache2', binary: '/usr/sbin/apache2', config: 'apache.conf', foregroundArgs: '-f $CONF -DFOREGROUND',
    privileges: 'parent and children run as the user; User/Group apply only when started as root (httpd docs, mod_unixd)' },
  varnish: { name: 'varnish', level: 'cache', debian: 'varnish', binary: '/usr/sbin/varnishd', config: 'varnish.vcl', foregroundArgs: '-F -f $CONF -a ${hosts:cache}:${ports:cache} -s malloc,256m -n $BUILDOUT/var/varnish',
    privileges: 'started as the user, varnishd picks the `none` jail and runs all its processes as that user; only started as root does it use the `unix` jail and Debian\'s varnish/vcache users (varnishd(1), Jail)' },
  squid: { name: 'squid', level: 'cache', debian: 'squid', binary: '/usr/sbin/squid', config: 'squid.conf', foregroundArgs: '-N -f $CONF', directories: ['var/cache/squid'],
    privileges: 'runs as the user; cache_effective_user applies only when started as root (squid.conf.documented)' },
  haproxy: { name: 'haproxy', level: 'balancer', debian: 'haproxy', binary: '/usr/sbin/haproxy', config: 'haproxy.cfg', foregroundArgs: '-db -f $CONF',
    privileges: 'runs as the user; needs no user/group in its global section then (haproxy configuration manual, 3.1)' },
  // Where pound's own `make install` puts it. pound detaches by default (Daemon true), which
  // supervisor cannot run: -F keeps it in the foreground whatever the config says.
  pound: {
    name: 'pound', level: 'balancer', debian: null, binary: '/usr/local/sbin/pound', config: 'pound.cfg', foregroundArgs: '-F -f $CONF',
    privileges: 'runs as the user; User/Group in its config apply only when started as root (pound(8))',
    fromSource: {
      // The template needs pound >= 4.6 (`Balancer iwrr`); the tests run it with 4.23.
      upstream: 'https://github.com/graygnuorg/pound, tag v4.23 (a git checkout or `git archive` of the tag)',
      // ../shared/pound/README.md: what the build needs on Debian 12 (the manual needs texinfo, not built here).
      buildPackages: ['autoconf', 'automake', 'libtool', 'bison', 'flex', 'make', 'gcc', 'libssl-dev'],
      steps: ['./bootstrap', './configure', 'make -C src'],
      built: 'src/pound',
    },
  },
};

export function isChoice(level: Level, value: string): value is Choice<Level> {
  return value === 'none' || (COMPONENTS_BY_LEVEL[level] as readonly string[]).includes(value);
}
