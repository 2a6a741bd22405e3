// Decides whether the Electron desktop app can start on this machine, and if not, says why in one line.
import { spawnSync } from 'node:child_process';

// Prints the binary's path, failing when it cannot be resolved or does not exist.
const findBinary =
  "const p = require('electron'); if (!require('fs').existsSync(p)) process.exit(1); process.stdout.write(p);";

/** Returns null when Electron can start, else the reason it cannot. */
export function electronUnavailableReason(env = process.env, platform = process.platform) {
  if (platform === 'linux' && !env.DISPLAY && !env.WAYLAND_DISPLAY) {
    return 'no display: DISPLAY and WAYLAND_DISPLAY are unset';
  }
  // Resolving the electron package downloads its binary on first use; do it in a child so a failure
  // (no network, blocked host) cannot take this process down, and keep only its last word.
  const probe = spawnSync(process.execPath, ['-e', findBinary], { encoding: 'utf8', timeout: 180_000, env });
  if (probe.status !== 0 || !probe.stdout) {
    return "Electron's binary is not installed and could not be downloaded";
  }
  return null;
}

export function electronBinary() {
  return spawnSync(process.execPath, ['-e', findBinary], { encoding: 'utf8' }).stdout;
}
