// Reads `cargo … --message-format=json` on stdin and prints where cargo put the executable of
// each binary target named in argv, one path a line in their order (a path differs under
// --release or another target directory).
import { createInterface } from 'node:readline';

const names = process.argv.slice(2);
const found = new Map();
for await (const line of createInterface({ input: process.stdin })) {
  if (!line.startsWith('{')) continue;
  const message = JSON.parse(line);
  // The binary itself, not its unit-test harness (also a `bin` target, built with profile.test).
  if (message.reason === 'compiler-artifact' && message.executable && !message.profile.test
    && names.includes(message.target.name) && message.target.kind.includes('bin')) found.set(message.target.name, message.executable);
}
const missing = names.filter((name) => !found.has(name));
if (missing.length > 0) {
  console.error(`cargo built no binary named ${missing.join(', ')}`);
  process.exit(1);
}
for (const name of names) console.log(found.get(name));
