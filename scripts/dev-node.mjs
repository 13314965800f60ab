// Runs mvp-chain-node as a one-validator development chain (`--dev`: //Alice authors a block
// every 6 s in its Aura slots and finalizes them with GRANDPA; a real pool and real RPC) at
// 127.0.0.1, prints how to connect once block #1 is there, then one line per new block.
// The node logs warnings and errors only; NODE_LOG=info brings its full log back.
import { spawn } from 'node:child_process';
import { WsProvider } from '@polkadot/api';
import { accepts, until } from './wait.mjs';

const [binary, port = '9944', blob] = process.argv.slice(2);
if (!binary) {
  console.error('usage: node scripts/dev-node.mjs <mvp-chain-node> [rpc port] [runtime blob]');
  process.exit(2);
}
const url = `ws://127.0.0.1:${port}`;
const args = ['--dev', '--rpc-port', port, '--rpc-cors', 'all', '--listen-addr', '/ip4/127.0.0.1/tcp/0',
  '--no-mdns', '--no-prometheus', '--no-telemetry', '--log', process.env.NODE_LOG ?? 'warn'];
if (process.env.BASE_PATH) args.push('--base-path', process.env.BASE_PATH);
const node = spawn(binary, args, { stdio: ['ignore', 'inherit', 'inherit'] });
node.on('exit', (code) => process.exit(code ?? 1));
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => node.kill(signal));
process.on('exit', () => node.kill());

console.log(`starting mvp-chain-node --dev on ${url} ...`);
await until(`the node to open port ${port}`, () => accepts(port), { seconds: 300, every: 250 });
const provider = new WsProvider(url);
await provider.isReady;
const number = (header) => parseInt(header.number, 16);
await until('block #1', async () => number(await provider.send('chain_getHeader', [])) >= 1, { seconds: 60, every: 500 });
console.log(`
The local dev chain runs at ${url}
  polkadot.js apps: https://polkadot.js.org/apps/?rpc=${encodeURIComponent(url)}
  @polkadot/api:    await ApiPromise.create({ provider: new WsProvider('${url}') })
  polkadot-api:     createClient(getWsProvider('${url}'))  ('polkadot-api', 'polkadot-api/ws'; on
                    Node < 22 pass { websocketClass: WebSocket } from 'ws' as its second argument)
${blob ? `  typed API:        npx papi add mvp --wasm ${blob}
                    (in your project), then client.getTypedApi(mvp), mvp from '@polkadot-api/descriptors'
` : ''}  dev accounts:     //Alice (sudo, the validator), //Bob, //Charlie, ... each hold 1,000,000 UNIT
Alice authors a block every 6 s and GRANDPA finalizes it. Ctrl-C stops the chain.
`);
let finalized = 0;
provider.subscribe('chain_finalizedHead', 'chain_subscribeFinalizedHeads', [], (error, header) => {
  if (!error) finalized = number(header);
});
provider.subscribe('chain_newHead', 'chain_subscribeNewHeads', [], async (error, header) => {
  if (error) return;
  const hash = await provider.send('chain_getBlockHash', [number(header)]);
  console.log(`block #${number(header)} ${hash} (finalized #${finalized})`);
});
