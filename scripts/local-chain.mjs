// Runs chopsticks from a raw chain spec at 127.0.0.1 and seals a block every 6 seconds (and at
// once for each submitted transaction), so the chain advances like a live one.
import { spawn } from 'node:child_process';
import { WsProvider } from '@polkadot/api';

const [spec, port = '8000'] = process.argv.slice(2);
if (!spec) {
  console.error('usage: node scripts/local-chain.mjs <raw chain spec> [port]');
  process.exit(2);
}
const url = `ws://127.0.0.1:${port}`;
const chopsticks = spawn(new URL('../node_modules/.bin/chopsticks', import.meta.url).pathname,
  ['--genesis', spec, '--host', '127.0.0.1', '--port', port, '--build-block-mode', 'Instant'],
  { stdio: ['ignore', 'pipe', 'inherit'] });
chopsticks.on('exit', (code) => process.exit(code ?? 1));
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => chopsticks.kill(signal));

let started = false;
chopsticks.stdout.on('data', async (chunk) => {
  process.stdout.write(chunk);
  if (started || !/listening/i.test(chunk.toString())) return;
  started = true;
  const provider = new WsProvider(url);
  await provider.isReady;
  console.log(`
The local dev chain runs at ${url}
  polkadot.js apps: https://polkadot.js.org/apps/?rpc=${encodeURIComponent(url)}
  @polkadot/api:    await ApiPromise.create({ provider: new WsProvider('${url}') })
  dev accounts:     //Alice (sudo), //Bob, //Charlie, ... each hold 1,000,000 UNIT
A block is sealed every 6 s and for each transaction. Ctrl-C stops the chain.
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
});
