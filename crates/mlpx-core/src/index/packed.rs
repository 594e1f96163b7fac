//! Lists of numbers kept as little-endian bytes. A prepared index (see `build.rs`) reads such a
//! list back as one copy, where a list of numbers would be decoded one number at a time; for
//! the text index's postings that was most of what `mlpx search` spent on reading its index.

use std::ops::Range;

use serde::{Deserialize, Serialize};

#[derive(Default, Serialize, Deserialize)]
pub(crate) struct Packed(#[serde(with = "serde_bytes")] Vec<u8>);

impl Packed {
    pub fn push(&mut self, value: u32) {
        self.0.extend_from_slice(&value.to_le_bytes());
    }

    pub fn get(&self, index: usize) -> u32 {
        let bytes = &self.0[4 * index..4 * index + 4];
        u32::from_le_bytes(bytes.try_into().expect("four bytes"))
    }

    pub fn len(&self) -> usize {
        self.0.len() / 4
    }

    pub fn iter(&self) -> impl Iterator<Item = u32> + '_ {
        self.0.chunks_exact(4).map(|bytes| u32::from_le_bytes(bytes.try_into().expect("four bytes")))
    }

    /// For a list of where consecutive runs end: where run `index` starts and ends.
    pub fn span(&self, index: usize) -> Range<usize> {
        let start = if index == 0 { 0 } else { self.get(index - 1) as usize };
        start..self.get(index) as usize
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_and_runs_read_back() {
        let mut ends = Packed::default();
        for end in [2, 2, 7, u32::MAX] {
            ends.push(end);
        }
        let bytes = postcard::to_stdvec(&ends).unwrap();
        let ends: Packed = postcard::from_bytes(&bytes).unwrap();
        assert_eq!(ends.len(), 4);
        assert_eq!(ends.iter().collect::<Vec<_>>(), [2, 2, 7, u32::MAX]);
        assert_eq!((ends.span(0), ends.span(1), ends.span(2)), (0..2, 2..2, 2..7));
    }
}
