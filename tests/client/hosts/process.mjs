// What both hosts need to run as a child process: a free local port, the process with its
// output kept for failure reports, and a wait for its RPC port.
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { accepts, until } from '../../../scripts/wait.mjs';

export async function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = /** @type {import('node:net').AddressInfo} */ (server.address());
      server.close(() => resolve(port));
    });
  });
}

export function launch(bin, args, env = process.env) {
  const child = spawn(bin, args, { stdio: ['ignore', 'pipe', 'pipe'], env });
  let output = '';
  child.stdout.on('data', (d) => { output += d; });
  child.stderr.on('data', (d) => { output += d; });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  return {
    output: () => output,
    running: () => child.exitCode === null && child.signalCode === null,
    stop: async () => { child.kill('SIGTERM'); await exited; },
  };
}

// Resolves once `port` accepts connections; fails if the process exits or `seconds` pass.
export async function portOpen(proc, port, name, seconds = 120) {
  try {
    await until(`${name} to open port ${port}`, async () => {
      if (!proc.running()) throw new Error(`${name} exited`);
      return accepts(port);
    }, { seconds, every: 200 });
  } catch (error) {
    if (proc.running()) await proc.stop();
    throw new Error(`${error.message}:\n${proc.output()}`);
  }
}
