// What both hosts need to run as a child process: a free local port, the process with its
// output kept for failure reports, and a wait for its RPC port.
import { spawn } from 'node:child_process';
import { createWriteStream } from 'node:fs';
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

export function launch(bin, args, env = process.env, { logFile } = {}) {
  const child = spawn(bin, args, { stdio: ['ignore', 'pipe', 'pipe'], env });
  // Also the whole log in `logFile`, when one is named.
  const file = logFile && createWriteStream(logFile, { flags: 'a' });
  // The newest megabyte of its output, for failure reports: a node that runs for hours keeps
  // logging.
  let output = '';
  const keep = (d) => {
    output = (output + d).slice(-1_000_000);
    file?.write(d);
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  const exited = new Promise((resolve) => child.once('exit', resolve)).then(() => file?.end());
  return {
    output: () => output,
    running: () => child.exitCode === null && child.signalCode === null,
    stop: async (signal = 'SIGTERM') => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      await exited;
    },
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

// How many extrinsics a block holds before any transaction: its inherents (the timestamp; a
// parachain's validation data too), read off block #1, which no test has submitted to yet.
export async function inherentCount(provider) {
  const { block } = await provider.send('chain_getBlock', [await provider.send('chain_getBlockHash', [1])]);
  return block.extrinsics.length;
}

// The newest block after #`after` up to #`upTo` that holds more than its `inherents`, or block
// #`after + 1` if none does: where a node host's `newBlock` finds what was just submitted.
export async function newestWithTransactions(provider, after, upTo, inherents) {
  for (let n = upTo; n > after; n -= 1) {
    const hash = await provider.send('chain_getBlockHash', [n]);
    const { block } = await provider.send('chain_getBlock', [hash]);
    if (block.extrinsics.length > inherents) return hash;
  }
  return provider.send('chain_getBlockHash', [after + 1]);
}
