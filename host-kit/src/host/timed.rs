//! Host functions that time themselves. sc-executor-wasmtime links host functions only through
//! `HostFunctions::register_static`, so `Timed<H>` registers, for each of `H`'s functions, a
//! closure of the same wasm signature that runs the function's dynamic entry point
//! (`Function::execute`, the same code the static one wraps) between two clock reads. On
//! request it also traces every call: the function and, for storage functions, the key.

use sp_wasm_interface::{
	anyhow, wasmtime::Caller, Function, FunctionContext, HostFunctionRegistry, HostFunctions,
	IntoValue, Pointer, TryFromValue, Value, ValueType,
};
use std::{
	cell::RefCell,
	marker::PhantomData,
	panic::{catch_unwind, AssertUnwindSafe},
	time::{Duration, Instant},
};

pub struct Timed<H>(PhantomData<H>);

thread_local! {
	/// Per host function (by its index in `H::host_functions()`): calls and time inside.
	static SPENT: RefCell<Vec<(u64, Duration)>> = const { RefCell::new(Vec::new()) };
	/// Every call in order, while tracing.
	static TRACE: RefCell<Option<Vec<HostCall>>> = const { RefCell::new(None) };
}

/// One host call as the runtime made it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HostCall {
	pub function: &'static str,
	/// The key (or prefix) a storage function was given; `None` for other functions.
	pub key: Option<Vec<u8>>,
}

/// Starts tracing this thread's host calls, dropping any trace not taken.
pub fn trace() {
	TRACE.with(|trace| *trace.borrow_mut() = Some(Vec::new()));
}

/// The calls traced since [`trace`]; tracing stops.
pub fn take_trace() -> Vec<HostCall> {
	TRACE.with(|trace| trace.borrow_mut().take()).unwrap_or_default()
}

/// Appends a call to the trace, if tracing. Storage functions take their key first, as a
/// pointer-size pair (pointer in the low half, length in the high half).
fn note(function: &'static dyn Function, context: &mut dyn FunctionContext, args: &[Value]) {
	TRACE.with(|trace| {
		let mut trace = trace.borrow_mut();
		let Some(trace) = trace.as_mut() else { return };
		let key = match args.first() {
			Some(Value::I64(fat)) if function.name().starts_with("ext_storage_") => {
				let (pointer, len) = (*fat as u64 as u32, (*fat as u64 >> 32) as u32);
				context.read_memory(Pointer::new(pointer), len).ok()
			},
			_ => None,
		};
		trace.push(HostCall { function: function.name(), key });
	});
}

/// Clears the clocks; call before the call to be measured.
pub fn reset() {
	SPENT.with(|spent| spent.borrow_mut().clear());
}

/// Calls and time per host function name since the last `reset`, on this thread.
pub fn spent<H: HostFunctions>() -> Vec<(&'static str, u64, Duration)> {
	let functions = H::host_functions();
	SPENT.with(|spent| {
		spent
			.borrow()
			.iter()
			.enumerate()
			.filter(|(_, (calls, _))| *calls > 0)
			.map(|(index, (calls, time))| (functions[index].name(), *calls, *time))
			.collect()
	})
}

fn record(index: usize, time: Duration) {
	SPENT.with(|spent| {
		let mut spent = spent.borrow_mut();
		if spent.len() <= index {
			spent.resize(index + 1, (0, Duration::ZERO));
		}
		spent[index].0 += 1;
		spent[index].1 += time;
	});
}

/// Runs `function` as the static registration would, timing it.
fn run(
	index: usize,
	function: &'static dyn Function,
	context: &mut dyn FunctionContext,
	args: &[Value],
) -> anyhow::Result<Option<Value>> {
	note(function, context, args);
	let started = Instant::now();
	let result =
		catch_unwind(AssertUnwindSafe(|| function.execute(context, &mut args.iter().copied())));
	record(index, started.elapsed());
	match result {
		Ok(result) => result.map_err(anyhow::Error::msg),
		Err(_) => Err(anyhow::Error::msg(format!("host function {} panicked", function.name()))),
	}
}

/// What a host function's wasm return type is made from.
trait Ret: Sized {
	fn from_value(value: Option<Value>) -> anyhow::Result<Self>;
}

impl Ret for () {
	fn from_value(value: Option<Value>) -> anyhow::Result<Self> {
		match value {
			None => Ok(()),
			Some(other) => Err(anyhow::Error::msg(format!("unexpected return value {other:?}"))),
		}
	}
}

macro_rules! value_ret {
	($($ty:ty),*) => {$(
		impl Ret for $ty {
			fn from_value(value: Option<Value>) -> anyhow::Result<Self> {
				value.and_then(<$ty>::try_from_value).ok_or_else(|| {
					anyhow::Error::msg(format!("expected an {}, got {value:?}", stringify!($ty)))
				})
			}
		}
	)*};
}
value_ret!(i32, i64);

/// Registers `function` under its name with a closure of signature `($ty, ...) -> $ret`.
macro_rules! register {
	($registry:ident, $index:ident, $function:ident, $ret:ty; $($arg:ident: $ty:ident),*) => {
		$registry.register_static(
			$function.name(),
			move |caller: Caller<T::State>, $($arg: $ty),*| -> anyhow::Result<$ret> {
				T::with_function_context(caller, |context| {
					let value = run($index, $function, context, &[$($arg.into_value()),*])?;
					<$ret>::from_value(value)
				})
			},
		)
	};
}

/// Every parameter list sp-io's host functions have (as of sp-io 49), for one return type.
macro_rules! by_params {
	($registry:ident, $index:ident, $function:ident, $params:expr, $ret:ty) => {{
		use ValueType::{I32 as W, I64 as L};
		match $params {
			[] => register!($registry, $index, $function, $ret;),
			[W] => register!($registry, $index, $function, $ret; a: i32),
			[L] => register!($registry, $index, $function, $ret; a: i64),
			[W, W] => register!($registry, $index, $function, $ret; a: i32, b: i32),
			[W, L] => register!($registry, $index, $function, $ret; a: i32, b: i64),
			[L, W] => register!($registry, $index, $function, $ret; a: i64, b: i32),
			[L, L] => register!($registry, $index, $function, $ret; a: i64, b: i64),
			[W, W, W] => register!($registry, $index, $function, $ret; a: i32, b: i32, c: i32),
			[W, W, L] => register!($registry, $index, $function, $ret; a: i32, b: i32, c: i64),
			[W, L, W] => register!($registry, $index, $function, $ret; a: i32, b: i64, c: i32),
			[W, L, L] => register!($registry, $index, $function, $ret; a: i32, b: i64, c: i64),
			[L, L, W] => register!($registry, $index, $function, $ret; a: i64, b: i64, c: i32),
			[L, L, L] => register!($registry, $index, $function, $ret; a: i64, b: i64, c: i64),
			[W, L, L, L] => {
				register!($registry, $index, $function, $ret; a: i32, b: i64, c: i64, d: i64)
			},
			[L, L, L, W] => {
				register!($registry, $index, $function, $ret; a: i64, b: i64, c: i64, d: i32)
			},
			[L, L, L, L] => {
				register!($registry, $index, $function, $ret; a: i64, b: i64, c: i64, d: i64)
			},
			[W, L, L, L, W] => {
				register!($registry, $index, $function, $ret; a: i32, b: i64, c: i64, d: i64, e: i32)
			},
			other => panic!("host function {} has an unsupported signature {other:?}", $function.name()),
		}
	}};
}

impl<H: HostFunctions> HostFunctions for Timed<H> {
	fn host_functions() -> Vec<&'static dyn Function> {
		H::host_functions()
	}

	fn register_static<T>(registry: &mut T) -> Result<(), T::Error>
	where
		T: HostFunctionRegistry,
	{
		for (index, function) in H::host_functions().into_iter().enumerate() {
			let signature = function.signature();
			match signature.return_value {
				None => by_params!(registry, index, function, &signature.args[..], ()),
				Some(ValueType::I32) => {
					by_params!(registry, index, function, &signature.args[..], i32)
				},
				Some(ValueType::I64) => {
					by_params!(registry, index, function, &signature.args[..], i64)
				},
				Some(other) => panic!("host function {} returns {other:?}", function.name()),
			}?;
		}
		Ok(())
	}
}
