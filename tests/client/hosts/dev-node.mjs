// The main job's chain as `./scripts/start.sh` runs it: `scripts/dev-node.mjs`, our node with
// `--dev` (//Alice authors every 6 s, GRANDPA finalizes), on a free port.
import { join } from 'node:path';
import { until } from '../../../scripts/wait.mjs';
import { freePort, inherentCount, launch, newestWithTransactions, portOpen } from './process.mjs';
import { nodeBinary } from '../../network/network.mjs';

const root = new URL('../../..', import.meta.url).pathname;
const number = (header) => parseInt(header.number, 16);

export const devNode = {
  name: 'mvp-chain-node',
  skip: false,
  async start() {
    const port = await freePort();
    const proc = launch(process.execPath, [join(root, 'scripts', 'dev-node.mjs'), nodeBinary, String(port)]);
    await portOpen(proc, port, 'the dev node');
    let seen = 0;
    let inherents;
    return {
      url: `ws://127.0.0.1:${port}`,
      logs: proc.output,
      stop: proc.stop,
      // Its banner comes once its first block is there.
      ready: async (provider) => {
        await until('the dev node to say where it runs',
          async () => proc.output().includes('The local dev chain runs at'), { seconds: 120 });
        seen = number(await provider.send('chain_getHeader', []));
        inherents = await inherentCount(provider);
      },
      // Waits until the pool has put every transaction in a block, and gives the newest best
      // block since the last call that holds more than its inherent (or the first new block if
      // none does). One author, so a best block is never replaced.
      newBlock: async (provider) => {
        await until('the pool to empty', async () => (await provider.send('author_pendingExtrinsics', [])).length === 0, { seconds: 60 });
        const target = Math.max(number(await provider.send('chain_getHeader', [])), seen + 1);
        await until(`block #${target}`, async () => number(await provider.send('chain_getHeader', [])) >= target, { seconds: 60 });
        const best = number(await provider.send('chain_getHeader', []));
        const found = newestWithTransactions(provider, seen, best, inherents);
        seen = best;
        return found;
      },
    };
  },
};
