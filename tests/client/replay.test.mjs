// A replay across an account's lives, as an attacker would try it with polkadot.js: the
// account signs an immortal and a mortal transfer, empties itself with `transferAll` and is
// reaped, is funded again; resubmitting the old transactions' exact bytes is refused as stale,
// the error a wallet shows, and the account's own next transfer lands.
import assert from 'node:assert/strict';
import { scenario, blockEvents, nextIndex, refusal, validity, UNIT } from './chain.mjs';

scenario('transactions of an earlier life are refused as stale after the account is funded again', async (chain) => {
  const { api, keyring } = chain;
  const alice = keyring.addFromUri('//Alice');
  const bob = keyring.addFromUri('//Bob');
  const victim = keyring.addFromUri('//Replay');

  const floor = async () => (await api.query.nonceClock.floor()).toNumber();
  const floorBefore = await floor();
  await api.tx.balances.transferAllowDeath(victim.address, 10n * UNIT).signAndSend(alice);
  await chain.newBlock();
  const firstLife = await nextIndex(api, victim);
  assert.equal(firstLife, floorBefore, 'a new account starts at the nonce clock\'s floor');

  const immortal = await api.tx.balances.transferKeepAlive(bob.address, UNIT)
    .signAsync(victim, { nonce: firstLife, era: 0 });
  const mortal = await api.tx.balances.transferKeepAlive(bob.address, UNIT)
    .signAsync(victim, { nonce: firstLife + 1 });
  assert.ok(immortal.era.isImmortalEra && mortal.era.isMortalEra, 'one of each');
  await api.rpc.author.submitExtrinsic(immortal.toHex());
  await api.rpc.author.submitExtrinsic(mortal.toHex());
  await chain.newBlock();
  assert.equal(await nextIndex(api, victim), firstLife + 2, 'both transfers landed');

  await api.tx.balances.transferAll(alice.address, false).signAndSend(victim);
  const reaped = await chain.newBlock();
  assert.ok((await blockEvents(api, reaped)).some((e) => e.name === 'system.KilledAccount'), 'reaped');
  assert.equal((await api.query.system.account(victim.address)).providers.toNumber(), 0);

  await api.tx.balances.transferAllowDeath(victim.address, 10n * UNIT).signAndSend(alice);
  await chain.newBlock();
  const secondLife = await nextIndex(api, victim);
  // The first life used three nonces and was reaped holding the fourth, which is the floor now.
  assert.equal(await floor(), firstLife + 3, 'the reap raised the floor');
  assert.equal(secondLife, firstLife + 3, 'the second life starts above the first\'s nonces');

  for (const old of [immortal, mortal]) {
    // The runtime's answer, asked directly as a pool asks it.
    const answer = await validity(api, old);
    assert.equal(answer.isErr && answer.asErr.isInvalid && answer.asErr.asInvalid.type, 'Stale');
    // What a wallet sees. A node's pool refuses a transaction it included in the last 30 minutes
    // before asking the runtime: banned (1012), or already imported (1013) while the block that
    // holds it is not yet final; defences of its own that the runtime's does not rely on.
    const refused = await refusal(api, old.toHex());
    const expected = chain.host === 'chopsticks' ? ['1010:stale'] : ['1010:stale', '1012:banned', '1013:alreadyImported'];
    assert.ok(expected.includes(refused), refused);
  }
  const free = (await api.query.system.account(victim.address)).data.free.toBigInt();
  await api.tx.balances.transferKeepAlive(bob.address, UNIT).signAndSend(victim);
  await chain.newBlock();
  assert.equal(await nextIndex(api, victim), secondLife + 1, 'the new transfer landed');
  assert.ok((await api.query.system.account(victim.address)).data.free.toBigInt() < free - UNIT);
});
