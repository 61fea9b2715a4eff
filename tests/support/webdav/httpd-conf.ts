// The httpd.conf of the test WebDAV server: Debian's Apache with mod_dav, everything (pid file,
// logs, locks, runtime files) inside one temp folder, listening on one loopback port. The same
// DAV folder is served twice, under /basic/ with Basic and under /digest/ with Digest auth.

export const MODULES = '/usr/lib/apache2/modules';
export const REALM = 'lectern-test';

export interface HttpdConfOptions {
  root: string;
  port: number;
  /** Set when running as root: Apache refuses to serve as root, so its workers run as this user. */
  runAs: string | null;
  tls: { cert: string; key: string } | null;
}

const modules = (tls: boolean): string[] => [
  'mpm_prefork',
  'authz_core',
  'authn_core',
  'authn_file',
  'auth_basic',
  'auth_digest',
  'authz_user',
  'dav',
  'dav_fs',
  'setenvif',
  'mime',
  'dir',
  'alias',
  ...(tls ? ['socache_shmcb', 'ssl'] : []),
];

export function httpdConf({ root, port, runAs, tls }: HttpdConfOptions): string {
  const lines = [
    `ServerRoot "${root}"`,
    'ServerName 127.0.0.1',
    `Listen 127.0.0.1:${port}`,
    `PidFile "${root}/run/httpd.pid"`,
    `DefaultRuntimeDir "${root}/run"`,
    `ErrorLog "${root}/error.log"`,
    'LogLevel warn',
    ...modules(tls !== null).map((name) => `LoadModule ${name}_module ${MODULES}/mod_${name}.so`),
    // A prefork process is held by each kept-alive connection, and every remote a test makes
    // has its own: a few spare processes spare new connections the wait for another to start.
    'StartServers 4',
    'MinSpareServers 4',
    'MaxSpareServers 8',
    'MaxRequestWorkers 16',
    'KeepAlive On',
    'KeepAliveTimeout 2',
    ...(runAs ? [`User ${runAs}`, `Group ${runAs}`] : []),
    `TypesConfig "${root}/mime.types"`,
    `DocumentRoot "${root}/htdocs"`,
    `DavLockDB "${root}/lock/DavLock"`,
    `Alias /basic "${root}/dav"`,
    `Alias /digest "${root}/dav"`,
    `<Directory "${root}/dav">`,
    '  Dav On',
    '  Options None',
    '  AllowOverride None',
    '</Directory>',
    '<Location /basic>',
    '  AuthType Basic',
    `  AuthName "${REALM}"`,
    '  AuthBasicProvider file',
    `  AuthUserFile "${root}/users.htpasswd"`,
    '  Require valid-user',
    '</Location>',
    '<Location /digest>',
    '  AuthType Digest',
    `  AuthName "${REALM}"`,
    '  AuthDigestProvider file',
    `  AuthUserFile "${root}/users.htdigest"`,
    '  AuthDigestDomain /digest/',
    '  Require valid-user',
    '</Location>',
  ];
  if (tls) {
    lines.push(
      `SSLSessionCache "shmcb:${root}/run/ssl_scache(512000)"`,
      'SSLEngine on',
      `SSLCertificateFile "${tls.cert}"`,
      `SSLCertificateKeyFile "${tls.key}"`,
    );
  }
  return `${lines.join('\n')}\n`;
}
