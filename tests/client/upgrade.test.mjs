// A runtime upgrade through polkadot.js: sudo(system.setCode(next blob)), after which the chain
// reports the new version (`state_getRuntimeVersion` and the runtime-version subscription), goes
// on producing blocks, and transfers signed for the new version land. On the parachain the code
// is stored first (`parachainSystem.ValidationFunctionStored`) and applied in the next block,
// once the relay chain (omni-node's mock of it) gives the go-ahead.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { u8aToHex } from '@polkadot/util';
import { until } from '../../scripts/wait.mjs';
import { scenario, blockEvents, UNIT } from './chain.mjs';

scenario('sudo(system.setCode) upgrades the runtime and transfers still work', async (chain) => {
  const { api, keyring } = chain;
  const alice = keyring.addFromUri('//Alice');
  const bob = keyring.addFromUri('//Bob');
  const before = (await api.rpc.state.getRuntimeVersion()).specVersion.toNumber();
  const code = readFileSync(chain.fixture('next_spec_version'));
  const announced = [];
  const unsubscribe = await api.rpc.state.subscribeRuntimeVersion((v) => announced.push(v.specVersion.toNumber()));

  await api.tx.sudo.sudo(api.tx.system.setCode(u8aToHex(code))).signAndSend(alice);
  const submitted = await chain.newBlock();
  const upgraded = chain.parachain ? await chain.blockAfter(submitted) : submitted;
  // polkadot.js re-decorates its registry when it sees the new version; reading the upgrade
  // block's events while it does can decode them with a half-built registry (seen on omni-node
  // and chopsticks: `Unable to decode storage system.events`). Let it settle first.
  await until('polkadot.js to follow the upgrade', () => api.runtimeVersion.specVersion.toNumber() === before + 1, { seconds: 10 });
  const events = await blockEvents(api, submitted);
  const sudid = events.find((e) => e.name === 'sudo.Sudid');
  assert.ok(sudid && sudid.data.sudoResult.isOk, 'sudo dispatched setCode successfully');
  const names = (list) => list.map((e) => e.name);
  if (chain.parachain) {
    assert.ok(names(events).includes('parachainSystem.ValidationFunctionStored'), `${names(events)}`);
    const applied = await blockEvents(api, upgraded);
    assert.ok(names(applied).includes('system.CodeUpdated'), `${names(applied)}`);
  } else {
    assert.ok(names(events).includes('system.CodeUpdated'), `${names(events)}`);
  }

  // The new code runs from the next block on, which the chain goes on producing.
  const next = chain.parachain ? await chain.blockAfter(upgraded) : await chain.newBlock();
  const header = async (hash) => (await api.rpc.chain.getHeader(hash)).number.toNumber();
  assert.ok(await header(next) > await header(upgraded), 'a block after the upgrade');
  const after = await api.rpc.state.getRuntimeVersion();
  assert.equal(after.specVersion.toNumber(), before + 1);
  assert.equal(after.specName.toString(), chain.specName);
  await until('the subscription to announce the upgrade', () => announced.includes(before + 1), { seconds: 10 });
  unsubscribe();
  assert.deepEqual([...new Set(announced)], [before, before + 1], 'the subscription announced the upgrade');

  // polkadot.js follows the upgrade (above) before signing for the new spec version.
  assert.equal(api.runtimeVersion.specVersion.toNumber(), before + 1);
  const bobBefore = (await api.query.system.account(bob.address)).data.free.toBigInt();
  await api.tx.balances.transferKeepAlive(bob.address, UNIT).signAndSend(alice);
  await chain.newBlock();
  const bobAfter = (await api.query.system.account(bob.address)).data.free.toBigInt();
  assert.equal(bobAfter, bobBefore + UNIT);
});
