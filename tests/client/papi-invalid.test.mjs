// @ts-check
// The invalid transactions a wallet meets, through polkadot-api: it validates before sending and
// rejects with `InvalidTxError` carrying the runtime's `TransactionValidityError`, decoded.
import assert from 'node:assert/strict';
import { Enum } from 'polkadot-api';
import { scenario, UNIT } from './chain.mjs';
import { devAccount, invalidity, submitAndSeal, withPapi } from './papi.mjs';

scenario('polkadot-api: bad signature, stale nonce and an account too poor to pay fees are rejected', async (chain) => withPapi(chain, async ({ client, api }) => {
  const alice = devAccount('//Alice');
  const bob = devAccount('//Bob');
  const transfer = () => api.tx.Balances.transfer_keep_alive({ dest: Enum('Id', bob.address), value: UNIT });

  const first = await submitAndSeal(chain, client, await transfer().sign(alice.signer));
  assert.ok(first.ok);
  const nonce = await api.apis.AccountNonceApi.account_nonce(alice.address);
  assert.ok(nonce > 0);

  const forged = await transfer().sign(devAccount('//Alice', { corrupt: true }).signer);
  assert.deepEqual(await invalidity(client.submit(forged)),
    { type: 'Invalid', value: { type: 'BadProof', value: undefined } });

  const stale = await transfer().sign(alice.signer, { nonce: Number(nonce) - 1 });
  assert.deepEqual(await invalidity(client.submit(stale)),
    { type: 'Invalid', value: { type: 'Stale', value: undefined } });

  const penniless = devAccount('//Penniless');
  assert.equal((await api.query.System.Account.getValue(penniless.address)).data.free, 0n);
  const poor = await transfer().sign(penniless.signer, { nonce: 0 });
  assert.deepEqual(await invalidity(client.submit(poor)),
    { type: 'Invalid', value: { type: 'Payment', value: undefined } });

  // None of them reached the chain: Alice's nonce moved only for the transfer that landed.
  assert.equal(await api.apis.AccountNonceApi.account_nonce(alice.address), nonce);
}));
