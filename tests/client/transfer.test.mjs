// A transfer signed by //Alice through polkadot.js lands with the exact balances, nonce and fee.
import assert from 'node:assert/strict';
import { scenario, blockEvents, nextIndex, UNIT } from './chain.mjs';

scenario('transferKeepAlive lands with exact balances, nonce and fee', async (chain) => {
  const { api, keyring } = chain;
  const alice = keyring.addFromUri('//Alice');
  const bob = keyring.addFromUri('//Bob');
  const amount = 3n * UNIT;
  const before = {
    alice: (await api.query.system.account(alice.address)),
    bob: (await api.query.system.account(bob.address)),
  };

  const tx = api.tx.balances.transferKeepAlive(bob.address, amount);
  const info = await tx.paymentInfo(alice);
  const fee = info.partialFee.toBigInt();
  assert.ok(fee > 0n);
  await tx.signAndSend(alice);
  const events = await blockEvents(api, await chain.newBlock());
  const paid = events.find((e) => e.name === 'transactionPayment.TransactionFeePaid');
  assert.ok(paid, `no fee event in ${events.map((e) => e.name)}`);
  assert.equal(paid.data.who.toString(), alice.address);
  assert.equal(paid.data.actualFee.toBigInt(), fee, 'the fee paid is the fee quoted');
  assert.ok(events.some((e) => e.name === 'balances.Transfer' && e.data.amount.toBigInt() === amount));

  const after = {
    alice: (await api.query.system.account(alice.address)),
    bob: (await api.query.system.account(bob.address)),
  };
  assert.equal(after.bob.data.free.toBigInt(), before.bob.data.free.toBigInt() + amount);
  assert.equal(after.alice.data.free.toBigInt(), before.alice.data.free.toBigInt() - amount - fee);
  assert.equal(after.alice.nonce.toNumber(), before.alice.nonce.toNumber() + 1);
  assert.equal(await nextIndex(api, alice), before.alice.nonce.toNumber() + 1);
});
