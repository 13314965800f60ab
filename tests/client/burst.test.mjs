// A burst from one account: three `transferKeepAlive` from //Alice back to back, each signed
// with the nonce the node's `system_accountNextIndex` gives (the node adds the account's
// pending transactions in its pool, found by their `(account, nonce)` tags, to its nonce).
// Every one lands: on each host, and on the main job's chain (`scripts/local-chain.mjs`, which
// seals on its own).
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { ApiPromise, WsProvider } from '@polkadot/api';
import { Keyring } from '@polkadot/keyring';
import { cryptoWaitReady } from '@polkadot/util-crypto';
import { until } from '../../scripts/wait.mjs';
import { scenario, specs, UNIT } from './chain.mjs';
import { freePort, launch, portOpen } from './hosts/process.mjs';

const root = new URL('../..', import.meta.url).pathname;
const nextIndex = async (api, who) => (await api.rpc.system.accountNextIndex(who.address)).toNumber();
const free = async (api, who) => (await api.query.system.account(who.address)).data.free.toBigInt();

// Sends the burst without waiting for any block, each transfer signed with the nonce the node's
// `system_accountNextIndex` answered just before it (polkadot.js' default and its `nonce: -1`
// read the account's nonce from the chain, not the pool, so a wallet that sends a burst asks
// the node), then `seal()`s and waits for all three to land. A block may seal between two
// submissions on a chain that seals on its own; the node then answers from the chain, the same.
async function burstLands(api, keyring, seal) {
  const alice = keyring.addFromUri('//Alice');
  const bob = keyring.addFromUri('//Bob');
  const start = await nextIndex(api, alice);
  const bobBefore = await free(api, bob);
  const nonces = [];
  for (let i = 0; i < 3; i += 1) {
    const nonce = await nextIndex(api, alice);
    nonces.push(nonce);
    await api.tx.balances.transferKeepAlive(bob.address, UNIT).signAndSend(alice, { nonce });
  }
  assert.deepEqual(nonces, [start, start + 1, start + 2]);
  await seal();
  await until('the three transfers to land', async () => (await free(api, bob)) === bobBefore + 3n * UNIT, { seconds: 60 });
  assert.equal(await nextIndex(api, alice), start + 3);
  assert.equal((await api.query.system.account(alice.address)).nonce.toNumber(), start + 3);
}

scenario('a burst of three transfers from one account, nonces from the node, all land', async (chain) => {
  await burstLands(chain.api, chain.keyring, () => chain.newBlock());
});

test('main job: the local chain (scripts/local-chain.mjs) lands a burst without a manual seal', async () => {
  const port = await freePort();
  const proc = launch(process.execPath, [join(root, 'scripts', 'local-chain.mjs'), specs.raw, String(port)]);
  let api;
  try {
    await portOpen(proc, port, 'the local chain');
    await until('the local chain to say where it runs', async () => proc.output().includes('The local dev chain runs at'), { seconds: 120 });
    api = await ApiPromise.create({ provider: new WsProvider(`ws://127.0.0.1:${port}`), noInitWarn: true, throwOnConnect: true });
    await cryptoWaitReady();
    await burstLands(api, new Keyring({ type: 'sr25519', ss58Format: 42 }), async () => {});
    assert.deepEqual((await api.rpc.author.pendingExtrinsics()).toArray(), [], 'nothing left behind in the pool');
  } catch (error) {
    error.message += `\nthe local chain's last output:\n${proc.output().slice(-4000)}`;
    throw error;
  } finally {
    await api?.disconnect();
    await proc.stop();
  }
});
