// The main job's chain as `./scripts/start.sh` runs it: `scripts/local-chain.mjs`, chopsticks
// in Batch mode sealing on its own, on a free port.
import { join } from 'node:path';
import { until } from '../../../scripts/wait.mjs';
import { freePort, launch, portOpen } from './process.mjs';

const root = new URL('../../..', import.meta.url).pathname;

export const localChain = {
  name: 'main job',
  skip: false,
  /** @param {{ raw: string }} specs */
  async start(specs) {
    const port = await freePort();
    const proc = launch(process.execPath, [join(root, 'scripts', 'local-chain.mjs'), specs.raw, String(port)]);
    await portOpen(proc, port, 'the local chain');
    return {
      url: `ws://127.0.0.1:${port}`,
      logs: proc.output,
      stop: proc.stop,
      // Its banner comes once its first block is there.
      ready: () => until('the local chain to say where it runs',
        async () => proc.output().includes('The local dev chain runs at'), { seconds: 120 }),
      newBlock: () => { throw new Error('the local chain seals on its own'); },
    };
  },
};
