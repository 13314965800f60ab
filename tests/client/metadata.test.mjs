// polkadot.js decodes the runtime's metadata and finds every pallet, call, event and storage
// item where a wallet looks for it, under the Rust path of the pallet that defines it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { withChain } from './chain.mjs';

const CRATES = {
  System: 'frame_system', Timestamp: 'pallet_timestamp', Aura: 'pallet_aura', Grandpa: 'pallet_grandpa',
  Balances: 'pallet_balances', TransactionPayment: 'pallet_transaction_payment', Sudo: 'pallet_sudo',
  Probe: 'pallet_probe', NonceClock: 'pallet_nonce_clock',
};
const lowerFirst = (s) => s.charAt(0).toLowerCase() + s.slice(1);
const camel = (s) => lowerFirst(s.replace(/_([a-z0-9])/g, (_, c) => c.toUpperCase()));

test('metadata has every pallet, call, event and storage item under its Rust path', async () => withChain(async (chain) => {
  const { api } = chain;
  const metadata = api.runtimeMetadata;
  assert.ok(metadata.version >= 14, `metadata V${metadata.version}`);
  const pallets = metadata.asLatest.pallets;
  assert.deepEqual(pallets.map((p) => p.name.toString()), Object.keys(CRATES));

  let checked = 0;
  for (const pallet of pallets) {
    const name = pallet.name.toString();
    const section = lowerFirst(name);
    for (const [kind, lookupOf] of [['calls', api.tx], ['events', api.events], ['errors', api.errors]]) {
      if (pallet[kind].isNone) continue;
      const type = api.registry.lookup.getSiType(pallet[kind].unwrap().type);
      assert.equal(type.path[0].toString(), CRATES[name], `${name} ${kind} path ${type.path.join('::')}`);
      for (const variant of type.def.asVariant.variants) {
        const method = kind === 'calls' ? camel(variant.name.toString()) : variant.name.toString();
        assert.ok(lookupOf[section]?.[method], `${kind} ${section}.${method}`);
        checked += 1;
      }
    }
    if (pallet.storage.isSome) {
      for (const item of pallet.storage.unwrap().items) {
        assert.equal(typeof api.query[section]?.[lowerFirst(item.name.toString())], 'function',
          `storage ${section}.${item.name}`);
        checked += 1;
      }
    }
  }
  assert.ok(checked > 50, `only ${checked} items checked`);
  assert.equal(api.runtimeVersion.specName.toString(), 'mvp-chain');
}));
