// Polling, shared by the dev chain (scripts/dev-node.mjs) and the tests: nodes and
// clients give no event for "the port is open" or "the pool holds it", so both are asked again
// until they say yes or a deadline passes.
import { connect } from 'node:net';

// Whether something accepts connections on 127.0.0.1:`port` now.
export function accepts(port) {
  return new Promise((resolve) => {
    const socket = connect(Number(port), '127.0.0.1', () => { socket.end(); resolve(true); });
    socket.on('error', () => resolve(false));
  });
}

// Resolves once `check()` (sync or async) is true; fails naming `what` once `seconds` pass.
// `check` may throw to give up early (a host process that exited).
export async function until(what, check, { seconds = 60, every = 100 } = {}) {
  const deadline = Date.now() + seconds * 1000;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${seconds} s waiting for ${what}`);
    await new Promise((r) => setTimeout(r, every));
  }
}

// Settles as `promise` does, or fails once `seconds` pass, naming `what`. A hung body still holds
// its clients' connections, which would keep the test process alive once its tests are done: the
// process ends 10 s after such a failure, once it is reported.
export async function within(seconds, what, promise) {
  let timer;
  const timedOut = new Promise((_, reject) => {
    timer = setTimeout(() => {
      setTimeout(() => process.exit(1), 10_000).unref();
      reject(new Error(`${what} did not finish within ${seconds} s`));
    }, seconds * 1000);
  });
  try {
    return await Promise.race([promise, timedOut]);
  } finally {
    clearTimeout(timer);
  }
}
