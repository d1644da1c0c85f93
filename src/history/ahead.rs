//! Hashing ahead of the judge: the tree walk usually ends well before the
//! judge has read the blobs of every commit it sent, and its thread would
//! sit idle on a core while the judge works through the rest. So, once its
//! walk is over, that thread hashes the new side of each changed file,
//! starting from the oldest commit and working back towards the judge,
//! and hands the texts over; the judge takes them instead of reading those
//! blobs itself. The two meet in the middle and the hasher stops there (or
//! as soon as the judge stops reading). The texts are the same whoever
//! computes them, so the result does not depend on who got there first.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc::{self, Receiver, Sender};

use git2::Oid;

use super::texts::object_hashes;

/// `(id, hash of normalized text)` of every object in one blob.
pub(super) type Texts = Arc<Vec<(String, u64)>>;

/// A blob's objects, hashed (the file's path tells its format).
pub(super) fn hashed(path: &str, bytes: &[u8]) -> Texts {
    // Valid UTF-8 (nearly always) is checked word by word, not decoded.
    let hashes = match std::str::from_utf8(bytes) {
        Ok(text) => object_hashes(path, text),
        Err(_) => object_hashes(path, &String::from_utf8_lossy(bytes)),
    };
    Arc::new(hashes)
}

/// The hasher's side: where it sends texts, and how far the judge is.
pub(super) struct Hasher {
    sent: Sender<(Oid, Texts)>,
    taken: Arc<AtomicUsize>,
}

/// The judge's side: the texts hashed for it, and its progress to report.
pub(super) struct Taker {
    found: Receiver<(Oid, Texts)>,
    taken: Arc<AtomicUsize>,
}

/// A connected hasher and taker.
pub(super) fn pair() -> (Hasher, Taker) {
    let (sent, found) = mpsc::channel();
    let taken = Arc::new(AtomicUsize::new(0));
    let hasher = Hasher {
        sent,
        taken: taken.clone(),
    };
    (hasher, Taker { found, taken })
}

impl Hasher {
    /// Whether the judge has taken the step at `index` (counted from the
    /// walk's first), or any after it: then hashing it is of no use.
    pub fn passed(&self, index: usize) -> bool {
        self.taken.load(Ordering::Relaxed) > index
    }

    /// Hands one blob's texts over; false once the judge is gone.
    pub fn send(&self, blob: Oid, texts: Texts) -> bool {
        self.sent.send((blob, texts)).is_ok()
    }
}

impl Taker {
    /// Notes that the judge has taken one more step of the walk.
    pub fn took(&self) {
        self.taken.fetch_add(1, Ordering::Relaxed);
    }

    /// The texts hashed since last asked.
    pub fn drain(&self) -> impl Iterator<Item = (Oid, Texts)> + '_ {
        self.found.try_iter()
    }
}
