// Nodes that join a running network of four validators: a fresh full node syncs, another
// warp-syncs (`--sync warp`), each to the finalized head; and smoldot, the light client, started
// from the raw spec with the network's bootnodes, follows finality, reads a balance and submits a
// transfer that lands.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createClient, Enum } from 'polkadot-api';
import { getSmProvider } from 'polkadot-api/sm-provider';
import { start } from 'polkadot-api/smoldot';
import { withNetwork, finalized, finalizedNumber, first, hashOf, localSpec, UNIT } from './network.mjs';
import { devAccount } from '../client/papi.mjs';
import { within } from '../../scripts/wait.mjs';

const { mvp } = await import('@polkadot-api/descriptors');

test('nodes that join a running network', (t) => withNetwork({}, async (net) => {
  const [alice] = net.nodes;
  const api = await alice.api();
  await finalized(alice, 8);
  const hashAt = async (n) => (await api.rpc.chain.getBlockHash(n)).toHex();

  await t.test('a fresh full node syncs to the finalized head', async () => {
    const target = await finalizedNumber(api);
    const full = await net.add('full');
    await full.start();
    await finalized(full, target, 180);
    assert.equal(await hashOf(full, target), await hashAt(target));
  });

  await t.test('a node started with --sync warp warp-syncs to the finalized head', async () => {
    const target = await finalizedNumber(api);
    const warp = await net.add('warp', { args: ['--sync', 'warp'] });
    await warp.start();
    await finalized(warp, target, 240);
    assert.match(warp.output(), /Warp sync is complete/, 'the node warp-synced');
    assert.equal(await hashOf(warp, target), await hashAt(target));
  });

  await t.test('smoldot follows finality, reads a balance and submits a transfer that lands', async () => {
    const spec = JSON.parse(readFileSync(localSpec, 'utf8'));
    spec.bootNodes = net.nodes.map((n) => n.multiaddr);
    const smoldot = start({ maxLogLevel: Number(process.env.SMOLDOT_LOG ?? 2) });
    try {
      const client = createClient(getSmProvider(() => smoldot.addChain({ chainSpec: JSON.stringify(spec) })));
      try {
        const typed = client.getTypedApi(mvp);
        const target = (await finalizedNumber(api)) + 1;
        const block = await within(180, 'smoldot to finalize the network\'s blocks',
          first(client.finalizedBlock$, (b) => b.number >= target));
        assert.equal(block.hash, await hashAt(block.number), 'smoldot finalized the network\'s block');

        const [sender, receiver] = [devAccount('//Bob'), devAccount('//Charlie')];
        const account = await typed.query.System.Account.getValue(receiver.address, { at: block.hash });
        const expected = (await api.query.system.account.at(block.hash, receiver.address)).data.free.toBigInt();
        assert.equal(account.data.free, expected, 'the balance smoldot proves is the node\'s');

        const landed = await within(180, 'the transfer smoldot submitted to be finalized', typed.tx.Balances.transfer_keep_alive({ dest: Enum('Id', receiver.address), value: UNIT })
          .signAndSubmit(sender.signer));
        assert.ok(landed.ok, 'the transfer succeeded');
        const after = (await api.query.system.account.at(landed.block.hash, receiver.address)).data.free.toBigInt();
        const before = (await api.query.system.account.at((await api.rpc.chain.getHeader(landed.block.hash)).parentHash, receiver.address)).data.free.toBigInt();
        assert.equal(after, before + UNIT, 'the node sees the transfer smoldot submitted');
      } finally {
        client.destroy();
      }
    } finally {
      await smoldot.terminate();
    }
  });
}));
