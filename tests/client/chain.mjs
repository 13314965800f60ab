// The client tests' one abstraction over hosts: a scenario is written once against a running
// chain (polkadot.js connected, dev keys, `newBlock` giving the block that holds what was just
// submitted) and registered for every host: chopsticks, polkadot-omni-node (when a binary is
// there) on the solochain and on the parachain runtime, and our node as the main job runs it
// (`--dev`).
import { test } from 'node:test';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { ApiPromise, WsProvider } from '@polkadot/api';
import { Keyring } from '@polkadot/keyring';
import { hexToU8a, u8aConcat, u8aToHex } from '@polkadot/util';
import { cryptoWaitReady } from '@polkadot/util-crypto';
import { until, within } from '../../scripts/wait.mjs';
import { chopsticks } from './hosts/chopsticks.mjs';
import { omniNode, omniParachain } from './hosts/omni-node.mjs';
import { devNode } from './hosts/dev-node.mjs';

const root = new URL('../..', import.meta.url).pathname;
const targetDir = process.env.CARGO_TARGET_DIR || join(root, 'target');

export const hosts = [chopsticks, omniNode, devNode, omniParachain];
// The raw development spec for chopsticks; the same preset with omni-node's extensions.
export const specs = {
  raw: process.env.MVP_CHAIN_SPEC || join(targetDir, 'chain-spec', 'development.raw.json'),
  omni: process.env.MVP_CHAIN_OMNI_SPEC || join(targetDir, 'chain-spec', 'development.omni.json'),
  // The parachain runtime's development preset, with the extensions omni-node reads.
  parachain: process.env.MVP_PARACHAIN_SPEC || join(targetDir, 'chain-spec', 'parachain-development.json'),
};
// The mvp-chain tool, as ./scripts/test.sh built it.
export const toolPath = process.env.MVP_CHAIN_TOOL || join(targetDir, 'debug', 'mvp-chain');
export const fixturePath = (name) => join(targetDir, 'runtime', 'fixtures', `${name}.compact.compressed.wasm`);
export const UNIT = 10n ** 12n;

export async function startChain(host) {
  for (const spec of Object.values(specs)) {
    if (!existsSync(spec)) throw new Error(`no chain spec at ${spec}: run ./scripts/test.sh, which writes it first`);
  }
  const node = await host.start(specs);
  const parachain = host === omniParachain;
  try {
    const provider = new WsProvider(node.url);
    await provider.isReady;
    await node.ready(provider);
    const api = await ApiPromise.create({ provider, noInitWarn: true, throwOnConnect: true });
    await cryptoWaitReady();
    return {
      host: host.name,
      // Which runtime the chain runs: the parachain's (on omni-node) or the solochain's.
      parachain,
      specName: parachain ? 'mvp-parachain' : 'mvp-chain',
      // The blob the chain runs, as build.rs wrote it.
      blob: join(targetDir, 'runtime', `${parachain ? 'mvp_chain_parachain_runtime' : 'mvp_chain_runtime'}.compact.compressed.wasm`),
      // A fixture of the runtime the chain runs (`next_spec_version`: its next upgrade).
      fixture: (name) => fixturePath(parachain ? `parachain_${name}` : name),
      api,
      keyring: new Keyring({ type: 'sr25519', ss58Format: 42 }),
      url: node.url,
      logs: node.logs,
      // The hash of the block holding what was submitted since the last call.
      newBlock: () => node.newBlock(provider),
      // The hash of the block after block `hash`, once it is there.
      blockAfter: async (hash) => {
        const { number } = await provider.send('chain_getHeader', [hash]);
        const next = parseInt(number, 16) + 1;
        await until(`block #${next}`, async () => parseInt((await provider.send('chain_getHeader', [])).number, 16) >= next);
        return provider.send('chain_getBlockHash', [next]);
      },
      stop: async () => {
        await api.disconnect();
        await node.stop();
      },
    };
  } catch (error) {
    await node.stop();
    throw error;
  }
}

// Longer than any scenario takes on a loaded 2-core machine; a client promise that never
// settles (a submission whose status never comes) fails its test here instead of holding the run
// until CI's deadline.
const SCENARIO_SECONDS = 300;

// Runs `body` against a fresh chain on `host`, and stops the chain whatever happens.
export async function withChain(host, body) {
  const chain = await startChain(host);
  try {
    await within(SCENARIO_SECONDS, 'the scenario', body(chain));
  } catch (error) {
    // What the host saw is the first thing to read when a client test fails.
    error.message += `\n${host.name}'s last output:\n${chain.logs().slice(-4000)}`;
    throw error;
  } finally {
    await chain.stop();
  }
}

// Registers `body` as one test per host; `{ parachain: false }` leaves out the parachain runtime
// (a scenario about what only the solochain has: sessions, its pallet list).
export function scenario(name, body, { parachain = true } = {}) {
  for (const host of hosts) {
    if (host === omniParachain && !parachain) continue;
    test(`${host.name}: ${name}`, { skip: host.skip }, () => withChain(host, body));
  }
}

// The nonce the node gives `who` for its next transaction: its nonce on chain plus its
// transactions waiting in the pool (`system_accountNextIndex`).
export async function nextIndex(api, who) {
  return (await api.rpc.system.accountNextIndex(who.address)).toNumber();
}

// The events of block `hash`, as `section.method` with their data.
export async function blockEvents(api, hash) {
  const events = await api.query.system.events.at(hash);
  return events.map(({ event }) => ({ name: `${event.section}.${event.method}`, data: event.data }));
}

// The runtime's own answer on `extrinsic` (a signed polkadot.js extrinsic) at the best block, as
// a pool asks it: `TaggedTransactionQueue_validate_transaction` through `state_call`.
// (polkadot.js 16's `api.call.taggedTransactionQueue.validateTransaction` sends no arguments for
// this runtime and gets `Invalid::Call` back, so the input is encoded here.)
export async function validity(api, extrinsic) {
  const best = await api.rpc.chain.getBlockHash();
  const external = Uint8Array.of(2);
  const input = u8aConcat(external, extrinsic.toU8a(), best.toU8a());
  const output = await api.rpc.state.call('TaggedTransactionQueue_validate_transaction', u8aToHex(input), best);
  return api.createType('TransactionValidity', hexToU8a(output.toHex()));
}

// How the RPC refused `extrinsic` (hex or bytes), as `code:reason`: `1010:badProof`,
// `1010:stale`, `1010:payment`, `1012:banned`, …; fails if it is accepted. chopsticks reports
// the runtime's `TransactionValidityError` as JSON, a node as its text, which this reads back.
export async function refusal(api, extrinsic) {
  let message;
  try {
    await api.rpc.author.submitExtrinsic(extrinsic);
  } catch (error) {
    message = String(error.message ?? error);
  }
  if (message === undefined) throw new Error('the transaction was accepted');
  const code = message.match(/^(\d+):/)?.[1];
  const json = message.match(/"(?:invalid|unknown)":\{"(\w+)"/)?.[1];
  const text = Object.entries(REASONS).find(([words]) => message.includes(words))?.[1];
  const reason = json ?? text;
  if (!code || !reason) throw new Error(`unrecognised refusal: ${message}`);
  return `${code}:${reason}`;
}

// sp-runtime's texts for the `TransactionValidityError`s a node reports, and the node pool's own
// refusals (a ban; a transaction it still holds from a block not yet finalized).
const REASONS = {
  'Transaction has a bad signature': 'badProof',
  'Transaction is outdated': 'stale',
  'Inability to pay some fees': 'payment',
  'Transaction will be valid in the future': 'future',
  'Could not lookup information required to validate the transaction': 'cannotLookup',
  'Transaction is temporarily banned': 'banned',
  'Transaction Already Imported': 'alreadyImported',
};
