// The network tests' one abstraction: validators and full nodes of mvp-chain-node on loopback,
// ports chosen free at run time, each with its own database directory, stopped (every one, also
// when a test fails) by `withNetwork`. A node can be stopped, killed and restarted from its
// database; every node knows every other as a bootnode.
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { ApiPromise, WsProvider } from '@polkadot/api';
import { Keyring } from '@polkadot/keyring';
import { u8aToHex } from '@polkadot/util';
import { base58Encode, cryptoWaitReady, ed25519PairFromSeed } from '@polkadot/util-crypto';
import { freePort, launch, portOpen } from '../client/hosts/process.mjs';
import { until, within } from '../../scripts/wait.mjs';

const root = new URL('../..', import.meta.url).pathname;
const targetDir = process.env.CARGO_TARGET_DIR || join(root, 'target');

// The node, as ./scripts/test.sh built it, and the local network's raw spec (//Alice to //Dave).
export const nodeBinary = process.env.MVP_CHAIN_NODE || join(targetDir, 'debug', 'mvp-chain-node');
export const localSpec = process.env.MVP_LOCAL_SPEC || join(targetDir, 'chain-spec', 'local.raw.json');
// The same network on the runtime chains ran before sessions (spec 100, tests/fixtures/).
export const localSpecBeforeSessions = join(dirname(localSpec), 'local-100.raw.json');
export const VALIDATORS = ['alice', 'bob', 'charlie', 'dave'];
export const SLOT_MS = 6000;
export const UNIT = 10n ** 12n;

// A node's libp2p identity from its 32-byte ed25519 secret: the peer id is the identity
// multihash of the protobuf-encoded public key (key type 1 = Ed25519).
function identity(index) {
  const seed = new Uint8Array(32);
  seed[31] = index + 1;
  const { publicKey } = ed25519PairFromSeed(seed);
  const protobuf = Uint8Array.of(0x08, 0x01, 0x12, 0x20, ...publicKey);
  return { key: u8aToHex(seed).slice(2), peerId: base58Encode(Uint8Array.of(0x00, protobuf.length, ...protobuf)) };
}

class Node {
  constructor({ name, index, dir, spec, validator, extra }) {
    Object.assign(this, { name, index, dir, spec, validator, extra });
    this.identity = identity(index);
    this.log = '';
  }

  async allocate() {
    [this.p2p, this.rpcPort] = [await freePort(), await freePort()];
    this.url = `ws://127.0.0.1:${this.rpcPort}`;
    this.multiaddr = `/ip4/127.0.0.1/tcp/${this.p2p}/p2p/${this.identity.peerId}`;
  }

  args(bootnodes) {
    const role = this.validator ? [`--${this.name}`] : ['--name', this.name];
    return ['--chain', this.spec, '--base-path', this.dir, ...role,
      '--listen-addr', `/ip4/127.0.0.1/tcp/${this.p2p}`, '--rpc-port', String(this.rpcPort),
      '--node-key', this.identity.key, ...bootnodes.flatMap((b) => ['--bootnodes', b]),
      '--no-mdns', '--no-prometheus', '--no-telemetry',
      '--rpc-cors', 'all', ...this.extra];
  }

  // Starts (or restarts, from its database) the node and waits for its RPC port.
  async start(bootnodes) {
    this.bootnodes = bootnodes ?? this.bootnodes;
    await mkdir(this.dir, { recursive: true });
    this.proc = launch(nodeBinary, this.args(this.bootnodes), process.env, { logFile: join(this.dir, 'node.log') });
    await portOpen(this.proc, this.rpcPort, this.name);
  }

  running() {
    return this.proc?.running() ?? false;
  }

  output() {
    return this.log + (this.proc?.output() ?? '');
  }

  // polkadot.js on this node. (It reads the genesis block's header, which a warp-synced node
  // does not have: use `rpc` there.)
  async api() {
    if (!this.client) {
      this.client = await ApiPromise.create({ provider: await this.provider(), noInitWarn: true, throwOnConnect: true });
    }
    return this.client;
  }

  async provider() {
    if (!this.ws) {
      this.ws = new WsProvider(this.url);
      await this.ws.isReady;
    }
    return this.ws;
  }

  // A raw JSON-RPC call.
  async rpc(method, params = []) {
    return (await this.provider()).send(method, params);
  }

  async disconnect() {
    const [client, ws] = [this.client, this.ws];
    [this.client, this.ws] = [undefined, undefined];
    await client?.disconnect().catch(() => {});
    await ws?.disconnect().catch(() => {});
  }

  // SIGTERM (a clean stop) or SIGKILL (mid-whatever); the output stays for failure reports.
  async stop(signal = 'SIGTERM') {
    await this.disconnect();
    if (!this.proc) return;
    this.log += this.proc.output() + `\n--- ${signal} ---\n`;
    await this.proc.stop(signal);
    this.proc = undefined;
  }
}

// Starts `validators` (dev names) and `fullNodes` (names) from `spec`; all on loopback.
export async function startNetwork({ validators = VALIDATORS, fullNodes = [], spec = localSpec, extra = [] } = {}) {
  await cryptoWaitReady();
  const dir = await mkdtemp(join(tmpdir(), 'mvp-net-'));
  const nodes = [];
  const network = {
    dir,
    nodes,
    keyring: new Keyring({ type: 'sr25519', ss58Format: 42 }),
    node: (name) => nodes.find((n) => n.name === name) ?? (() => { throw new Error(`no node ${name}`); })(),
    // Adds a node (not started) that knows every node so far as a bootnode.
    async add(name, { validator = false, args = [] } = {}) {
      const node = new Node({ name, index: nodes.length, dir: join(dir, name), spec, validator, extra: [...extra, ...args] });
      await node.allocate();
      node.bootnodes = nodes.map((n) => n.multiaddr);
      nodes.push(node);
      return node;
    },
    async stop() {
      await Promise.all(nodes.map((n) => n.stop()));
      await rm(dir, { recursive: true, force: true });
    },
    logs: () => nodes.map((n) => `--- ${n.name} ---\n${n.output().slice(-3000)}`).join('\n'),
  };
  try {
    for (const name of validators) await network.add(name, { validator: true });
    for (const name of fullNodes) await network.add(name);
    const everyone = nodes.map((n) => n.multiaddr);
    await Promise.all(nodes.map((n) => n.start(everyone.filter((a) => a !== n.multiaddr))));
  } catch (error) {
    error.message += `\n${network.logs()}`;
    await network.stop();
    throw error;
  }
  return network;
}

// Longer than any network scenario takes on a loaded 2-core machine.
const SCENARIO_SECONDS = 900;

// Runs `body` on a fresh network and stops every node it started, whatever happens.
export async function withNetwork(options, body) {
  const network = await startNetwork(options);
  try {
    await within(SCENARIO_SECONDS, 'the network scenario', body(network));
  } catch (error) {
    error.message += `\nthe nodes' last output:\n${network.logs()}`;
    throw error;
  } finally {
    await network.stop();
  }
}

const number = (header) => header.number.toNumber();

export async function bestNumber(api) {
  return number(await api.rpc.chain.getHeader());
}

export async function finalizedNumber(api) {
  return number(await api.rpc.chain.getHeader(await api.rpc.chain.getFinalizedHead()));
}

// The number of `node`'s finalized head, by raw RPC (any node, warp-synced ones too).
export async function finalizedHeight(node) {
  const head = await node.rpc('chain_getFinalizedHead');
  return parseInt((await node.rpc('chain_getHeader', [head])).number, 16);
}

// Waits until `node` has finalized block `n` (or beyond).
export async function finalized(node, n, seconds = 180) {
  await until(`${node.name} to finalize #${n}`, async () => (await finalizedHeight(node)) >= n, { seconds, every: 500 });
}

// `node`'s hash of block `n`.
export async function hashOf(node, n) {
  return node.rpc('chain_getBlockHash', [n]);
}

// Sends `amount` from `sender` to `dest` through `api` and resolves once a block includes it
// (finality not awaited: it may stall), with that block and the fee paid (every fee is burned).
export async function transfer(api, sender, dest, amount) {
  return new Promise((resolve, reject) => {
    api.tx.balances.transferKeepAlive(dest, amount).signAndSend(sender, ({ status, dispatchError, events }) => {
      if (dispatchError) reject(new Error(`dispatch error: ${dispatchError}`));
      if (status.isDropped || status.isInvalid || status.isUsurped) reject(new Error(`transfer ${status.type}`));
      if (status.isInBlock || status.isFinalized) {
        const paid = events.find(({ event }) => event.section === 'transactionPayment' && event.method === 'TransactionFeePaid');
        if (!paid) reject(new Error('no TransactionFeePaid event'));
        else resolve({ block: status.isInBlock ? status.asInBlock : status.asFinalized, fee: paid.event.data.actualFee.toBigInt() + paid.event.data.tip.toBigInt() });
      }
    }).catch(reject);
  });
}

// Dispatches `call` with `signer` and resolves with the block that includes it. The effects are
// checked on the chain, not through polkadot.js's decoded events: across an upgrade it may fail
// to decode a block's events ("Unable to decode storage system.events") and hand back none.
export function dispatch(call, signer) {
  return new Promise((resolve, reject) => {
    call.signAndSend(signer, ({ status, dispatchError }) => {
      if (dispatchError) reject(new Error(`dispatch error: ${dispatchError}`));
      if (status.isInvalid || status.isDropped || status.isUsurped) reject(new Error(`${status.type}`));
      if (status.isInBlock) resolve(status.asInBlock);
    }).catch(reject);
  });
}

// The Aura key that authored the block `hash`: its slot's author among the authorities of its
// parent, as a node checks it.
export async function authorOf(api, hash) {
  const header = await api.rpc.chain.getHeader(hash);
  const authorities = await api.query.aura.authorities.at(header.parentHash);
  return authorities[Number(slotOf(header) % BigInt(authorities.length))].toHex();
}

// Resolves with the first value of `observable` (an RxJS one, as polkadot-api's) that `accept`s.
export function first(observable, accept) {
  return new Promise((resolve, reject) => {
    const subscription = observable.subscribe({
      next: (value) => {
        if (accept(value)) {
          resolve(value);
          queueMicrotask(() => subscription.unsubscribe());
        }
      },
      error: reject,
    });
  });
}

// The slot a block was authored in, from its Aura pre-runtime digest (u64, little-endian).
export function slotOf(header) {
  const log = header.digest.logs.find((l) => l.isPreRuntime && l.asPreRuntime[0].toString() === 'aura');
  if (!log) throw new Error(`block #${header.number} has no Aura pre-runtime digest`);
  return log.asPreRuntime[1].toU8a(true).reduce((acc, byte, i) => acc + (BigInt(byte) << (8n * BigInt(i))), 0n);
}

// Every node's finalized hash at the height all have finalized: one value when they agree.
export async function finalizedAgreement(nodes) {
  const common = Math.min(...await Promise.all(nodes.map(finalizedHeight)));
  const hashes = await Promise.all(nodes.map((node) => hashOf(node, common)));
  return { common, hashes: [...new Set(hashes)] };
}
