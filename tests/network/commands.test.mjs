// The node's sc-cli subcommands on a chain of its own: a dev chain runs a few blocks into a
// database, then export-blocks, import-blocks into a second database, check-block, revert,
// purge-chain, build-spec and export-chain-spec, and the key commands a validator's operator
// uses (generate, inspect, insert, generate-node-key, inspect-node-key).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { freePort, launch, portOpen } from '../client/hosts/process.mjs';
import { nodeBinary } from './network.mjs';
import { until } from '../../scripts/wait.mjs';

const exec = promisify(execFile);
const node = async (...args) => exec(nodeBinary, args, { timeout: 120_000, maxBuffer: 64 << 20 });
const number = (header) => parseInt(header.number, 16);

test('the node\'s subcommands on its own chain', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'mvp-cmd-'));
  const [chain, copy] = [join(dir, 'chain'), join(dir, 'copy')];
  const blocks = join(dir, 'blocks.bin');
  try {
    // A dev chain with a database that stays: six blocks or more.
    const port = await freePort();
    const proc = launch(nodeBinary, ['--dev', '--base-path', chain, '--rpc-port', String(port),
      '--listen-addr', '/ip4/127.0.0.1/tcp/0', '--no-mdns', '--no-prometheus', '--no-telemetry']);
    try {
      await portOpen(proc, port, 'mvp-chain-node --dev');
      const { WsProvider } = await import('@polkadot/api');
      const provider = new WsProvider(`ws://127.0.0.1:${port}`);
      try {
        await provider.isReady;
        await until('block #6', async () => number(await provider.send('chain_getHeader', [])) >= 6, { seconds: 90, every: 500 });
      } finally {
        await provider.disconnect();
      }
    } finally {
      await proc.stop();
    }

    await t.test('export-blocks, then import-blocks into a fresh database, then check-block', async () => {
      await node('export-blocks', '--dev', '--base-path', chain, '--binary', '--from', '1', blocks);
      assert.ok(existsSync(blocks));
      const imported = await node('import-blocks', '--dev', '--base-path', copy, '--binary', blocks);
      assert.match(imported.stderr + imported.stdout, /Imported \d+ blocks/);
      const info = await node('chain-info', '--dev', '--base-path', copy);
      const best = JSON.parse(info.stdout).best_number;
      assert.ok(best >= 6, `the copy's best block is #${best}`);
      const checked = await node('check-block', '--dev', '--base-path', copy, '3');
      assert.match(checked.stderr + checked.stdout, /Completed in/);
    });

    await t.test('revert rolls back unfinalized blocks only', async () => {
      const before = JSON.parse((await node('chain-info', '--dev', '--base-path', copy)).stdout);
      await node('revert', '--dev', '--base-path', copy, '2');
      const after = JSON.parse((await node('chain-info', '--dev', '--base-path', copy)).stdout);
      assert.equal(after.best_number, Math.max(before.finalized_number, before.best_number - 2));
      assert.equal(after.finalized_number, before.finalized_number);
    });

    await t.test('purge-chain deletes the database (ParityDB, the only one built in)', async () => {
      // The dev chain's id is `development`: its directory under the base path.
      const chainDir = join(copy, 'chains', 'development');
      assert.ok((await readdir(chainDir)).includes('paritydb'), 'a ParityDB database before');
      await node('purge-chain', '--dev', '--base-path', copy, '-y');
      assert.ok(!(await readdir(chainDir)).includes('paritydb'), 'none after');
    });

    await t.test('build-spec and export-chain-spec write the local network\'s raw spec', async () => {
      const built = JSON.parse((await node('build-spec', '--chain', 'local', '--raw')).stdout);
      const exported = JSON.parse((await node('export-chain-spec', '--chain', 'local', '--raw')).stdout);
      for (const spec of [built, exported]) {
        assert.equal(spec.id, 'local_testnet');
        assert.ok(spec.genesis.raw.top['0x3a636f6465'], 'the spec carries :code');
      }
    });

    await t.test('key generate, inspect and insert; node keys', async () => {
      const generated = JSON.parse((await node('key', 'generate', '--scheme', 'ed25519', '--output-type', 'json')).stdout);
      const inspected = JSON.parse((await node('key', 'inspect', '--scheme', 'ed25519', '--output-type', 'json', generated.secretPhrase)).stdout);
      assert.equal(inspected.publicKey, generated.publicKey);
      const keystore = join(dir, 'keys');
      await node('key', 'insert', '--base-path', keystore, '--chain', 'local', '--scheme', 'ed25519',
        '--suri', generated.secretPhrase, '--key-type', 'gran');
      const stored = await readdir(join(keystore, 'chains', 'local_testnet', 'keystore'));
      // The keystore names a key file by its type (hex of "gran") and public key.
      assert.deepEqual(stored, [`6772616e${generated.publicKey.slice(2)}`]);
      const file = join(dir, 'node-key');
      const made = await node('key', 'generate-node-key', '--file', file);
      const peer = (await node('key', 'inspect-node-key', '--file', file)).stdout.trim();
      assert.equal(made.stderr.trim(), peer, 'the peer id is the one generate-node-key printed');
      assert.match(peer, /^12D3KooW/);
    });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
