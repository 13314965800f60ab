// chopsticks from our raw chain spec, sealing a block only when a test asks (`dev_newBlock`), so
// that each test knows which block holds its transactions.
import { join } from 'node:path';
import { ensureFirstBlock } from '../../../scripts/first-block.mjs';
import { freePort, launch, portOpen } from './process.mjs';

const root = new URL('../../..', import.meta.url).pathname;

export const chopsticks = {
  name: 'chopsticks',
  skip: false,
  /** @param {{ raw: string }} specs */
  async start(specs) {
    const port = await freePort();
    const proc = launch(join(root, 'node_modules', '.bin', 'chopsticks'), ['--genesis', specs.raw,
      '--host', '127.0.0.1', '--port', String(port), '--build-block-mode', 'Manual']);
    await portOpen(proc, port, 'chopsticks');
    return {
      url: `ws://127.0.0.1:${port}`,
      logs: proc.output,
      stop: proc.stop,
      ready: ensureFirstBlock,
      newBlock: (provider) => provider.send('dev_newBlock', [{ count: 1 }]),
    };
  },
};
