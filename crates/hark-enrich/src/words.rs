//! Eight bytes at a time: the word-wide loads and lane constant that the tokenizer's letter-run test, the facts
//! cache's short keys and the PII prefilter's digit count share.

/// One byte in each of a `u64`'s eight lanes.
pub(crate) const LANES: u64 = 0x0101_0101_0101_0101;

/// The first eight bytes of `b` as a little-endian number, zeros past its end. Shorter slices are read byte by
/// byte with shifts rather than copied into a padded buffer: a copy of a few bytes is a call, and the facts cache
/// reads every token's key this way.
#[inline(always)]
pub(crate) fn first_eight(b: &[u8]) -> u64 {
    match b.first_chunk::<8>() {
        Some(chunk) => u64::from_le_bytes(*chunk),
        None => b.iter().rev().fold(0, |n, byte| n << 8 | u64::from(*byte)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_first_eight_bytes_zero_padded() {
        assert_eq!(first_eight(b""), 0);
        assert_eq!(first_eight(b"a"), 0x61);
        assert_eq!(first_eight(b"ab"), 0x6261);
        assert_eq!(first_eight(b"abcdefghij"), u64::from_le_bytes(*b"abcdefgh"));
        let mut padded = [0u8; 8];
        padded[..5].copy_from_slice(b"hello");
        assert_eq!(first_eight(b"hello"), u64::from_le_bytes(padded));
    }
}
