// A runtime upgrade through polkadot.js: sudo(system.setCode(next blob)), after which the chain
// reports the new version and transfers still work.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { u8aToHex } from '@polkadot/util';
import { withChain, blockEvents, fixturePath, UNIT } from './chain.mjs';

test('sudo(system.setCode) upgrades the runtime and transfers still work', async () => withChain(async (chain) => {
  const { api, keyring } = chain;
  const alice = keyring.addFromUri('//Alice');
  const bob = keyring.addFromUri('//Bob');
  const before = (await api.rpc.state.getRuntimeVersion()).specVersion.toNumber();
  const code = readFileSync(fixturePath('next_spec_version'));

  await api.tx.sudo.sudo(api.tx.system.setCode(u8aToHex(code))).signAndSend(alice);
  await chain.newBlock();
  const events = await blockEvents(api);
  assert.ok(events.some((e) => e.name === 'system.CodeUpdated'), `${events.map((e) => e.name)}`);
  const sudid = events.find((e) => e.name === 'sudo.Sudid');
  assert.ok(sudid && sudid.data.sudoResult.isOk, 'sudo dispatched setCode successfully');

  await chain.newBlock();
  const after = await api.rpc.state.getRuntimeVersion();
  assert.equal(after.specVersion.toNumber(), before + 1);
  assert.equal(after.specName.toString(), 'mvp-chain');

  // polkadot.js follows the upgrade before signing for the new spec version.
  for (let i = 0; i < 100 && api.runtimeVersion.specVersion.toNumber() !== before + 1; i += 1) {
    await new Promise((r) => setTimeout(r, 100));
  }
  assert.equal(api.runtimeVersion.specVersion.toNumber(), before + 1);
  const bobBefore = (await api.query.system.account(bob.address)).data.free.toBigInt();
  await api.tx.balances.transferKeepAlive(bob.address, UNIT).signAndSend(alice);
  await chain.newBlock();
  const bobAfter = (await api.query.system.account(bob.address)).data.free.toBigInt();
  assert.equal(bobAfter, bobBefore + UNIT);
}));
