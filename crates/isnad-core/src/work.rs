//! A counter of the work the stages do, for tests that hold each stage linear in its input.
//!
//! Time is no measure on a shared machine, and hardware counters are often unavailable in
//! virtual machines, so the stages count steps themselves: each call of [`tick`] in a loop that
//! visits tokens, characters or candidates is one step. A test reads [`count`] before and after
//! a stage and compares documents of one, two and four times a size (see
//! `crates/isnad-runner/tests/scaling.rs`); `docs/performance.md` has the figures, and
//! instruction counts from cachegrind that agree with them.
//!
//! Without the feature `work-counter` (the default, and every build of the `isnad` binary)
//! [`tick`] compiles to nothing and [`count`] is always 0.

#[cfg(feature = "work-counter")]
thread_local! {
    static COUNT: std::cell::Cell<u64> = const { std::cell::Cell::new(0) };
}

/// True when the counter is compiled in.
pub const ENABLED: bool = cfg!(feature = "work-counter");

/// One step of work on this thread.
#[inline(always)]
pub fn tick() {
    #[cfg(feature = "work-counter")]
    COUNT.with(|c| c.set(c.get() + 1));
}

/// The steps counted on this thread so far.
pub fn count() -> u64 {
    #[cfg(feature = "work-counter")]
    return COUNT.with(|c| c.get());
    #[cfg(not(feature = "work-counter"))]
    0
}
