// Dispatches `./dawr <command>` (the wrapper has already found Node and installed dependencies).
// Each command loads its own modules only (the hub's ~200 take a second to load from sources).

const [command, ...argv] = process.argv.slice(2);

async function run(): Promise<void> {
  switch (command) {
    case 'hub': {
      const { main } = await import('../electron/hub/cli.ts');
      await main(argv);
      return;
    }
    case 'start': {
      const { start } = await import('./start.ts');
      await start(argv);
      return;
    }
    case 'central': {
      if (argv[0] === 'backup' || argv[0] === 'restore' || argv[0] === 'partitions') {
        const { centralBackupMain } = await import('../electron/central/backup-cli.ts');
        await centralBackupMain(argv);
        return;
      }
      const { main } = await import('../electron/central/cli.ts');
      await main(argv);
      return;
    }
    case 'plan': {
      const { main } = await import('../electron/hub/plan-cli.ts');
      await main(argv);
      return;
    }
    case 'simulate': {
      const { main } = await import('../electron/hub/simulate-cli.ts');
      await main(argv);
      return;
    }
    case 'devices': {
      const { main } = await import('../electron/devices/cli.ts');
      await main(argv);
      return;
    }
    case 'backup': {
      const { backupMain } = await import('../electron/hub/backup/backup-cli.ts');
      await backupMain(argv);
      return;
    }
    case 'restore': {
      const { restoreMain } = await import('../electron/hub/backup/backup-cli.ts');
      await restoreMain(argv);
      return;
    }
    case 'service': {
      const { main } = await import('./service.ts');
      await main(argv);
      return;
    }
    case 'voice': {
      const { main } = await import('./voice-pack.ts');
      main(argv);
      return;
    }
    default:
      console.error(`dawr: unknown command ${command}`);
      process.exit(2);
  }
}

run().catch((err: Error) => {
  console.error(`dawr ${command}: ${err.message}`);
  process.exit(1);
});
