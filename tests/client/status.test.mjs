// What a wallet waits for after submitting: the node's watch statuses, and polkadot.js's
// `signAndSend` callback. On a node that finalizes each block as it imports it (omni-node's dev
// mode), the node sends `inBlock` and `finalized` back to back and polkadot.js's callback, still
// fetching the `inBlock` block's events when `finalized` arrives, drops `inBlock`: a wallet must
// treat `isInBlock || isFinalized` as included (docs/hosts-and-clients.md).
import assert from 'node:assert/strict';
import { scenario, UNIT } from './chain.mjs';

// Collects `subscribe`'s values until `done(value)`, sealing blocks meanwhile.
async function until(chain, subscribe, done) {
  const seen = [];
  let finish;
  const finished = new Promise((resolve) => { finish = resolve; });
  const unsubscribe = await subscribe((value) => {
    seen.push(value);
    if (done(value)) finish();
  });
  await chain.newBlock();
  await finished;
  unsubscribe();
  return seen;
}

scenario('the node reports ready, inBlock and finalized, and signAndSend ends finalized with its events', async (chain) => {
  const { api, keyring } = chain;
  const alice = keyring.addFromUri('//Alice');
  const bob = keyring.addFromUri('//Bob');

  const signed = await api.tx.balances.transferKeepAlive(bob.address, UNIT).signAsync(alice);
  const statuses = await until(chain, (cb) => api.rpc.author.submitAndWatchExtrinsic(signed, cb),
    (status) => status.isFinalized);
  const types = statuses.map((s) => s.type);
  assert.deepEqual(types.filter((t) => ['Ready', 'InBlock', 'Finalized'].includes(t)),
    ['Ready', 'InBlock', 'Finalized'], types.join(', '));
  const inBlock = statuses.find((s) => s.isInBlock).asInBlock.toHex();
  assert.equal(statuses.at(-1).asFinalized.toHex(), inBlock, 'finalized in the block it was included in');

  const results = await until(chain, (cb) => api.tx.balances.transferKeepAlive(bob.address, UNIT)
    .signAndSend(alice, cb), (result) => result.status.isFinalized);
  const included = results.find((r) => r.status.isInBlock || r.status.isFinalized);
  assert.ok(included, results.map((r) => r.status.type).join(', '));
  assert.ok(included.events.some(({ event }) => api.events.system.ExtrinsicSuccess.is(event)),
    'the events come with the first inclusion status');
});
