// Reads `cargo … --message-format=json` on stdin and prints where cargo put the executable of
// the binary target named in argv (the tool's path differs under --release or another target
// directory).
import { createInterface } from 'node:readline';

const [name] = process.argv.slice(2);
let found;
for await (const line of createInterface({ input: process.stdin })) {
  if (!line.startsWith('{')) continue;
  const message = JSON.parse(line);
  // The binary itself, not its unit-test harness (also a `bin` target, built with profile.test).
  if (message.reason === 'compiler-artifact' && message.executable && !message.profile.test
    && message.target.name === name && message.target.kind.includes('bin')) found = message.executable;
}
if (!found) {
  console.error(`cargo built no binary named ${name}`);
  process.exit(1);
}
console.log(found);
