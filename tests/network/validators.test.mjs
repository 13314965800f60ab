// Validators that change on a live network. A network of four validators on the runtime chains
// ran before sessions (spec 100) upgrades to this one; the authorities it had become the session
// validator set and nothing stalls. //Eve joins with keys her own node generated, later rotates
// them, and //Dave is removed: each change reaches Aura and GRANDPA, finality goes on across every
// set change, every node agrees, and a full node and smoldot follow. Then, on a network born on
// this runtime, //Charlie's keys run on two nodes: the equivocation is reported, and Charlie is
// disabled and removed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createClient } from 'polkadot-api';
import { getSmProvider } from 'polkadot-api/sm-provider';
import { start } from 'polkadot-api/smoldot';
import { u8aToHex } from '@polkadot/util';
import {
  withNetwork, authorOf, bestNumber, dispatch, finalized, finalizedAgreement, first,
  localSpecBeforeSessions, VALIDATORS,
} from './network.mjs';
import { until, within } from '../../scripts/wait.mjs';

const root = new URL('../..', import.meta.url).pathname;
const targetDir = process.env.CARGO_TARGET_DIR || join(root, 'target');
const blob = readFileSync(join(targetDir, 'runtime', 'mvp_chain_runtime.compact.compressed.wasm'));
// A change takes two sessions of 10 blocks or more (runtime/src/lib.rs): two minutes, and slack.
const CHANGE_SECONDS = 300;

// The Aura authorities at the best block, as hex keys.
async function auraAuthorities(api) {
  return (await api.query.aura.authorities()).map((key) => key.toHex());
}

// Waits until a finalized block authored by `key` is there, and returns its number.
async function authoredFinalized(node, api, key) {
  let found;
  await until(`a finalized block authored by ${key}`, async () => {
    const head = await api.rpc.chain.getFinalizedHead();
    for (let hash = head, n = 0; n < 12; n += 1) {
      const header = await api.rpc.chain.getHeader(hash);
      if (header.number.toNumber() === 0) break;
      if ((await authorOf(api, hash)) === key) {
        found = header.number.toNumber();
        return true;
      }
      hash = header.parentHash;
    }
    return false;
  }, { seconds: CHANGE_SECONDS, every: 2000 });
  return found;
}

test('a live network moves to sessions, adds Eve with her node\'s keys, rotates them and removes Dave', () => withNetwork({
  validators: [...VALIDATORS, 'eve'], fullNodes: ['ferdie'], spec: localSpecBeforeSessions,
}, async (net) => {
  const [alice] = net.nodes;
  const [eve, dave, ferdie] = ['eve', 'dave', 'ferdie'].map(net.node);
  const sudo = net.keyring.addFromUri('//Alice');
  const eveAccount = net.keyring.addFromUri('//Eve');
  let api = await alice.api();
  await finalized(alice, 3);
  assert.equal((await api.rpc.state.getRuntimeVersion()).specVersion.toNumber(), 100);
  const authorities = await auraAuthorities(api);
  assert.equal(authorities.length, 4, 'Eve\'s node runs, but Eve is no authority yet');

  const spec = JSON.parse(readFileSync(localSpecBeforeSessions, 'utf8'));
  spec.bootNodes = net.nodes.map((n) => n.multiaddr);
  const smoldot = start({ maxLogLevel: Number(process.env.SMOLDOT_LOG ?? 2) });
  const light = createClient(getSmProvider(() => smoldot.addChain({ chainSpec: JSON.stringify(spec) })));
  try {
    // The upgrade: the four authorities become the sessions' validators, with their keys.
    const upgraded = await dispatch(api.tx.sudo.sudo(api.tx.system.setCode(u8aToHex(blob))), sudo);
    const upgradedAt = (await api.rpc.chain.getHeader(upgraded)).number.toNumber();
    for (const node of net.nodes) await finalized(node, upgradedAt + 2);
    await alice.disconnect();
    api = await alice.api();
    assert.equal((await api.rpc.state.getRuntimeVersion()).specVersion.toNumber(), 101);
    const accounts = VALIDATORS.map((name) => net.keyring.addFromUri(`//${name[0].toUpperCase()}${name.slice(1)}`).address);
    assert.deepEqual((await api.query.session.validators()).map(String), accounts);
    assert.deepEqual((await api.query.validatorSet.validators()).map(String), accounts);
    assert.deepEqual(await auraAuthorities(api), authorities, 'the authorities run on');
    const setIdBefore = (await api.query.grandpa.currentSetId()).toNumber();

    // Eve joins with keys her node generated for her account, signed in a wallet.
    const generated = await eve.rpc('author_rotateKeysWithOwner', [u8aToHex(eveAccount.publicKey)]);
    await dispatch(api.tx.session.setKeys(generated.keys, generated.proof), eveAccount);
    await dispatch(api.tx.sudo.sudo(api.tx.validatorSet.addValidator(eveAccount.address)), sudo);
    assert.ok((await api.query.validatorSet.validators()).map(String).includes(eveAccount.address));
    const eveAura = generated.keys.slice(0, 66);
    const eveGrandpa = `0x${generated.keys.slice(66)}`;
    await until('Eve\'s key among the Aura authorities', async () => (await auraAuthorities(api)).includes(eveAura),
      { seconds: CHANGE_SECONDS, every: 2000 });
    const grandpaKeys = (await api.query.grandpa.authorities()).map(([key]) => key.toHex());
    assert.ok(grandpaKeys.includes(eveGrandpa), 'Eve votes in GRANDPA');
    await authoredFinalized(alice, api, eveAura);

    // Eve rotates her keys the same way: the new ones replace the old.
    const rotated = await eve.rpc('author_rotateKeysWithOwner', [u8aToHex(eveAccount.publicKey)]);
    await dispatch(api.tx.session.setKeys(rotated.keys, rotated.proof), eveAccount);
    const rotatedAura = rotated.keys.slice(0, 66);
    await until('Eve\'s new key among the Aura authorities', async () => {
      const keys = await auraAuthorities(api);
      return keys.includes(rotatedAura) && !keys.includes(eveAura);
    }, { seconds: CHANGE_SECONDS, every: 2000 });
    await authoredFinalized(alice, api, rotatedAura);

    // Dave leaves: his key is no authority's, and no block after that is his.
    const daveAura = u8aToHex(net.keyring.addFromUri('//Dave').publicKey);
    await dispatch(api.tx.sudo.sudo(api.tx.validatorSet.removeValidator(accounts[3])), sudo);
    await until('Dave to leave the Aura authorities', async () => !(await auraAuthorities(api)).includes(daveAura),
      { seconds: CHANGE_SECONDS, every: 2000 });
    const removedAt = await bestNumber(api);
    const target = removedAt + 12;
    for (const node of net.nodes) await finalized(node, target, 240);
    for (let n = removedAt + 1; n <= target; n += 1) {
      const author = await authorOf(api, await api.rpc.chain.getBlockHash(n));
      assert.notEqual(author, daveAura, `block #${n} is not Dave's`);
    }
    assert.ok(dave.running(), 'Dave\'s node runs on, as a node that is no authority');

    // GRANDPA changed its set three times and finalized past each change; everyone agrees.
    assert.ok((await api.query.grandpa.currentSetId()).toNumber() >= setIdBefore + 3, 'three set changes');
    const { hashes } = await finalizedAgreement(net.nodes);
    assert.equal(hashes.length, 1, `one finalized chain: ${hashes}`);
    await finalized(ferdie, target);

    const block = await within(240, 'smoldot to finalize past the set changes',
      first(light.finalizedBlock$, (b) => b.number >= target));
    assert.equal(block.hash, (await api.rpc.chain.getBlockHash(block.number)).toHex(), 'smoldot finalized the network\'s block');
  } finally {
    light.destroy();
    await smoldot.terminate();
  }
}));

test('a validator whose keys run on two nodes is reported, disabled and removed', () => withNetwork({}, async (net) => {
  const [alice] = net.nodes;
  const api = await alice.api();
  await finalized(alice, 2);
  const seen = new Set();
  const unsubscribe = await api.query.system.events((events) => {
    for (const { event } of events) seen.add(`${event.section}.${event.method}`);
  });
  try {
    const charlie = net.keyring.addFromUri('//Charlie');
    const twin = await net.add('charlie-twin', { args: ['--charlie'] });
    await twin.start();
    await until('the equivocation to be reported and the offender removed', async () =>
      seen.has('offences.Offence') && !(await api.query.validatorSet.validators()).map(String).includes(charlie.address),
    { seconds: CHANGE_SECONDS, every: 2000 });
    const [kind] = (await api.query.offences.concurrentReportsIndex.keys())[0].args;
    assert.equal(Buffer.from(kind.toU8a(true)).toString(), 'aura:equivocatio', 'an Aura equivocation');
    assert.ok(seen.has('session.ValidatorDisabled'), 'Charlie was disabled');
    assert.ok(seen.has('validatorSet.OffenderRemoved'), 'and removed from the validator set');
    await until('Charlie to leave the Aura authorities', async () => !(await auraAuthorities(api)).includes(u8aToHex(charlie.publicKey)),
      { seconds: CHANGE_SECONDS, every: 2000 });
    await twin.stop();
    const at = await bestNumber(api);
    for (const node of net.nodes.filter((n) => n !== twin)) await finalized(node, at + 3, 240);
    const { hashes } = await finalizedAgreement(net.nodes.filter((n) => n !== twin));
    assert.equal(hashes.length, 1, `one finalized chain: ${hashes}`);
  } finally {
    unsubscribe();
  }
}));
