use std::cell::Cell;

pub struct Wrapper<T>(*mut T);
unsafe impl<T> Send for Wrapper<T> {} //~ unsafe-send-sync[medium]
unsafe impl<T: ?Sized> Sync for Wrapper<T> {} //~ unsafe-send-sync[medium]

// Sending an `Owned<Rc<_>>` sends the `Rc`.
pub struct Owned<T>(Option<T>);
unsafe impl<T> Send for Owned<T> {} //~ unsafe-send-sync[high]

pub struct Pair<A, B>(A, B);
unsafe impl<A: Send, B> Send for Pair<A, B> {} //~ unsafe-send-sync[high]

// Declared elsewhere: what it stores cannot be seen.
unsafe impl<T> Send for other::Elsewhere<T> {} //~ unsafe-send-sync[medium]

pub struct Counter(Cell<u32>);
unsafe impl Sync for Counter {} //~ unsafe-send-sync[medium]

pub struct Raw(*const u8);
// Raw pointers are not Send by default.
unsafe impl Send for Raw {} //~ unsafe-send-sync[medium]

// A SAFETY comment does not bound `T`: still reported.
pub struct Slot<T>(Cell<Option<T>>);
// SAFETY: we only ever access it from one thread (argued, so ranked lower).
unsafe impl<T> Sync for Slot<T> {} //~ unsafe-send-sync[medium]

// A private type: its crate's API decides what reaches other threads.
struct RawIter<T>(*const T);
unsafe impl<T> Send for RawIter<T> {} //~ unsafe-send-sync[medium]

// `R` is a marker, `T` is stored.
pub struct Spin<T, R> {
    value: std::cell::UnsafeCell<T>,
    relax: std::marker::PhantomData<R>,
}
unsafe impl<T, R> Send for Spin<T, R> {} //~ unsafe-send-sync[high]

// A comment that is not an argument is not a justification.
pub struct Handle(*mut u8);
// Needed by the worker pool.
unsafe impl Sync for Handle {} //~ unsafe-send-sync
