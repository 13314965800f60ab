// What both hosts need to run as a child process: a free local port, the process with its
// output kept for failure reports, and a wait for its RPC port.
import { spawn } from 'node:child_process';
import { connect, createServer } from 'node:net';

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
  const open = () => new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1', () => { socket.end(); resolve(true); });
    socket.on('error', () => resolve(false));
  });
  const deadline = Date.now() + seconds * 1000;
  while (!(await open())) {
    if (!proc.running()) throw new Error(`${name} exited:\n${proc.output()}`);
    if (Date.now() > deadline) {
      await proc.stop();
      throw new Error(`${name} did not open port ${port}:\n${proc.output()}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
}
