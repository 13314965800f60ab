// Runs chopsticks from a raw chain spec at 127.0.0.1 and seals a block every 6 seconds, and
// shortly after transactions arrive, so the chain advances like a live one. Batch mode, not
// Instant: Instant builds a block per transaction as it arrives, racing a wallet's next
// `system_accountNextIndex`, and a burst from one account loses transactions; Batch gathers
// what arrives together into one block. Chopsticks logs warnings and errors only (its info log
// is eight lines a block); LOG_LEVEL=info brings it back.
import { spawn } from 'node:child_process';
import { WsProvider } from '@polkadot/api';
import { ensureFirstBlock } from './first-block.mjs';
import { accepts, until } from './wait.mjs';

const [spec, port = '8000', blob] = process.argv.slice(2);
if (!spec) {
  console.error('usage: node scripts/local-chain.mjs <raw chain spec> [port] [runtime blob]');
  process.exit(2);
}
const url = `ws://127.0.0.1:${port}`;
const chopsticks = spawn(new URL('../node_modules/.bin/chopsticks', import.meta.url).pathname,
  ['--genesis', spec, '--host', '127.0.0.1', '--port', port, '--build-block-mode', 'Batch'],
  { stdio: ['ignore', 'inherit', 'inherit'], env: { LOG_LEVEL: 'warn', ...process.env } });
chopsticks.on('exit', (code) => process.exit(code ?? 1));
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => chopsticks.kill(signal));
process.on('exit', () => chopsticks.kill());

console.log(`starting chopsticks on ${url} ...`);
// Its port first: a provider that retries would log every refused attempt.
await until(`chopsticks to open port ${port}`, () => accepts(port), { seconds: 300, every: 250 });
const provider = new WsProvider(url);
await provider.isReady;
await ensureFirstBlock(provider);
console.log(`
The local dev chain runs at ${url}
  polkadot.js apps: https://polkadot.js.org/apps/?rpc=${encodeURIComponent(url)}
  @polkadot/api:    await ApiPromise.create({ provider: new WsProvider('${url}') })
  polkadot-api:     createClient(getWsProvider('${url}'))  ('polkadot-api', 'polkadot-api/ws'; on
                    Node < 22 pass { websocketClass: WebSocket } from 'ws' as its second argument)
${blob ? `  typed API:        npx papi add mvp --wasm ${blob}
                    (in your project), then client.getTypedApi(mvp), mvp from '@polkadot-api/descriptors'
` : ''}  dev accounts:     //Alice (sudo), //Bob, //Charlie, ... each hold 1,000,000 UNIT
A block is sealed every 6 s, and shortly after transactions arrive. Ctrl-C stops the chain.
`);
setInterval(async () => {
  try {
    const hash = await provider.send('dev_newBlock', [{ count: 1 }]);
    const header = await provider.send('chain_getHeader', [hash]);
    console.log(`block #${parseInt(header.number, 16)} ${hash}`);
  } catch (error) {
    console.error(`sealing a block failed: ${error.message ?? error}`);
  }
}, 6000);
