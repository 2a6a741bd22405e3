// `npm start`: build, then open the desktop app — or, where Electron cannot start (no display, or
// its binary cannot be downloaded), say why in one line and serve the dashboard in a browser instead.
import { spawn, spawnSync } from 'node:child_process';

import { electronBinary, electronUnavailableReason } from './electron-availability.mjs';

const run = (command, args) => {
  const result = spawnSync(command, args, { stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
};

if (!process.argv.includes('--skip-build')) run('npm', ['run', '--silent', 'build']);

const reason = electronUnavailableReason();
const [command, args] = reason
  ? [process.execPath, ['bin/scimwatch.js', 'serve']]
  : [electronBinary(), ['.']];
if (reason) {
  console.log(
    `ScimWatch: the desktop app cannot start here (${reason}); serving the dashboard for your browser instead.`,
  );
} else {
  run(process.execPath, ['scripts/rebuild-native.mjs']);
}

const child = spawn(command, args, { stdio: 'inherit' });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
