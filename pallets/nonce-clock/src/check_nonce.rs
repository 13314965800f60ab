//! frame-system's `CheckNonce`, refusing the one nonce it would wrap around.

use codec::{Decode, DecodeWithMemTracking, Encode};
use frame_support::{dispatch::DispatchInfo, pallet_prelude::TransactionSource};
use sp_runtime::{
	traits::{
		AsSystemOriginSigner, Bounded, DispatchInfoOf, Dispatchable, Implication,
		PostDispatchInfoOf, TransactionExtension, ValidateResult,
	},
	transaction_validity::{InvalidTransaction, TransactionValidityError},
	DispatchResult, Weight,
};

/// `InvalidTransaction::Custom` code of a transaction signed with the last nonce there is.
pub const NONCE_EXHAUSTED: u8 = 0xfe;

/// frame-system's `CheckNonce` with one more refusal: a transaction signed with
/// `Nonce::max_value()`, whose use frame-system would turn into nonce 0 and so let every
/// earlier transaction of the account verify again. Its identifier, encoding and metadata
/// are frame-system's, so wallets sign for it as they do for any chain.
#[derive(Encode, Decode, DecodeWithMemTracking, Clone, Eq, PartialEq)]
pub struct CheckNonce<T: frame_system::Config>(pub frame_system::CheckNonce<T>);

impl<T: frame_system::Config> CheckNonce<T> {
	pub fn from(nonce: T::Nonce) -> Self {
		Self(frame_system::CheckNonce::from(nonce))
	}
}

impl<T: frame_system::Config> core::fmt::Debug for CheckNonce<T> {
	fn fmt(&self, f: &mut core::fmt::Formatter) -> core::fmt::Result {
		core::fmt::Debug::fmt(&self.0, f)
	}
}

/// The metadata shows frame-system's type, not a wrapper around it.
impl<T: frame_system::Config> scale_info::TypeInfo for CheckNonce<T> {
	type Identity = frame_system::CheckNonce<T>;

	fn type_info() -> scale_info::Type {
		<frame_system::CheckNonce<T> as scale_info::TypeInfo>::type_info()
	}
}

impl<T: frame_system::Config> TransactionExtension<T::RuntimeCall> for CheckNonce<T>
where
	T::RuntimeCall: Dispatchable<Info = DispatchInfo>,
	<T::RuntimeCall as Dispatchable>::RuntimeOrigin: AsSystemOriginSigner<T::AccountId> + Clone,
{
	const IDENTIFIER: &'static str =
		<frame_system::CheckNonce<T> as TransactionExtension<T::RuntimeCall>>::IDENTIFIER;
	type Implicit = ();
	type Val = <frame_system::CheckNonce<T> as TransactionExtension<T::RuntimeCall>>::Val;
	type Pre = <frame_system::CheckNonce<T> as TransactionExtension<T::RuntimeCall>>::Pre;

	fn weight(&self, call: &T::RuntimeCall) -> Weight {
		self.0.weight(call)
	}

	fn validate(
		&self,
		origin: <T as frame_system::Config>::RuntimeOrigin,
		call: &T::RuntimeCall,
		info: &DispatchInfoOf<T::RuntimeCall>,
		len: usize,
		implicit: Self::Implicit,
		inherited_implication: &impl Implication,
		source: TransactionSource,
	) -> ValidateResult<Self::Val, T::RuntimeCall> {
		// Only a signed origin's nonce is ever used; the others pass to frame-system, which
		// lets them through.
		if self.0 .0 == T::Nonce::max_value() && origin.as_system_origin_signer().is_some() {
			return Err(InvalidTransaction::Custom(NONCE_EXHAUSTED).into());
		}
		self.0.validate(origin, call, info, len, implicit, inherited_implication, source)
	}

	fn prepare(
		self,
		val: Self::Val,
		origin: &T::RuntimeOrigin,
		call: &T::RuntimeCall,
		info: &DispatchInfoOf<T::RuntimeCall>,
		len: usize,
	) -> Result<Self::Pre, TransactionValidityError> {
		self.0.prepare(val, origin, call, info, len)
	}

	fn post_dispatch_details(
		pre: Self::Pre,
		info: &DispatchInfoOf<T::RuntimeCall>,
		post_info: &PostDispatchInfoOf<T::RuntimeCall>,
		len: usize,
		result: &DispatchResult,
	) -> Result<Weight, TransactionValidityError> {
		frame_system::CheckNonce::<T>::post_dispatch_details(pre, info, post_info, len, result)
	}
}
