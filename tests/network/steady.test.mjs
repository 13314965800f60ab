// Four validators on loopback from the local spec: each authors in its Aura slots, GRANDPA
// finalizes with a bounded lag, every node holds the same finalized chain; transfers sent to one
// node land in every node's state.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { withNetwork, finalized, finalizedNumber, bestNumber, finalizedAgreement, slotOf, UNIT } from './network.mjs';
import { u8aToHex } from '@polkadot/util';
import { until } from '../../scripts/wait.mjs';

test('a network of four validators', (t) => withNetwork({}, async (net) => {
  const [alice, bob, charlie, dave] = net.nodes;
  const api = await alice.api();

  await t.test('every authority authors blocks in its own slots', async () => {
    await finalized(alice, 12);
    const authorities = (await api.query.aura.authorities()).map((a) => a.toHex());
    const expected = ['//Alice', '//Bob', '//Charlie', '//Dave'].map((uri) => u8aToHex(net.keyring.addFromUri(uri).publicKey));
    assert.deepEqual(authorities, expected);
    const authored = new Map(authorities.map((a) => [a, 0]));
    for (let n = 1; n <= 12; n += 1) {
      const header = await api.rpc.chain.getHeader(await api.rpc.chain.getBlockHash(n));
      const author = authorities[Number(slotOf(header) % BigInt(authorities.length))];
      authored.set(author, authored.get(author) + 1);
    }
    // Round robin: 12 blocks in consecutive slots give each of four authorities three; a slot
    // missed on a loaded machine shifts that, but never to nothing.
    for (const [who, count] of authored) assert.ok(count >= 2, `${who} authored ${count} of blocks 1-12`);
  });

  // GRANDPA's default voting rules vote two blocks behind the best one (and on at most three
  // quarters of the unfinalized chain), so right after a block arrives the finalized head is
  // three behind it: that is the steady state, and a lag beyond five is a stall.
  await t.test('GRANDPA finalizes with a steady lag of about three blocks', async () => {
    const lags = [];
    const seen = new Map(); // block number -> when it was first seen as best
    const delays = []; // seconds from a block's arrival to its finality
    let last = await bestNumber(api);
    await until('fifteen more blocks', async () => {
      const [best, final] = [await bestNumber(api), await finalizedNumber(api)];
      if (best > last) {
        lags.push(best - final);
        seen.set(best, Date.now());
        last = best;
      }
      for (const [n, at] of seen) {
        if (n <= final) {
          delays.push((Date.now() - at) / 1000);
          seen.delete(n);
        }
      }
      return lags.length >= 15;
    }, { seconds: 180, every: 250 });
    const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
    console.log(`finality lag over ${lags.length} blocks: median ${median(lags)} blocks behind best, `
      + `max ${Math.max(...lags)}; a block's arrival to its finality: median ${median(delays).toFixed(1)} s, `
      + `max ${Math.max(...delays).toFixed(1)} s (${delays.length} blocks)`);
    assert.ok(delays.length >= 10, `${delays.length} blocks seen finalized`);
    assert.ok(median(lags) <= 3, `median lag ${median(lags)}: ${lags}`);
    assert.ok(Math.max(...lags) <= 5, `max lag ${Math.max(...lags)}: ${lags}`);
  });

  await t.test('every node has the same finalized chain', async () => {
    const { common, hashes } = await finalizedAgreement(net.nodes);
    assert.ok(common >= 12, `all have finalized #${common}`);
    assert.equal(hashes.length, 1, `block #${common}: ${hashes}`);
  });

  await t.test('a transfer sent to one node is finalized in another node\'s state, fee as estimated', async () => {
    const sender = net.keyring.addFromUri('//Ferdie');
    const receiver = net.keyring.addFromUri('//Eve');
    const bobApi = await bob.api();
    const charlieApi = await charlie.api();
    const tx = bobApi.tx.balances.transferKeepAlive(receiver.address, 5n * UNIT);
    const estimate = (await tx.paymentInfo(sender)).partialFee.toBigInt();
    const before = (await charlieApi.query.system.account(receiver.address)).data.free.toBigInt();
    const included = await new Promise((resolve, reject) => {
      tx.signAndSend(sender, ({ status, dispatchError, events }) => {
        if (dispatchError) reject(new Error(`dispatch error: ${dispatchError}`));
        if (status.isFinalized) resolve({ hash: status.asFinalized, events });
        if (status.isDropped || status.isInvalid || status.isUsurped) reject(new Error(`${status.type}`));
      }).catch(reject);
    });
    const paid = included.events.find(({ event }) => event.section === 'transactionPayment' && event.method === 'TransactionFeePaid');
    assert.ok(paid, 'a TransactionFeePaid event');
    assert.equal(paid.event.data.actualFee.toBigInt(), estimate, 'fee = the estimate');
    const number = (await bobApi.rpc.chain.getHeader(included.hash)).number.toNumber();
    await finalized(charlie, number);
    assert.equal((await charlieApi.rpc.chain.getBlockHash(number)).toHex(), included.hash.toHex());
    const after = (await charlieApi.query.system.account.at(included.hash, receiver.address)).data.free.toBigInt();
    assert.equal(after, before + 5n * UNIT);
    const daveApi = await dave.api();
    assert.equal((await daveApi.query.system.account.at(included.hash, receiver.address)).data.free.toBigInt(), after);
  });

  await t.test('a burst of transfers from one account, each nonce taken from the node, all land', async () => {
    const BURST = 20;
    const sender = net.keyring.addFromUri('//Charlie');
    const receiver = net.keyring.addFromUri('//Dave');
    const daveApi = await dave.api();
    // A number, as wallets read it (the runtime's nonce type would serialise as a pair).
    const raw = await dave.rpc('system_accountNextIndex', [sender.address]);
    assert.equal(typeof raw, 'number', `system_accountNextIndex answered ${JSON.stringify(raw)}`);
    const before = (await daveApi.query.system.account(receiver.address)).data.free.toBigInt();
    const hashes = [];
    for (let i = 0; i < BURST; i += 1) {
      const nonce = (await daveApi.rpc.system.accountNextIndex(sender.address)).toNumber();
      hashes.push(await daveApi.tx.balances.transferKeepAlive(receiver.address, UNIT).signAndSend(sender, { nonce }));
    }
    assert.equal(new Set(hashes.map((h) => h.toHex())).size, BURST);
    const expected = before + BigInt(BURST) * UNIT;
    const aliceApi = await alice.api();
    await until(`all ${BURST} transfers finalized`, async () => {
      const head = await aliceApi.rpc.chain.getFinalizedHead();
      return (await aliceApi.query.system.account.at(head, receiver.address)).data.free.toBigInt() === expected;
    }, { seconds: 120, every: 1000 });
  });
}));
