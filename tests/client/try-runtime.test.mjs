// chopsticks' `try-runtime` command, as a chain builder runs it before enacting an upgrade: it
// forks the running chain at its head, puts the try-runtime build of the runtime in (a fixture
// of this source, so the spec check is off) and runs every migration with its pre/post checks,
// then every pallet's `try_state`. On the chain as it is the clock's migrations have run already
// (genesis writes storage version 2); over the state as versions 1 and 0 left it (the count of
// every extrinsic and `u64` nonces, put in with chopsticks' `--import-storage`, raw keys) they
// migrate, and the upgrade is refused where it would lose the clock or misread an account.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { hexToU8a, u8aToHex } from '@polkadot/util';
import { xxhashAsU8a } from '@polkadot/util-crypto';
import { test } from 'node:test';
import { fixturePath, UNIT, withChain } from './chain.mjs';
import { omniNode } from './hosts/omni-node.mjs';

const root = new URL('../..', import.meta.url).pathname;
const key = (pallet, item) => u8aToHex(new Uint8Array([...xxhashAsU8a(pallet, 128), ...xxhashAsU8a(item, 128)]));
const TICKS = key('NonceClock', 'Ticks');
const VERSION = key('NonceClock', ':__STORAGE_VERSION__:');

// chopsticks try-runtime against `url`, with raw `storage` pairs imported over its fork. Its
// report (`--output-path`: the call's answer and the runtime's log) is read from its file: its
// printed log may be cut short when it exits. A refusal is only printed.
function tryRuntime(url, storage) {
  const dir = mkdtempSync(join(tmpdir(), 'try-runtime-'));
  const report = join(dir, 'report.json');
  const args = ['chopsticks', 'try-runtime', '--endpoint', url, '--runtime', fixturePath('try_runtime'),
    '--checks', 'All', '--disable-spec-check', '--runtime-log-level', '3', '--output-path', report];
  if (storage) {
    writeFileSync(join(dir, 'storage.json'), JSON.stringify(storage));
    args.push('--import-storage', join(dir, 'storage.json'));
  }
  const run = spawnSync('npx', args, { cwd: root, encoding: 'utf8', timeout: 120_000 });
  const output = `${run.stdout}\n${run.stderr}`;
  return { status: run.status, output, report: existsSync(report) ? JSON.parse(readFileSync(report, 'utf8')) : null };
}

// The runtime's log lines in `report`, and the weight it consumed, checked to fit a block.
function read(api, { status, output, report }) {
  assert.equal(status, 0, output);
  assert.ok(report, `no report:\n${output}`);
  const [used, max] = api.createType('(SpWeightsWeightV2Weight, SpWeightsWeightV2Weight)', report.result);
  const [usedTime, maxTime] = [used.refTime.toBigInt(), max.refTime.toBigInt()];
  assert.ok(usedTime > 0n && usedTime <= maxTime, `${usedTime} of ${maxTime}`);
  return { log: report.runtimeLogs.map((l) => l.message).join('\n'), used: usedTime };
}

// Against the real node only: chopsticks forking a chopsticks endpoint panics in its own executor
// (smoldot's storage_diff.rs: "assertion failed: in_parent_next_key > key"), whatever the runtime.
// Every account's record as versions 0 and 1 kept it: the `u32` nonce at its front widened to
// a `u64`.
async function accountsAsVersion1(api) {
  const prefix = key('System', 'Account');
  const keys = await api.rpc.state.getKeysPaged(prefix, 1000);
  assert.ok(keys.length >= 3, `the dev accounts: ${keys.length}`);
  return Promise.all(keys.map(async (k) => {
    const record = hexToU8a((await api.rpc.state.getStorage(k)).toHex());
    return [k.toHex(), u8aToHex(new Uint8Array([...record.slice(0, 4), 0, 0, 0, 0, ...record.slice(4)]))];
  }));
}

// Version 1's clock: 1234 extrinsics counted up to block 1 (a u64 and a u32).
const CLOCK_V1 = '0xd20400000000000001000000';

test('omni-node: chopsticks try-runtime runs the migrations and every try_state on the chain', { skip: omniNode.skip }, () => withChain(omniNode, async (chain) => {
  const { api, keyring } = chain;
  await api.tx.balances.transferKeepAlive(keyring.addFromUri('//Bob').address, UNIT).signAndSend(keyring.addFromUri('//Alice'));
  await chain.newBlock();
  assert.equal((await api.rpc.state.getStorage(VERSION)).toHex(), '0x0200', 'genesis is at version 2');
  assert.ok((await api.rpc.state.getStorage(TICKS)).isEmpty, 'no count of extrinsics');

  const asItIs = read(api, tryRuntime(chain.url));
  assert.match(asItIs.log, /Entire runtime state decodes without error/);
  for (const pallet of ['System', 'Balances', 'NonceClock']) {
    assert.match(asItIs.log, new RegExp(`Running "${pallet}" try-state checks`));
  }
  assert.match(asItIs.log, /"NonceClock" VersionedMigration migration 1->2 can be removed/);

  // The state as version 1 left it: the count and every account with a `u64` nonce.
  const accounts = await accountsAsVersion1(api);
  const v1 = read(api, tryRuntime(chain.url, [...accounts, [TICKS, CLOCK_V1], [VERSION, '0x0100']]));
  assert.match(v1.log, /"NonceClock" VersionedMigration migrating storage version from 1 to 2/);
  assert.match(v1.log, /Entire runtime state decodes without error/);
  assert.ok(v1.used > asItIs.used, 'the migration is charged');

  // Version 0: the count alone; both migrations run.
  const v0 = read(api, tryRuntime(chain.url, [...accounts, [TICKS, CLOCK_V1.slice(0, 18)], [VERSION, '0x0000']]));
  assert.match(v0.log, /"NonceClock" VersionedMigration migrating storage version from 0 to 1/);
  assert.match(v0.log, /"NonceClock" VersionedMigration migrating storage version from 1 to 2/);

  // Version 1's clock under a version that says 0: migrating would lose it.
  const lying = tryRuntime(chain.url, [...accounts, [TICKS, CLOCK_V1], [VERSION, '0x0000']]);
  assert.notEqual(lying.status, 0, lying.output);
  assert.match(lying.output, /migrating would lose it/);

  // Accounts already in the new layout under a version that says 1: migrating would misread them.
  const misread = tryRuntime(chain.url, [[TICKS, CLOCK_V1], [VERSION, '0x0100']]);
  assert.notEqual(misread.status, 0, misread.output);
  assert.match(misread.output, /an account's record is not version 1's/);
}));
