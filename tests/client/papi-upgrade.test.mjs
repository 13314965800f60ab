// @ts-check
// The runtime upgrade through polkadot-api: sudo(system.set_code(next blob)). polkadot-api follows
// the chain to the new runtime, the descriptors made from the old blob still fit its calls, and a
// transfer it signs for the new spec version lands. Then the release steps (docs/releasing-an-upgrade.md), with the
// digests `mvp-chain info BLOB` prints: its `authorize_upgrade` call as the chain decodes it,
// sudo'd, and the blob applied by another account. On the parachain the blob is stored
// (`ParachainSystem.ValidationFunctionStored`) and applied a block later, once the relay chain
// (omni-node's mock of it) gives the go-ahead: the path a parachain's upgrade takes.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { Binary, CompatibilityLevel, Enum } from 'polkadot-api';
import { scenario, toolPath, UNIT } from './chain.mjs';
import { devAccount, seal, submitAndSeal, withPapi } from './papi.mjs';

/**
 * Asserts that the upgrade `submitted` landed: `System.CodeUpdated` in its block on the
 * solochain; on the parachain `ParachainSystem.ValidationFunctionStored` there and
 * `System.CodeUpdated` in the next block (read through the untyped API: the descriptors are the
 * solochain's, whose events the parachain's do not match).
 * @param {any} chain @param {import('polkadot-api').PolkadotClient} client @param {any} submitted
 */
async function codeUpdated(chain, client, submitted) {
  const named = (/** @type {any[]} */ events, /** @type {string} */ pallet, /** @type {string} */ name) =>
    events.filter((e) => (e.event ?? e).type === pallet && (e.event ?? e).value.type === name).length;
  if (!chain.parachain) {
    assert.equal(named(submitted.events, 'System', 'CodeUpdated'), 1);
    return;
  }
  assert.equal(named(submitted.events, 'ParachainSystem', 'ValidationFunctionStored'), 1);
  assert.equal(named(submitted.events, 'System', 'CodeUpdated'), 0, 'stored, not applied yet');
  const next = await chain.blockAfter(submitted.block.hash);
  const events = /** @type {any[]} */ (await client.getUnsafeApi().query.System.Events.getValue({ at: next }));
  assert.equal(named(events, 'System', 'CodeUpdated'), 1, 'applied in the next block');
}

scenario('polkadot-api: sudo(system.set_code) upgrades the runtime and transfers still work', async (chain) => withPapi(chain, async ({ client, api }) => {
  const alice = devAccount('//Alice');
  const bob = devAccount('//Bob');
  const before = await api.constants.System.Version();
  const code = new Uint8Array(readFileSync(chain.fixture('next_spec_version')));

  const setCode = api.tx.System.set_code({ code });
  const upgrade = await submitAndSeal(chain, client,
    await api.tx.Sudo.sudo({ call: setCode.decodedCall }).sign(alice.signer));
  assert.ok(upgrade.ok);
  await codeUpdated(chain, client, upgrade);
  const [sudid] = api.event.Sudo.Sudid.filter(upgrade.events);
  assert.equal(sudid?.payload.sudo_result.success, true, 'sudo dispatched set_code successfully');

  // The new code runs from the next block on.
  await seal(chain, client);
  const after = await api.constants.System.Version();
  assert.equal(after.spec_version, before.spec_version + 1);
  assert.equal(after.spec_name, chain.specName);
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
  const blob = chain.fixture('next_spec_version');
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
  await codeUpdated(chain, client, applied);
  await seal(chain, client);
  assert.equal((await api.constants.System.Version()).spec_version, before.spec_version + 1);
}));
