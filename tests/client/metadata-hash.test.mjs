// An offline signer's path with polkadot-api: its signer wrapped in `withMetadataHash`, which
// computes RFC-78's digest from the chain's own metadata (@polkadot-api/merkleize-metadata)
// and signs in `CheckMetadataHash` mode 1. The transfer lands on chopsticks: the blob checks
// that same hash.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createClient, Enum } from 'polkadot-api';
import { getWsProvider } from 'polkadot-api/ws';
import { getPolkadotSigner, withMetadataHash } from 'polkadot-api/signer';
import { sr25519CreateDerive } from '@polkadot-labs/hdkd';
import { DEV_PHRASE, entropyToMiniSecret, mnemonicToEntropy } from '@polkadot-labs/hdkd-helpers';
import { WebSocket } from 'ws';
import { withChain, UNIT } from './chain.mjs';

test('a polkadot-api transfer signed in metadata-hash mode 1 lands', async () => withChain(async (chain) => {
  const { api } = chain;
  // Node 20 has no global WebSocket.
  const client = createClient(getWsProvider(chain.url, { websocketClass: WebSocket }));
  try {
    const unsafe = client.getUnsafeApi();
    const alice = sr25519CreateDerive(entropyToMiniSecret(mnemonicToEntropy(DEV_PHRASE)))('//Alice');
    const properties = await api.rpc.system.properties();
    const signer = withMetadataHash({
      decimals: properties.tokenDecimals.unwrap()[0].toNumber(),
      tokenSymbol: properties.tokenSymbol.unwrap()[0].toString(),
    }, getPolkadotSigner(alice.publicKey, 'Sr25519', alice.sign));
    const bob = chain.keyring.addFromUri('//Bob').address;
    const before = (await api.query.system.account(bob)).data.free.toBigInt();

    const signed = await unsafe.tx.Balances.transfer_keep_alive({ dest: Enum('Id', bob), value: UNIT })
      .sign(signer);
    const decoded = api.createType('Extrinsic', signed);
    assert.equal(decoded.mode.toNumber(), 1, 'CheckMetadataHash mode 1');
    await api.rpc.author.submitExtrinsic(signed);
    await chain.newBlock();
    assert.equal((await api.query.system.account(bob)).data.free.toBigInt(), before + UNIT);
  } finally {
    client.destroy();
  }
}));
