// polkadot-omni-node, the production node for Aura runtimes and parachains, in dev mode from our
// chain specs (the solochain's, and the parachain's, whose relay chain it then mocks): it seals
// and finalizes a block every BLOCK_MS on its own, through its real transaction pool, block
// import and RPC server. Found through POLKADOT_OMNI_NODE or PATH; without one, its tests are
// skipped with a note saying how to get it, except where they are required (CI).
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';
import { until } from '../../../scripts/wait.mjs';
import { freePort, inherentCount, launch, newestWithTransactions, portOpen } from './process.mjs';

const BLOCK_MS = 1000;

function findBinary() {
  if (process.env.POLKADOT_OMNI_NODE) return process.env.POLKADOT_OMNI_NODE;
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    const candidate = join(dir, 'polkadot-omni-node');
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch { /* not here */ }
  }
  return null;
}

const binary = findBinary();
export const NO_NODE = 'no polkadot-omni-node binary (set POLKADOT_OMNI_NODE or put it on PATH; '
  + '`./scripts/omni-node.sh` builds one, see docs/hosts-and-clients.md)';

const number = (header) => parseInt(header.number, 16);

// CI sets MVP_REQUIRE_OMNI_NODE=true: there a missing binary fails the tests instead of
// skipping them.
const required = process.env.MVP_REQUIRE_OMNI_NODE === 'true';

// The node on the spec `specs[spec]`, under `name`.
function omniNodeOn(name, spec) {
  return {
    name,
    skip: binary || required ? false : NO_NODE,
    async start(specs) {
      if (!binary) throw new Error(`required, but ${NO_NODE}`);
      const [rpc, p2p] = [await freePort(), await freePort()];
      const proc = launch(binary, ['--chain', specs[spec], '--dev-block-time', String(BLOCK_MS), '--tmp',
        '--rpc-port', String(rpc), '--port', String(p2p), '--no-prometheus', '--no-telemetry',
        '--no-mdns']);
      await portOpen(proc, rpc, 'polkadot-omni-node');
      // Blocks after the last one a test was given: where its next transactions land.
      let seen = 0;
      let inherents;
      return {
        url: `ws://127.0.0.1:${rpc}`,
        logs: proc.output,
        stop: proc.stop,
        ready: async (provider) => {
          await until('block #1', async () => number(await provider.send('chain_getHeader', [])) >= 1);
          seen = number(await provider.send('chain_getHeader', []));
          inherents = await inherentCount(provider);
        },
        // Waits until the pool has put every transaction in a block and that block is finalized,
        // and gives the newest block since the last call that holds more than its inherents (or
        // the first new block if none does).
        newBlock: async (provider) => {
          await until('the pool to empty', async () => (await provider.send('author_pendingExtrinsics', [])).length === 0);
          // The pool empties when the block is imported; wait for it (or the next one) to be final.
          const target = Math.max(number(await provider.send('chain_getHeader', [])), seen + 1);
          let finalized;
          await until(`block #${target} finalized`, async () => {
            const head = await provider.send('chain_getFinalizedHead', []);
            finalized = number(await provider.send('chain_getHeader', [head]));
            return finalized >= target;
          });
          const found = newestWithTransactions(provider, seen, finalized, inherents);
          seen = finalized;
          return found;
        },
      };
    },
  };
}

export const omniNode = omniNodeOn('omni-node', 'omni');
// The parachain runtime: the node mocks the relay chain (its validation data, the go-ahead of a
// runtime upgrade) and runs the runtime's parachain inherent in every block.
export const omniParachain = omniNodeOn('omni-node parachain', 'parachain');
