// A burst from one account: three `transferKeepAlive` from //Alice back to back, each signed
// with the nonce the node's `system_accountNextIndex` gives (the node adds the account's
// pending transactions in its pool, found by their `(account, nonce)` tags, to its nonce).
// Every one lands, on each host (our node among them: the main job's chain, which authors on its
// own in Aura slots).
import assert from 'node:assert/strict';
import { until } from '../../scripts/wait.mjs';
import { nextIndex, scenario, UNIT } from './chain.mjs';

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
  assert.deepEqual((await chain.api.rpc.author.pendingExtrinsics()).toArray(), [], 'nothing left behind in the pool');
});
