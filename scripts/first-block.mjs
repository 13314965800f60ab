// chopsticks (1.5.1) builds block #1 of a chain started from a genesis spec as it starts, before
// a client can reach it. Our genesis has no timestamp, so for that block chopsticks reads the
// clock twice, for the Aura slot in the header and for the timestamp inherent, and when a slot
// boundary falls between the two reads the runtime refuses the block ("Timestamp slot must
// match CurrentSlot"). The chain then stays at genesis, where polkadot.js signs against a
// genesis hash the runtime does not know (`badProof`) and polkadot-api cannot work out the
// block hasher ("Unsupported hasher"). This puts a timestamp in the state and, if block #1 is
// missing, builds it from that one clock reading.
export async function ensureFirstBlock(provider) {
  await provider.send('dev_timeTravel', [Date.now()]);
  const head = await provider.send('chain_getHeader', []);
  if (parseInt(head.number, 16) === 0) await provider.send('dev_newBlock', [{ count: 1 }]);
}
