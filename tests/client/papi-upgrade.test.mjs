// @ts-check
// The runtime upgrade through polkadot-api: sudo(system.set_code(next blob)). polkadot-api follows
// the chain to the new runtime, the descriptors made from the old blob still fit its calls, and a
// transfer it signs for the new spec version lands. Then the release steps (docs/releasing-an-upgrade.md), with the
// digests `mvp-chain info BLOB` prints: its `authorize_upgrade` call as the chain decodes it,
// sudo'd, and the blob applied by another account.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { Binary, CompatibilityLevel, Enum } from 'polkadot-api';
import { scenario, fixturePath, toolPath, UNIT } from './chain.mjs';
import { devAccount, seal, submitAndSeal, withPapi } from './papi.mjs';

scenario('polkadot-api: sudo(system.set_code) upgrades the runtime and transfers still work', async (chain) => withPapi(chain, async ({ client, api }) => {
  const alice = devAccount('//Alice');
  const bob = devAccount('//Bob');
  const before = await api.constants.System.Version();
  const code = new Uint8Array(readFileSync(fixturePath('next_spec_version')));

  const setCode = api.tx.System.set_code({ code });
  const upgrade = await submitAndSeal(chain, client,
    await api.tx.Sudo.sudo({ call: setCode.decodedCall }).sign(alice.signer));
  assert.ok(upgrade.ok);
  assert.equal(api.event.System.CodeUpdated.filter(upgrade.events).length, 1);
  const [sudid] = api.event.Sudo.Sudid.filter(upgrade.events);
  assert.equal(sudid?.payload.sudo_result.success, true, 'sudo dispatched set_code successfully');

  // The new code runs from the next block on.
  await seal(chain, client);
  const after = await api.constants.System.Version();
  assert.equal(after.spec_version, before.spec_version + 1);
  assert.equal(after.spec_name, 'mvp-chain');
  const runtime = await client._request('state_getRuntimeVersion', []);
  assert.equal(runtime.specVersion, before.spec_version + 1);
  const statics = await api.getStaticApis();
  assert.equal(statics.compat.tx.Balances.transfer_keep_alive.level, CompatibilityLevel.Identical);

  const bobBefore = (await api.query.System.Account.getValue(bob.address)).data.free;
  const tx = api.tx.Balances.transfer_keep_alive({ dest: Enum('Id', bob.address), value: UNIT });
  const landed = await submitAndSeal(chain, client, await tx.sign(alice.signer));
  assert.ok(landed.ok);
  assert.equal((await api.query.System.Account.getValue(bob.address)).data.free, bobBefore + UNIT);
}));

scenario('polkadot-api: authorize_upgrade with the call mvp-chain info prints, then apply_authorized_upgrade', async (chain) => withPapi(chain, async ({ client, api }) => {
  const alice = devAccount('//Alice');
  const bob = devAccount('//Bob');
  const before = await api.constants.System.Version();
  const blob = fixturePath('next_spec_version');
  const info = JSON.parse(execFileSync(toolPath, ['info', blob, '--json'], { encoding: 'utf8' }));
  assert.equal(info.runtime.spec_version, before.spec_version + 1);

  const authorize = await api.txFromCallData(Binary.fromHex(info.authorize_upgrade.call));
  assert.deepEqual(authorize.decodedCall,
    { type: 'System', value: { type: 'authorize_upgrade', value: { code_hash: info.code.blake2_256 } } });
  const authorized = await submitAndSeal(chain, client,
    await api.tx.Sudo.sudo({ call: authorize.decodedCall }).sign(alice.signer));
  const [event] = api.event.System.UpgradeAuthorized.filter(authorized.events);
  assert.deepEqual(event?.payload, { code_hash: info.code.blake2_256, check_version: true });

  // Anyone may apply the authorized blob; the runtime checks it against the hash.
  const code = new Uint8Array(readFileSync(blob));
  const applied = await submitAndSeal(chain, client,
    await api.tx.System.apply_authorized_upgrade({ code }).sign(bob.signer));
  assert.ok(applied.ok);
  assert.equal(api.event.System.CodeUpdated.filter(applied.events).length, 1);
  await seal(chain, client);
  assert.equal((await api.constants.System.Version()).spec_version, before.spec_version + 1);
}));
