// The runtime upgrade on a running network of four validators, both ways a chain takes one:
// sudo(system.setCode), and system.authorizeUpgrade (sudo) then applyAuthorizedUpgrade by anyone.
// Every node switches to the new spec, the upgrade's migrations run exactly once (the fixture's
// counts its runs in storage, and every node computes the same state root), finality goes on,
// and a validator stopped during the upgrade restarts and follows the new code.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringToU8a, u8aToHex } from '@polkadot/util';
import { blake2AsHex } from '@polkadot/util-crypto';
import { withNetwork, bestNumber, dispatch, finalized, finalizedAgreement } from './network.mjs';
import { until } from '../../scripts/wait.mjs';

const root = new URL('../..', import.meta.url).pathname;
const targetDir = process.env.CARGO_TARGET_DIR || join(root, 'target');
const next = readFileSync(join(targetDir, 'runtime', 'fixtures', 'next_spec_version.compact.compressed.wasm'));
// The fixture's migration counts its runs here (runtime/src/upgrade_marker.rs).
const RUNS_KEY = u8aToHex(stringToU8a('mvp-chain:fixture:upgrade-runs'));

// Every node, once it has finalized the upgrade block and two more: on the new spec, with the
// migration run once, all agreeing on one finalized chain.
async function everyNodeFollows(net, upgraded, before) {
  const api = await net.nodes[0].api();
  const number = (await api.rpc.chain.getHeader(upgraded)).number.toNumber();
  for (const node of net.nodes) await finalized(node, number + 2, 180);
  for (const node of net.nodes) {
    const nodeApi = await node.api();
    const head = await nodeApi.rpc.chain.getFinalizedHead();
    const version = await nodeApi.rpc.state.getRuntimeVersion(head);
    assert.equal(version.specVersion.toNumber(), before + 1, `${node.name} runs the new spec`);
    const runs = await nodeApi.rpc.state.getStorage(RUNS_KEY, head);
    assert.equal(nodeApi.createType('u32', runs.unwrap()).toNumber(), 1, `${node.name}: the migration ran once`);
  }
  const { hashes } = await finalizedAgreement(net.nodes);
  assert.equal(hashes.length, 1, `one finalized chain: ${hashes}`);
}

test('sudo(system.setCode) on a running network; a validator stopped during it follows the new code', () => withNetwork({}, async (net) => {
  const [alice, , , dave] = net.nodes;
  const api = await alice.api();
  await finalized(alice, 3);
  const before = (await api.rpc.state.getRuntimeVersion()).specVersion.toNumber();
  await dave.stop();
  const sudo = net.keyring.addFromUri('//Alice');
  const upgraded = await dispatch(api.tx.sudo.sudo(api.tx.system.setCode(u8aToHex(next))), sudo);
  // Blocks and finality go on past the upgrade before Dave comes back.
  const upgradedAt = (await api.rpc.chain.getHeader(upgraded)).number.toNumber();
  await finalized(alice, upgradedAt + 2, 180);
  await dave.start();
  await everyNodeFollows(net, upgraded, before);
  const daveApi = await dave.api();
  const best = await bestNumber(daveApi);
  await until('dave to import new blocks on the new code', async () => (await bestNumber(daveApi)) > best + 1, { seconds: 60, every: 500 });
}));

test('authorizeUpgrade then applyAuthorizedUpgrade (by another account) on a running network', () => withNetwork({}, async (net) => {
  const [alice] = net.nodes;
  const api = await alice.api();
  await finalized(alice, 3);
  const before = (await api.rpc.state.getRuntimeVersion()).specVersion.toNumber();
  const [sudo, anyone] = [net.keyring.addFromUri('//Alice'), net.keyring.addFromUri('//Ferdie')];
  const authorized = await dispatch(api.tx.sudo.sudo(api.tx.system.authorizeUpgrade(blake2AsHex(next, 256))), sudo);
  const authorization = await api.query.system.authorizedUpgrade.at(authorized);
  assert.equal(authorization.unwrap().codeHash.toHex(), blake2AsHex(next, 256), 'the upgrade is authorized');
  const upgraded = await dispatch(api.tx.system.applyAuthorizedUpgrade(u8aToHex(next)), anyone);
  await everyNodeFollows(net, upgraded, before);
}));
