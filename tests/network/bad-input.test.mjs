// Bad input at the node: a malformed extrinsic through author_submitExtrinsic is refused with an
// error that names the problem and the node keeps running; a garbage chain spec is refused at
// start with a message naming the file and what is wrong with it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { WsProvider } from '@polkadot/api';
import { freePort, launch, portOpen } from '../client/hosts/process.mjs';
import { nodeBinary } from './network.mjs';
import { until } from '../../scripts/wait.mjs';

const run = promisify(execFile);
const number = (header) => parseInt(header.number, 16);

test('a malformed extrinsic is refused with a message and the node keeps running', async () => {
  const port = await freePort();
  const node = launch(nodeBinary, ['--dev', '--rpc-port', String(port), '--listen-addr', '/ip4/127.0.0.1/tcp/0',
    '--no-mdns', '--no-prometheus', '--no-telemetry']);
  let provider;
  try {
    await portOpen(node, port, 'mvp-chain-node --dev');
    provider = new WsProvider(`ws://127.0.0.1:${port}`);
    await provider.isReady;
    for (const [bytes, what] of [
      ['0x', 'no bytes'],
      ['0x1234', 'two bytes'],
      ['0x' + 'ff'.repeat(200), 'a length prefix that lies'],
      ['0x2c8400' + '00'.repeat(10), 'a signed extrinsic cut short'],
    ]) {
      const error = await provider.send('author_submitExtrinsic', [bytes]).then(
        () => assert.fail(`${what} was accepted`), (e) => e);
      // Refused by the node, which cannot frame the bytes ("1040: … Could not decode
      // `OpaqueExtrinsic.0`", "1001: Extrinsic has invalid format"), or, when the framing holds,
      // by the runtime, which cannot know the call ("1010: … Transaction call is not expected",
      // `InvalidTransaction::Call`).
      assert.match(String(error.message),
        /^1040: Client error: Could not decode|^1001: Extrinsic has invalid format|^1010: Invalid Transaction: Transaction call is not expected/,
        `${what}: ${error.message}`);
    }
    const before = number(await provider.send('chain_getHeader', []));
    await until('a block after the bad submissions', async () => number(await provider.send('chain_getHeader', [])) > before,
      { seconds: 30, every: 500 });
    assert.ok(node.running(), 'the node is still running');
  } catch (error) {
    error.message += `\n${node.output().slice(-3000)}`;
    throw error;
  } finally {
    await provider?.disconnect();
    await node.stop();
  }
});

test('a garbage chain spec is refused at start with a message naming it', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'mvp-spec-'));
  try {
    for (const [name, content, says] of [
      ['garbage.json', 'this is not a chain spec', /garbage\.json.*(expected|JSON|ident)/is],
      ['no-genesis.json', JSON.stringify({ name: 'X', id: 'x', bootNodes: [] }), /no-genesis\.json.*genesis/is],
    ]) {
      const path = join(dir, name);
      await writeFile(path, content);
      const result = await run(nodeBinary, ['--chain', path, '--tmp', '--rpc-port', '0'], { timeout: 30_000 })
        .then(() => assert.fail(`${name} was accepted`), (e) => e);
      assert.notEqual(result.code, 0, `${name}: a failing exit code`);
      assert.match(result.stderr, says, `${name}: ${result.stderr}`);
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
