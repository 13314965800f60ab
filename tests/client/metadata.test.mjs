// polkadot.js decodes the runtime's metadata and finds every pallet, call, event and storage
// item where a wallet looks for it, under the Rust path of the pallet that defines it.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { merkleizeMetadata } from '@polkadot-api/merkleize-metadata';
import { u8aToHex } from '@polkadot/util';
import { scenario, toolPath } from './chain.mjs';

const CRATES = {
  System: 'frame_system', Timestamp: 'pallet_timestamp', Aura: 'pallet_aura', Grandpa: 'pallet_grandpa',
  Balances: 'pallet_balances', TransactionPayment: 'pallet_transaction_payment', Sudo: 'pallet_sudo',
  NonceClock: 'pallet_nonce_clock', Authorship: 'pallet_authorship', ValidatorSet: 'pallet_validator_set',
  Session: 'pallet_session', Historical: 'pallet_session', Offences: 'pallet_offences',
  Equivocation: 'pallet_equivocation',
};
const lowerFirst = (s) => s.charAt(0).toLowerCase() + s.slice(1);
const camel = (s) => lowerFirst(s.replace(/_([a-z0-9])/g, (_, c) => c.toUpperCase()));

scenario('metadata has every pallet, call, event and storage item under its Rust path', async (chain) => {
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
}, { parachain: false });

// The RFC-78 metadata hash `mvp-chain info` prints, against @polkadot-api/merkleize-metadata
// (an implementation nobody here wrote) over the metadata the chain serves and the chain
// spec's properties.
scenario('the metadata hash of mvp-chain info is the one PAPI computes from the chain', async (chain) => {
  const { api } = chain;
  // The tool's own blob for the solochain; the parachain's file for the parachain.
  const args = chain.parachain ? ['info', chain.blob, '--json'] : ['info', '--json'];
  const info = JSON.parse(execFileSync(toolPath, args, { encoding: 'utf8' }));
  const v15 = await api.rpc.state.call('Metadata_metadata_at_version', '0x0f000000');
  const properties = await api.rpc.system.properties();
  const decimals = properties.tokenDecimals.unwrap()[0].toNumber();
  const tokenSymbol = properties.tokenSymbol.unwrap()[0].toString();
  assert.equal(decimals, info.metadata_hash.decimals, 'the chain spec and the tool agree on decimals');
  assert.equal(tokenSymbol, info.metadata_hash.token_symbol);
  const digest = merkleizeMetadata(v15.toU8a(true), { decimals, tokenSymbol }).digest();
  assert.equal(u8aToHex(digest), info.metadata_hash.digest);
});
