// A local network of mvp-chain-node validators at 127.0.0.1 (the launcher the network tests use,
// tests/network/network.mjs): prints each node's RPC endpoint and how to connect, then a line per
// finalized block; Ctrl-C stops every node and deletes their databases. Each node logs to node.log
// in its data directory.
import { u8aToHex } from '@polkadot/util';
import { slotOf, startNetwork } from '../tests/network/network.mjs';

const NAMES = ['alice', 'bob', 'charlie', 'dave', 'eve', 'ferdie'];
const [spec, count = '4'] = process.argv.slice(2);
const n = Number(count);
if (!spec || !Number.isInteger(n) || n < 1 || n > NAMES.length) {
  console.error(`usage: node scripts/network.mjs <raw chain spec> [validators: 1 to ${NAMES.length}]`);
  process.exit(2);
}

console.log(`starting ${n} validators (${NAMES.slice(0, n).join(', ')}) on 127.0.0.1 ...`);
const network = await startNetwork({ validators: NAMES.slice(0, n), spec });
let stopping = false;
const stop = async () => {
  if (stopping) return;
  stopping = true;
  console.log('stopping every node ...');
  await network.stop();
  process.exit(0);
};
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, stop);

const [first] = network.nodes;
for (const node of network.nodes) {
  console.log(`  ${node.name.padEnd(8)} RPC ${node.url}   p2p ${node.multiaddr}   data ${node.dir}`);
}
console.log(`
  polkadot.js apps: https://polkadot.js.org/apps/?rpc=${encodeURIComponent(first.url)}
  @polkadot/api:    await ApiPromise.create({ provider: new WsProvider('${first.url}') })
  polkadot-api:     createClient(getWsProvider('${first.url}'))
  dev accounts:     //Alice (sudo), //Bob, //Charlie, ... each hold 1,000,000 UNIT
A block every 6 s from the validators in turn; GRANDPA finalizes with ${n - Math.floor((n - 1) / 3)} of ${n}. Ctrl-C stops them all.
`);

const api = await first.api();
const authorities = (await api.query.aura.authorities()).map((a) => a.toHex());
const capital = (name) => name[0].toUpperCase() + name.slice(1);
const names = new Map(NAMES.map((name) => [u8aToHex(network.keyring.addFromUri(`//${capital(name)}`).publicKey), name]));
const who = (key) => names.get(key) ?? key;
await api.rpc.chain.subscribeFinalizedHeads(async (header) => {
  const best = (await api.rpc.chain.getHeader()).number.toNumber();
  const author = header.number.toNumber() === 0 ? 'genesis'
    : who(authorities[Number(slotOf(header) % BigInt(authorities.length))]);
  console.log(`finalized #${header.number.toNumber()} ${header.hash.toHex()} (${author}; best #${best})`);
});
