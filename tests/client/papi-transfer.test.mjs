// @ts-check
// The transfer test again, through polkadot-api's typed API (descriptors generated from our blob):
// the descriptors match the chain's metadata, and a transfer lands with the exact balances, the
// next nonce and the fee polkadot-api estimated.
import assert from 'node:assert/strict';
import { CompatibilityLevel, Enum } from 'polkadot-api';
import { scenario, UNIT } from './chain.mjs';
import { devAccount, submitAndSeal, withPapi } from './papi.mjs';

scenario('polkadot-api: transfer_keep_alive lands with exact balances, nonce and fee', async (chain) => withPapi(chain, async ({ client, api }) => {
  const alice = devAccount('//Alice');
  const bob = devAccount('//Bob');

  // Generated from the blob the chain runs, the descriptors are identical to its metadata.
  const statics = await api.getStaticApis();
  assert.equal(statics.compat.tx.Balances.transfer_keep_alive.level, CompatibilityLevel.Identical);
  assert.equal(statics.compat.query.System.Account.args.level, CompatibilityLevel.Identical);
  assert.equal(statics.compat.query.System.Account.value.level, CompatibilityLevel.Identical);
  assert.equal(statics.compat.apis.AccountNonceApi.account_nonce.args.level, CompatibilityLevel.Identical);

  const amount = 3n * UNIT;
  const before = {
    alice: await api.query.System.Account.getValue(alice.address),
    bob: await api.query.System.Account.getValue(bob.address),
  };
  const tx = api.tx.Balances.transfer_keep_alive({ dest: Enum('Id', bob.address), value: amount });
  const fee = await tx.getEstimatedFees(alice.address);
  assert.ok(fee > 0n);

  const result = await submitAndSeal(chain, client, await tx.sign(alice.signer));
  assert.ok(result.ok, `the transfer failed: ${JSON.stringify(result.dispatchError)}`);
  const [paid] = api.event.TransactionPayment.TransactionFeePaid.filter(result.events);
  assert.ok(paid, 'a fee event');
  assert.equal(paid.payload.who, alice.address);
  assert.equal(paid.payload.actual_fee, fee, 'the fee paid is the fee estimated');
  const [transfer] = api.event.Balances.Transfer.filter(result.events);
  assert.deepEqual(transfer.payload, { from: alice.address, to: bob.address, amount });

  const after = {
    alice: await api.query.System.Account.getValue(alice.address),
    bob: await api.query.System.Account.getValue(bob.address),
  };
  assert.equal(after.bob.data.free, before.bob.data.free + amount);
  assert.equal(after.alice.data.free, before.alice.data.free - amount - fee);
  assert.equal(after.alice.nonce, before.alice.nonce + 1);
  assert.equal(await api.apis.AccountNonceApi.account_nonce(alice.address), before.alice.nonce + 1);
}));
