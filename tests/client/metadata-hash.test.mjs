// An offline signer's path with polkadot-api: its signer wrapped in `withMetadataHash`, which
// computes RFC-78's digest from the chain's own metadata (@polkadot-api/merkleize-metadata)
// and signs in `CheckMetadataHash` mode 1. The transfer lands on every host: the blob checks
// that same hash.
import assert from 'node:assert/strict';
import { Enum } from 'polkadot-api';
import { withMetadataHash } from 'polkadot-api/signer';
import { scenario, UNIT } from './chain.mjs';
import { devAccount, withPapi } from './papi.mjs';

scenario('a polkadot-api transfer signed in metadata-hash mode 1 lands', async (chain) => withPapi(chain, async ({ api: typed }) => {
  const { api } = chain;
  const properties = await api.rpc.system.properties();
  const signer = withMetadataHash({
    decimals: properties.tokenDecimals.unwrap()[0].toNumber(),
    tokenSymbol: properties.tokenSymbol.unwrap()[0].toString(),
  }, devAccount('//Alice').signer);
  const bob = devAccount('//Bob').address;
  const before = (await api.query.system.account(bob)).data.free.toBigInt();

  const signed = await typed.tx.Balances.transfer_keep_alive({ dest: Enum('Id', bob), value: UNIT })
    .sign(signer);
  const decoded = api.createType('Extrinsic', signed);
  assert.equal(decoded.mode.toNumber(), 1, 'CheckMetadataHash mode 1');
  await api.rpc.author.submitExtrinsic(signed);
  await chain.newBlock();
  assert.equal((await api.query.system.account(bob)).data.free.toBigInt(), before + UNIT);
}));
