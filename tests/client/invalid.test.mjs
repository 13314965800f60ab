// Bad transactions submitted through polkadot.js are rejected with the right error: the
// node's 1010 "invalid transaction" code and the runtime's `InvalidTransaction` variant.
import assert from 'node:assert/strict';
import { u8aToHex } from '@polkadot/util';
import { scenario, refusal, UNIT } from './chain.mjs';

scenario('bad signature, stale nonce and an account too poor to pay fees are rejected', async (chain) => {
  const { api, keyring } = chain;
  const alice = keyring.addFromUri('//Alice');
  const bob = keyring.addFromUri('//Bob');
  const penniless = keyring.addFromUri('//Penniless');

  await api.tx.balances.transferKeepAlive(bob.address, UNIT).signAndSend(alice);
  await chain.newBlock();

  // Alice's signature over different bytes: the runtime cannot verify it.
  const signed = await api.tx.balances.transferKeepAlive(bob.address, UNIT).signAsync(alice, { nonce: 1 });
  const bytes = signed.toU8a();
  const signature = signed.signature.toU8a();
  const at = Buffer.from(bytes).indexOf(Buffer.from(signature));
  assert.ok(at > 0, 'signature found in the extrinsic');
  bytes[at + signature.length - 1] ^= 0xff;
  assert.equal(await refusal(api, u8aToHex(bytes)), '1010:badProof');

  const stale = await api.tx.balances.transferKeepAlive(bob.address, UNIT).signAsync(alice, { nonce: 0 });
  assert.equal(await refusal(api, stale.toHex()), '1010:stale');

  const poor = await api.tx.balances.transferKeepAlive(bob.address, UNIT).signAsync(penniless, { nonce: 0 });
  assert.equal(await refusal(api, poor.toHex()), '1010:payment');
});
