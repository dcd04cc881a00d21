use std::sync::Mutex;

pub struct Wrapper<T>(*mut T);
// SAFETY: `Wrapper` owns the pointee exclusively, so sending it sends a `T`.
unsafe impl<T: Send> Send for Wrapper<T> {}

pub struct Shared<T>(*const T);
// SAFETY: only `&T` is handed out.
unsafe impl<T> Sync for Shared<T> where T: Sync {}

pub struct Lock<T>(Mutex<T>, *mut u8);
/// # Safety
/// The pointer is only touched while the mutex is held.
unsafe impl<T: Send> Sync for Lock<T> {}

// Not Send/Sync: other unsafe traits are someone else's concern.
pub unsafe trait Zeroable {}
unsafe impl Zeroable for u32 {}

// `PhantomData`-free wrapper whose parameter does not appear in the type.
pub struct Erased(*mut ());
// SAFETY: the erased value is always `Send` (checked in `Erased::new`).
unsafe impl Send for Erased {}

// `T` is only a marker: no `T` is ever stored.
pub struct Empty<T>(std::marker::PhantomData<T>);
// SAFETY: `Empty` holds no `T`.
unsafe impl<T> Send for Empty<T> {}
// SAFETY: as above.
unsafe impl<T> Sync for Empty<T> {}

pub struct Lazy<T>(std::cell::UnsafeCell<Option<T>>);
pub struct OnceCell<T>(std::cell::UnsafeCell<Option<T>>);
// SAFETY: as thread-safe as the cell that holds the value.
unsafe impl<T> Sync for Lazy<T> where OnceCell<T>: Sync {}

// A prose argument, as `undocumented-unsafe` accepts it, is a justification.
pub struct Channel(*mut u8);
// The channel is safe to share because every access goes through its mutex.
unsafe impl Sync for Channel {}
