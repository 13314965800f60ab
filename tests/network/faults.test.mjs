// Faults on a network of four validators. GRANDPA needs three of the four: with one stopped,
// blocks and finality go on; with two, blocks go on (Aura authors in the live validators' slots)
// and finality stalls; once both restart from their databases, finality catches up and every
// node agrees. A validator killed with SIGKILL as its slot begins restarts from its database and
// authors again. Nothing is lost: the transfers made meanwhile are in every node's state and
// the total issuance fell by exactly the fees they burned.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  withNetwork, bestNumber, finalizedNumber, finalized, finalizedAgreement, slotOf, transfer, SLOT_MS, UNIT,
} from './network.mjs';
import { until } from '../../scripts/wait.mjs';

test('faults on a network of four validators', (t) => withNetwork({}, async (net) => {
  const [alice, bob, charlie, dave] = net.nodes;
  const api = await alice.api();
  const sender = net.keyring.addFromUri('//Ferdie');
  const receiver = net.keyring.addFromUri('//Eve');
  await finalized(alice, 2);
  const head = await api.rpc.chain.getFinalizedHead();
  const issuance = (await api.query.balances.totalIssuance.at(head)).toBigInt();
  const received = (await api.query.system.account.at(head, receiver.address)).data.free.toBigInt();
  const sent = [];

  await t.test('one of four stopped: blocks and finality go on', async () => {
    await dave.stop();
    const [best, final] = [await bestNumber(api), await finalizedNumber(api)];
    sent.push(await transfer(api, sender, receiver.address, UNIT));
    await until('three more blocks finalized', async () => (await finalizedNumber(api)) >= final + 3, { seconds: 120, every: 500 });
    assert.ok(await bestNumber(api) >= best + 3);
  });

  await t.test('two of four stopped: blocks go on, finality stalls', async () => {
    await charlie.stop();
    // A vote already under way may still complete: read the finalized head after two blocks.
    const start = await bestNumber(api);
    await until('two more blocks', async () => (await bestNumber(api)) >= start + 2, { seconds: 120, every: 500 });
    const stalled = await finalizedNumber(api);
    sent.push(await transfer(api, sender, receiver.address, 2n * UNIT));
    const from = await bestNumber(api);
    await until('four more blocks', async () => (await bestNumber(api)) >= from + 4, { seconds: 180, every: 500 });
    assert.equal(await finalizedNumber(api), stalled, 'nothing more was finalized with two of four voters');
    assert.equal(await finalizedNumber(await bob.api()), stalled);
  });

  await t.test('both restarted from their databases: finality catches up and every node agrees', async () => {
    const target = await bestNumber(api);
    await Promise.all([charlie.start(), dave.start()]);
    await finalized(alice, target, 240);
    for (const node of [charlie, dave]) await finalized(node, target, 120);
    const { common, hashes } = await finalizedAgreement(net.nodes);
    assert.ok(common >= target, `all have finalized #${common}`);
    assert.equal(hashes.length, 1, `block #${common}: ${hashes}`);
  });

  await t.test('a validator killed with SIGKILL as its slot begins restarts from its database and authors again', async () => {
    // Bob is authority 1 of 4: his slots are those with slot % 4 == 1.
    const slot = BigInt(Math.floor(Date.now() / SLOT_MS));
    let next = slot + 1n;
    while (next % 4n !== 1n) next += 1n;
    await new Promise((r) => setTimeout(r, Number(next) * SLOT_MS - Date.now() + 50));
    await bob.stop('SIGKILL');
    const before = await bestNumber(api);
    await bob.start();
    const bobApi = await bob.api();
    await until('bob to follow the chain again', async () => (await bestNumber(bobApi)) > before, { seconds: 120, every: 500 });
    // Authoring again: a new block in one of his slots.
    await until('a block authored by bob after his restart', async () => {
      const header = await api.rpc.chain.getHeader();
      return header.number.toNumber() > before && slotOf(header) % 4n === 1n;
    }, { seconds: 120, every: 1000 });
    sent.push(await transfer(bobApi, sender, receiver.address, 3n * UNIT));
  });

  await t.test('nothing is lost: every node has the transfers, and the issuance fell by their fees', async () => {
    const last = sent.at(-1).block;
    const number = (await api.rpc.chain.getHeader(last)).number.toNumber();
    for (const node of net.nodes) await finalized(node, number, 120);
    const { common, hashes } = await finalizedAgreement(net.nodes);
    assert.equal(hashes.length, 1, `block #${common}: ${hashes}`);
    const fees = sent.reduce((sum, { fee }) => sum + fee, 0n);
    for (const node of net.nodes) {
      const nodeApi = await node.api();
      const at = hashes[0];
      assert.equal((await nodeApi.query.system.account.at(at, receiver.address)).data.free.toBigInt(),
        received + 6n * UNIT, `${node.name}: the receiver has all three transfers`);
      assert.equal((await nodeApi.query.balances.totalIssuance.at(at)).toBigInt(), issuance - fees,
        `${node.name}: the issuance fell by exactly the fees burned`);
    }
  });
}));
