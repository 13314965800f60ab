//! Transactions for our runtime, signed with its own `TxExtension` type: the one place that
//! spells out the extension tuple, so a changed extension list fails to compile here and
//! nowhere else.

use codec::{Decode, Encode};
use mvp_chain_runtime::{
	AccountId, Address, Balance, Nonce, RuntimeCall, SignedPayload, TxExtension, UncheckedExtrinsic,
};
use sp_core::{sr25519, Pair, H256};
use sp_runtime::{generic::Era, traits::TransactionExtension, MultiSignature};

/// What a signer commits to besides the call.
#[derive(Clone, Debug)]
pub struct TxParams {
	pub nonce: Nonce,
	pub tip: Balance,
	pub genesis: H256,
	pub spec_version: u32,
	pub transaction_version: u32,
	/// A mortal era and the hash of its birth block; immortal (born at genesis) if `None`.
	pub mortality: Option<(Era, H256)>,
	/// `CheckMetadataHash`'s mode 1 with this RFC-78 digest; mode 0 (no hash) if `None`.
	pub metadata_hash: Option<[u8; 32]>,
}

pub type Implicit = <TxExtension as TransactionExtension<RuntimeCall>>::Implicit;

impl TxParams {
	/// The extensions a signer attaches, and what it commits to besides them.
	pub fn extension(&self) -> (TxExtension, Implicit) {
		let (era, checkpoint) = self.mortality.unwrap_or((Era::Immortal, self.genesis));
		let checks = (
			frame_system::CheckNonZeroSender::new(),
			frame_system::CheckSpecVersion::new(),
			frame_system::CheckTxVersion::new(),
			frame_system::CheckGenesis::new(),
			frame_system::CheckEra::from(era),
			pallet_nonce_clock::CheckNonce::from(self.nonce),
			frame_system::CheckWeight::new(),
			pallet_transaction_payment::ChargeTransactionPayment::from(self.tip),
			frame_metadata_hash_extension::CheckMetadataHash::new(self.metadata_hash.is_some()),
		);
		let extension: TxExtension = (checks, frame_system::WeightReclaim::new());
		let implicit = (
			(
				(),
				self.spec_version,
				self.transaction_version,
				self.genesis,
				checkpoint,
				(),
				(),
				(),
				self.metadata_hash,
			),
			(),
		);
		(extension, implicit)
	}
}

/// `call` signed by `signer` for account `who` (normally the signer's own account).
pub fn sign_as(
	signer: &sr25519::Pair,
	who: AccountId,
	call: RuntimeCall,
	p: &TxParams,
) -> UncheckedExtrinsic {
	let (extension, implicit) = p.extension();
	let payload = SignedPayload::from_raw(call.clone(), extension.clone(), implicit);
	let signature = payload.using_encoded(|bytes| signer.sign(bytes));
	UncheckedExtrinsic::new_signed(
		call,
		Address::Id(who),
		MultiSignature::Sr25519(signature),
		extension,
	)
}

/// An extrinsic's bytes without their length prefix: the body of an opaque extrinsic.
pub fn body(xt: &UncheckedExtrinsic) -> Vec<u8> {
	Vec::<u8>::decode(&mut &xt.encode()[..]).expect("an extrinsic encodes as a byte vector")
}
