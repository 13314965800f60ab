// @ts-check
// polkadot-api beside polkadot.js, on the same chain (see chain.mjs): its typed API from the
// descriptors that scripts/papi-descriptors.sh generated from our blob, the dev accounts as
// polkadot-api signers, and a submit that seals the block once the pool holds the transaction.
import { Binary, createClient } from 'polkadot-api';
import { getWsProvider } from 'polkadot-api/ws';
import { getPolkadotSigner } from 'polkadot-api/signer';
import { sr25519CreateDerive } from '@polkadot-labs/hdkd';
import {
  DEV_PHRASE, entropyToMiniSecret, mnemonicToEntropy, ss58Address,
} from '@polkadot-labs/hdkd-helpers';
import { WebSocket } from 'ws';
import { until } from '../../scripts/wait.mjs';

const { mvp } = await import('@polkadot-api/descriptors').catch((error) => {
  throw new Error(`no polkadot-api descriptors (${error.message}): ./scripts/test.sh generates them `
    + 'from the blob (scripts/papi-descriptors.sh BLOB)');
});

const derive = sr25519CreateDerive(entropyToMiniSecret(mnemonicToEntropy(DEV_PHRASE)));

// A dev account (`//Alice`, …): its SS58 address and a signer. `corrupt` makes the signer
// return a signature over other bytes, as a wallet with the wrong key would.
export function devAccount(path, { corrupt = false } = {}) {
  const pair = derive(path);
  const sign = (/** @type {Uint8Array} */ message) => {
    const signature = pair.sign(message);
    if (corrupt) signature[0] ^= 0xff;
    return signature;
  };
  return {
    address: ss58Address(pair.publicKey, 42),
    signer: getPolkadotSigner(pair.publicKey, 'Sr25519', sign),
  };
}

/**
 * Runs `body` with a polkadot-api client on `chain` (see chain.mjs) and its typed API.
 * @param {{ url: string }} chain
 * @param {(papi: { client: import('polkadot-api').PolkadotClient,
 *   api: import('polkadot-api').TypedApi<typeof mvp> }) => Promise<void>} body
 */
export async function withPapi(chain, body) {
  // Node 20 has no global WebSocket.
  const client = createClient(getWsProvider(chain.url, { websocketClass: WebSocket }));
  try {
    await body({ client, api: client.getTypedApi(mvp) });
  } finally {
    client.destroy();
  }
}

/**
 * Submits a signed transaction through polkadot-api and seals a block once the pool holds it
 * (a node that seals its own may include it first); resolves to what polkadot-api reports from
 * the finalized block. polkadot-api
 * validates first: an invalid transaction rejects with its `InvalidTxError` and is not sent.
 * @param {{ newBlock: () => Promise<unknown> }} chain
 * @param {import('polkadot-api').PolkadotClient} client
 * @param {Uint8Array} signed
 */
export async function submitAndSeal(chain, client, signed) {
  const done = client.submit(signed);
  let settled = false;
  done.then(() => { settled = true; }, () => { settled = true; });
  const hex = Binary.toHex(signed);
  let pooled = false;
  await until('the transaction to reach the pool', async () => {
    pooled = (await client._request('author_pendingExtrinsics', [])).includes(hex);
    return settled || pooled;
  }, { seconds: 30, every: 50 });
  if (pooled) await chain.newBlock();
  return done;
}

/**
 * Seals a block (or waits for the next, on a node that seals its own) and waits until
 * polkadot-api has followed the chain to it, so that what it reads next comes from there.
 * @param {{ newBlock: () => Promise<unknown> }} chain
 * @param {import('polkadot-api').PolkadotClient} client
 */
export async function seal(chain, client) {
  const hash = await chain.newBlock();
  const number = parseInt((await client._request('chain_getHeader', [hash])).number, 16);
  await until(`polkadot-api to follow the chain to block ${hash}`,
    async () => (await client.getFinalizedBlock()).number >= number, { seconds: 30, every: 50 });
}

// The `TransactionValidityError` a rejected submission carried, or a failure if it was not one.
export async function invalidity(/** @type {Promise<unknown>} */ submission) {
  try {
    await submission;
  } catch (error) {
    if (error?.name === 'InvalidTxError') return error.error;
    throw error;
  }
  throw new Error('the transaction was accepted');
}
