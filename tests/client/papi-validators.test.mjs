// @ts-check
// A validator's wallet flow through polkadot-api's typed API: //Eve signs session.set_keys with
// new session keys and the proof that she holds them (each key's signature over "POP_" and her
// account), and governance (sudo) adds her with validator_set.add_validator; the descriptors
// carry both calls exactly as the chain's metadata has them, and a forged proof is refused.
import assert from 'node:assert/strict';
import { CompatibilityLevel } from 'polkadot-api';
import { u8aConcat, u8aToHex, stringToU8a } from '@polkadot/util';
import {
  cryptoWaitReady, decodeAddress, ed25519PairFromSeed, ed25519Sign, randomAsU8a, sr25519PairFromSeed,
  sr25519Sign,
} from '@polkadot/util-crypto';
import { scenario } from './chain.mjs';
import { devAccount, submitAndSeal, withPapi } from './papi.mjs';

await cryptoWaitReady();

/** Fresh Aura and GRANDPA keys and the proof that `owner` (an SS58 address) holds them. */
function sessionKeys(/** @type {string} */ owner) {
  const aura = sr25519PairFromSeed(randomAsU8a(32));
  const grandpa = ed25519PairFromSeed(randomAsU8a(32));
  const statement = u8aConcat(stringToU8a('POP_'), decodeAddress(owner));
  return {
    keys: { aura: u8aToHex(aura.publicKey), grandpa: u8aToHex(grandpa.publicKey) },
    proof: u8aConcat(sr25519Sign(statement, aura), ed25519Sign(statement, grandpa)),
  };
}

// Sessions are the solochain's: the parachain's collators are its Aura authorities.
scenario('polkadot-api: a validator sets its session keys and governance adds it', async (chain) => withPapi(chain, async ({ client, api }) => {
  const [alice, eve] = [devAccount('//Alice'), devAccount('//Eve')];
  const statics = await api.getStaticApis();
  assert.equal(statics.compat.tx.Session.set_keys.level, CompatibilityLevel.Identical);
  assert.equal(statics.compat.tx.ValidatorSet.add_validator.level, CompatibilityLevel.Identical);
  assert.equal(statics.compat.query.Session.NextKeys.value.level, CompatibilityLevel.Identical);

  const forged = sessionKeys(alice.address);
  const refused = await submitAndSeal(chain, client, await api.tx.Session.set_keys(forged).sign(eve.signer));
  assert.ok(!refused.ok, 'a proof made for another account is refused');
  assert.deepEqual(refused.dispatchError, { type: 'Module', value: { type: 'Session', value: { type: 'InvalidProof', value: undefined } } });

  const generated = sessionKeys(eve.address);
  const set = await submitAndSeal(chain, client, await api.tx.Session.set_keys(generated).sign(eve.signer));
  assert.ok(set.ok, `set_keys failed: ${JSON.stringify(set.dispatchError)}`);
  const stored = await api.query.Session.NextKeys.getValue(eve.address);
  assert.equal(stored?.aura, generated.keys.aura);
  assert.equal(stored?.grandpa, generated.keys.grandpa);

  const add = api.tx.Sudo.sudo({ call: api.tx.ValidatorSet.add_validator({ who: eve.address }).decodedCall });
  const added = await submitAndSeal(chain, client, await add.sign(alice.signer));
  assert.ok(added.ok, `sudo failed: ${JSON.stringify(added.dispatchError)}`);
  const [event] = api.event.ValidatorSet.ValidatorAdded.filter(added.events);
  assert.deepEqual(event?.payload, { who: eve.address });
  assert.ok((await api.query.ValidatorSet.Validators.getValue()).includes(eve.address));
}), { parachain: false });
