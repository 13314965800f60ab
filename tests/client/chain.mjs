// Starts chopsticks from our raw chain spec on a free local port and connects @polkadot/api to
// it. Blocks are sealed on demand (`dev_newBlock`) so that tests control them.
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { ApiPromise, WsProvider } from '@polkadot/api';
import { Keyring } from '@polkadot/keyring';
import { cryptoWaitReady } from '@polkadot/util-crypto';
import { ensureFirstBlock } from '../../scripts/first-block.mjs';

const root = new URL('../..', import.meta.url).pathname;
const targetDir = process.env.CARGO_TARGET_DIR || join(root, 'target');

export const specPath = process.env.MVP_CHAIN_SPEC || join(targetDir, 'chain-spec', 'development.raw.json');
// The mvp-chain tool, as ./scripts/test.sh built it.
export const toolPath = process.env.MVP_CHAIN_TOOL || join(targetDir, 'debug', 'mvp-chain');
export const fixturePath = (name) => join(targetDir, 'runtime', 'fixtures', `${name}.compact.compressed.wasm`);
export const UNIT = 10n ** 12n;

async function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

export async function startChain() {
  if (!existsSync(specPath)) {
    throw new Error(`no chain spec at ${specPath}: run ./scripts/test.sh, which writes it first`);
  }
  const port = await freePort();
  const bin = join(root, 'node_modules', '.bin', 'chopsticks');
  const child = spawn(bin, ['--genesis', specPath, '--host', '127.0.0.1', '--port', String(port),
    '--build-block-mode', 'Manual'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (d) => { output += d; });
  child.stderr.on('data', (d) => { output += d; });
  const exited = new Promise((resolve) => child.once('exit', resolve));

  const deadline = Date.now() + 120_000;
  while (!/listening/i.test(output)) {
    if (child.exitCode !== null) throw new Error(`chopsticks exited:\n${output}`);
    if (Date.now() > deadline) { child.kill(); throw new Error(`chopsticks did not start:\n${output}`); }
    await new Promise((r) => setTimeout(r, 200));
  }
  const provider = new WsProvider(`ws://127.0.0.1:${port}`);
  await provider.isReady;
  await ensureFirstBlock(provider);
  const api = await ApiPromise.create({ provider, noInitWarn: true, throwOnConnect: true });
  await cryptoWaitReady();
  const keyring = new Keyring({ type: 'sr25519', ss58Format: 42 });
  return {
    api,
    keyring,
    url: `ws://127.0.0.1:${port}`,
    logs: () => output,
    newBlock: async () => provider.send('dev_newBlock', [{ count: 1 }]),
    stop: async () => {
      await api.disconnect();
      child.kill('SIGTERM');
      await exited;
    },
  };
}

// Runs `body` against a fresh chain, and stops the chain whatever happens.
export async function withChain(body) {
  const chain = await startChain();
  try {
    await body(chain);
  } catch (error) {
    // What chopsticks saw is the first thing to read when a client test fails.
    error.message += `\nchopsticks' last output:\n${chain.logs().slice(-4000)}`;
    throw error;
  } finally {
    await chain.stop();
  }
}

// The events of the best block, as `section.method` with their data.
export async function blockEvents(api) {
  const events = await api.query.system.events();
  return events.map(({ event }) => ({ name: `${event.section}.${event.method}`, data: event.data }));
}

// The error submitting `extrinsic` (hex or bytes) gets; fails if it is accepted.
export async function rejection(api, extrinsic) {
  try {
    await api.rpc.author.submitExtrinsic(extrinsic);
  } catch (error) {
    return String(error.message ?? error);
  }
  throw new Error('the transaction was accepted');
}
