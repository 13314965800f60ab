// The load benchmark: floods a network of four validators (tests/network/network.mjs) with
// transfers from many accounts for a while, then prints, per finalized block and in sum, the
// transfers included against the most the block's weight and length limits allow, transfers
// finalized per second, the finality lag and what the pools refused. A benchmark: it reports
// and does not fail on numbers; `scripts/load.sh` runs it.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Keyring } from '@polkadot/keyring';
import { cryptoWaitReady } from '@polkadot/util-crypto';
import { startNetwork, UNIT } from '../tests/network/network.mjs';

const [spec, accountsArg = '200', secondsArg = '120'] = process.argv.slice(2);
const ACCOUNTS = Number(accountsArg);
const SECONDS = Number(secondsArg);
if (!spec) {
  console.error('usage: node scripts/load.mjs <raw spec endowing //load/0..N-1> [accounts] [seconds]');
  process.exit(2);
}

await cryptoWaitReady();
// NODE_ARGS: more flags for every node (`--pool-type single-state`, say).
const net = await startNetwork({ spec, extra: (process.env.NODE_ARGS ?? '').split(' ').filter(Boolean) });
const stop = async (code) => { await net.stop(); process.exit(code); };
process.on('SIGINT', () => stop(130));
try {
  const nodes = net.nodes;
  const api = await nodes[0].api();
  const keyring = new Keyring({ type: 'sr25519', ss58Format: 42 });
  const senders = Array.from({ length: ACCOUNTS }, (_, i) => keyring.addFromUri(`//load/${i}`));
  const dest = keyring.addFromUri('//Ferdie').address;

  // The most transfers a block can hold: the normal class's weight and length limits over one
  // transfer's weight (with the base extrinsic weight) and length.
  const weights = api.consts.system.blockWeights;
  const normal = weights.perClass.normal;
  const probe = api.tx.balances.transferKeepAlive(dest, UNIT);
  const signed = await probe.signAsync(senders[0], { nonce: 0 });
  const info = await probe.paymentInfo(senders[0]);
  const perTx = {
    ref: info.weight.refTime.toBigInt() + normal.baseExtrinsic.refTime.toBigInt(),
    proof: info.weight.proofSize.toBigInt() + normal.baseExtrinsic.proofSize.toBigInt(),
  };
  const maxTotal = normal.maxTotal.unwrap();
  const byWeight = Number(maxTotal.refTime.toBigInt() / perTx.ref);
  const byProof = perTx.proof > 0n ? Number(maxTotal.proofSize.toBigInt() / perTx.proof) : Infinity;
  const byLength = Math.floor(api.consts.system.blockLength.max.normal.toNumber() / signed.encodedLength);
  const maxPerBlock = Math.min(byWeight, byProof, byLength);
  console.log(`a transfer: ${perTx.ref} ps ref time, ${perTx.proof} B proof (with the base extrinsic), ${signed.encodedLength} B`);
  console.log(`most per block: ${maxPerBlock} (by ref time ${byWeight}, by proof size ${byProof}, by length ${byLength})`);

  // Signs ahead, each account's nonces in order. The load is held at about one and a half
  // blocks' worth waiting in the pools: enough to fill every block, far below a pool's limit
  // (8,192), so that nothing accepted is evicted.
  const perSecond = Math.ceil(maxPerBlock / 6);
  const total = perSecond * SECONDS;
  const perAccount = Math.ceil(total / ACCOUNTS);
  const backlog = Math.ceil(1.5 * maxPerBlock);
  console.log(`signing ${total} transfers (${ACCOUNTS} accounts × up to ${perAccount}) ...`);
  const queue = [];
  for (let n = 0; n < perAccount; n += 1) {
    for (const [i, sender] of senders.entries()) {
      if (queue.length === total) break;
      const tx = api.tx.balances.transferKeepAlive(dest, 1n);
      queue.push({ node: nodes[i % nodes.length], hex: (await tx.signAsync(sender, { nonce: n, era: 0 })).toHex() });
    }
  }
  const receivedBefore = (await api.query.system.account(dest)).data.free.toBigInt();
  const finalizedBlocks = [];
  const seenAt = new Map();
  // Transfers in the best chain: what Ferdie has received there (one unit each), read at each
  // new head; a count of each new block's extrinsics would miss blocks that replace others.
  let inBest = 0;
  const unsubBest = await api.rpc.chain.subscribeNewHeads(async (header) => {
    const number = header.number.toNumber();
    if (!seenAt.has(number)) seenAt.set(number, Date.now());
    const received = (await api.query.system.account.at(header.hash, dest)).data.free.toBigInt();
    inBest = Math.max(inBest, Number(received - receivedBefore));
  });
  const unsubFinal = await api.rpc.chain.subscribeFinalizedHeads(async (header) => {
    const number = header.number.toNumber();
    const block = await api.rpc.chain.getBlock(header.hash);
    const included = block.block.extrinsics.length - 1;
    const best = (await api.rpc.chain.getHeader()).number.toNumber();
    finalizedBlocks.push({ number, included, at: Date.now(), lag: best - number, delay: (Date.now() - (seenAt.get(number) ?? Date.now())) / 1000 });
    console.log(`#${number} finalized: ${included} transfers of ${maxPerBlock} (${(100 * included / maxPerBlock).toFixed(1)}%), finalized ${best - number} behind best`);
  });

  console.log(`submitting ${total}, keeping about ${backlog} waiting in the pools ...`);
  const rejections = new Map();
  let accepted = 0;
  let next = 0;
  // In rounds: one transfer of each account (its next nonce), each to every node, the next round
  // once every node has answered for this one, and none while the pools hold the backlog. No
  // node then holds a later nonce of an account without the earlier ones (out of order they
  // wait in a pool's future queue, 819 here, which overflows and drops them), and at most one
  // round (200) is in flight: a node's RPC connection drops a client that floods it. Submitting
  // continuously instead (each account's next transfer as soon as the last was answered) filled
  // some blocks but lost accepted transfers: docs/network.md.
  const progress = setInterval(() => console.log(`  submitted ${next}, accepted ${accepted}, in best blocks ${inBest}`), 10_000);
  while (next < queue.length) {
    if (accepted - inBest >= backlog) {
      await new Promise((r) => setTimeout(r, 50));
      continue;
    }
    const round = queue.slice(next, next + senders.length);
    next += round.length;
    await Promise.all(round.map(async ({ hex }) => {
      const results = await Promise.allSettled(nodes.map((node) => node.rpc('author_submitExtrinsic', [hex])));
      if (results.some((r) => r.status === 'fulfilled')) accepted += 1;
      else {
        const why = String(results[0].reason?.message).split(':').slice(0, 2).join(':');
        rejections.set(why, (rejections.get(why) ?? 0) + 1);
      }
    }));
  }
  clearInterval(progress);
  console.log(`submitted ${queue.length}: ${accepted} accepted by a pool; waiting for them to be finalized ...`);
  const received = async () => (await api.query.system.account(dest)).data.free.toBigInt() - receivedBefore;
  let last = -1n;
  let still = 0;
  while (still < 4) {
    await new Promise((r) => setTimeout(r, 6000));
    const now = await received();
    still = now === last ? still + 1 : 0;
    last = now;
  }
  unsubBest();
  unsubFinal();

  const busy = finalizedBlocks.filter((b) => b.included > 0);
  const included = busy.reduce((s, b) => s + b.included, 0);
  // Saturation: every block after the first with transfers and before the last (the ramp-up
  // and the tail are not), empty ones included: the pools held a backlog all along.
  const [firstBusy, lastBusy] = [busy[0]?.number ?? 0, busy.at(-1)?.number ?? 0];
  const full = finalizedBlocks.filter((b) => b.number > firstBusy && b.number < lastBusy);
  const saturation = full.length ? full.reduce((s, b) => s + b.included, 0) / (full.length * maxPerBlock) : 0;
  const empty = full.filter((b) => b.included === 0).length;
  const span = busy.length > 1 ? (busy.at(-1).at - busy[0].at) / 1000 : 0;
  const sorted = (xs) => [...xs].sort((a, b) => a - b);
  const median = (xs) => sorted(xs)[Math.floor(xs.length / 2)];
  const restarted = nodes.filter((n) => !n.running()).map((n) => n.name);
  const proposals = await proposalsOf(nodes, firstBusy, lastBusy);
  console.log(`
summary
  submitted            ${queue.length} (accepted ${accepted}; refused ${[...rejections].map(([k, v]) => `${v} × ${k}`).join(', ') || 'none'})
  finalized            ${included} transfers in ${busy.length} blocks (${(100 * included / Math.max(accepted, 1)).toFixed(1)}% of those accepted)
  at saturation        ${(100 * saturation).toFixed(1)}% of the ${maxPerBlock} a block can hold (${full.length} blocks, ${empty} of them without a transfer)
  throughput           ${span ? (included / span).toFixed(1) : '-'} transfers finalized a second
  finality lag         median ${median(finalizedBlocks.map((b) => b.lag))} blocks behind best; a block's arrival to its finality: median ${median(finalizedBlocks.map((b) => b.delay)).toFixed(1)} s
  nodes down           ${restarted.length ? restarted.join(', ') : 'none'}
  lost                 ${accepted - Number(last)} accepted transfers never finalized (Ferdie received ${last}, one unit each)
  authors' proposals   ${proposals}`);
  await stop(0);
} catch (error) {
  console.error(error);
  console.error(net.logs());
  await stop(1);
}

// Why the authors stopped filling their blocks: sc-basic-authorship logs each proposal with the
// reason it ended (the deadline, the weight or size limit, an empty pool) and the time it took.
// Proposals of the blocks from the first with transfers to the last, forks included.
async function proposalsOf(nodes, first, last) {
  const line = /Prepared block for proposing at (\d+) \((\d+) ms\).*; end: (\w+); extrinsics_count: (\d+)/;
  const byNode = [];
  for (const node of nodes) {
    const log = await readFile(join(node.dir, 'node.log'), 'utf8').catch(() => '');
    const byReason = new Map();
    for (const match of log.matchAll(new RegExp(line, 'g'))) {
      const [, number, ms, reason, count] = match;
      if (Number(number) < first || Number(number) > last) continue;
      const r = byReason.get(reason) ?? { blocks: 0, ms: 0, extrinsics: 0 };
      byReason.set(reason, { blocks: r.blocks + 1, ms: r.ms + Number(ms), extrinsics: r.extrinsics + Number(count) });
    }
    const reasons = [...byReason].map(([reason, r]) =>
      `${r.blocks} ${reason} (mean ${Math.round(r.extrinsics / r.blocks)} extrinsics, ${Math.round(r.ms / r.blocks)} ms)`);
    byNode.push(`\n    ${node.name}: ${reasons.join(', ') || 'none'}`);
  }
  return byNode.join('');
}
