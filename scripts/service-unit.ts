// The systemd unit of a Dawr server (`./dawr service install`, scripts/service.ts): the hub of a
// hall or central, run by the `dawr` wrapper of a checkout as an unprivileged user, restarted when
// it fails, logging to the journal, and able to write nowhere but its data folder.

export type ServiceKind = 'hub' | 'central';

export interface ServicePlan {
  kind: ServiceKind;
  /** The checkout, without a trailing slash. */
  checkout: string;
  user: string;
  group: string;
  data: string;
  /** The Node the wrapper runs (DAWR_NODE), one the user can run. */
  node: string;
  /** The wrapper's cache folder (DAWR_CACHE): never the user's home. */
  cache: string;
  /** The server's flags after `hub`/`central` (--data first). */
  args: string[];
  port: number;
  /** `read-only` when something the service reads lives under /home or /root. */
  protectHome: 'yes' | 'read-only';
}

export const unitName = (kind: ServiceKind) => `dawr-${kind}`;

/** Characters a path or flag may have in the unit: no quoting or %-specifier escaping needed. */
export const UNIT_SAFE = /^[\w@+=:,./-]+$/;

const DESCRIPTION: Record<ServiceKind, string> = {
  hub: 'Dawr hub (the queue server of a citizen service hall)',
  central: 'Dawr central (the municipality platform, PostgreSQL)',
};

export function renderUnit(p: ServicePlan): string {
  for (const v of [p.checkout, p.data, p.node, p.cache, p.user, p.group, ...p.args]) {
    if (!UNIT_SAFE.test(v)) throw new Error(`"${v}" cannot go into a systemd unit as it is: use letters, digits and _ @ + = : , . / - only`);
  }
  const name = unitName(p.kind);
  const lines = [
    `# ${name}.service, written by \`./dawr service install ${p.kind}\` (scripts/service.ts) from ${p.checkout}.`,
    '# Run that command again to change it (docs/install.md); edits made here are overwritten.',
    '[Unit]',
    `Description=${DESCRIPTION[p.kind]}`,
    `Documentation=file://${p.checkout}/docs/install.md`,
    'Wants=network-online.target',
    'After=network-online.target',
    '',
    '[Service]',
    'Type=simple',
    `User=${p.user}`,
    `Group=${p.group}`,
    `WorkingDirectory=${p.data}`,
    `Environment=DAWR_NODE=${p.node}`,
    `Environment=DAWR_CACHE=${p.cache}`,
    // Settings that are not flags (DATABASE_URL with its password, DAWR_LOG_LEVEL): a root-only file.
    `EnvironmentFile=-/etc/dawr/${p.kind}.env`,
    `ExecStart=${p.checkout}/dawr ${p.kind} ${p.args.join(' ')}`,
    'Restart=on-failure',
    'RestartSec=5',
    // The server closes cleanly on SIGTERM (central stops its PostgreSQL itself: mixed sends
    // SIGTERM to the main process only, and SIGKILL to whatever is left after the timeout).
    'KillSignal=SIGTERM',
    'KillMode=mixed',
    `TimeoutStopSec=${p.kind === 'central' ? 120 : 30}`,
    'StandardOutput=journal',
    'StandardError=journal',
    `SyslogIdentifier=${name}`,
    'UMask=0027',
    ...(p.port > 0 && p.port < 1024 ? ['AmbientCapabilities=CAP_NET_BIND_SERVICE', 'CapabilityBoundingSet=CAP_NET_BIND_SERVICE'] : ['CapabilityBoundingSet=']),
    'NoNewPrivileges=yes',
    'PrivateTmp=yes',
    'ProtectSystem=strict',
    `ProtectHome=${p.protectHome}`,
    `ReadWritePaths=${p.data}`,
    'ProtectKernelTunables=yes',
    'ProtectKernelModules=yes',
    'ProtectControlGroups=yes',
    'RestrictSUIDSGID=yes',
    'RestrictRealtime=yes',
    'LockPersonality=yes',
    '',
    '[Install]',
    'WantedBy=multi-user.target',
  ];
  return lines.join('\n') + '\n';
}
