//! One thread's cache of token facts: keyed by the token's text, made on first sight, kept in first-seen order.

use std::collections::HashMap;

use super::{Facts, Sources};
use crate::tokenize::{Kind, Token};
use crate::words::first_eight;

/// Distinct tokens each thread remembers before it starts over.
const CACHED: usize = 50_000;

/// A randomly keyed hash (ahash): the keys are words from the posts, so crafted collisions must not be able to slow
/// the cache down. std's SipHash would do too, at twice the cost per lookup.
type Hasher = ahash::RandomState;

/// One thread's facts, by token text: words, elongated words, hashtags, elongated hashtags, emoji and emoticons
/// apart, since the same normal form means different things in each. Texts of up to 15 bytes (nearly all tokens)
/// are keyed by their bytes packed into two words, so a lookup compares in registers instead of following a pointer
/// to a heap string; the facts live in an arena in first-seen order, frequent tokens first.
pub struct Cache {
    facts: Vec<Facts>,
    /// The facts' stems, one after another in first-seen order: the stems of frequent words share a few cache lines
    /// instead of a heap allocation each.
    stems: String,
    /// A direct-mapped front for the short keys: recent distinct tokens in a table small enough for a core's near
    /// caches, where the map's entries spread over a megabyte (in a cache simulation of the enrich bench's texts it
    /// cut L1 data misses by a tenth). A crafted collision costs only a fall-through to the randomly keyed map.
    front: Box<[(Short, u32)]>,
    short: HashMap<Short, u32, Hasher>,
    /// The ids of the last text's tokens: scratch kept between texts.
    ids: Vec<u32>,
    long: [HashMap<Box<str>, u32, Hasher>; 5],
}

impl Default for Cache {
    fn default() -> Cache {
        Cache {
            facts: Vec::new(),
            stems: String::new(),
            front: vec![([0, 0], Cache::NO_FACTS); FRONT].into_boxed_slice(),
            ids: Vec::new(),
            short: HashMap::default(),
            long: Default::default(),
        }
    }
}

/// Slots of [`Cache::front`]: 24 bytes each, 96 KiB.
const FRONT: usize = 4096;

/// A short key as two words, so that map entries take 24 bytes instead of a `u128`'s aligned 32.
type Short = [u64; 2];

/// The front slot of a short key: a multiplicative hash of both words.
fn front_slot(k: Short) -> usize {
    let h = (k[0] ^ k[1].rotate_left(29)).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    (h >> (64 - FRONT.trailing_zeros())) as usize
}

/// A short key: the bytes, then the length and the slot in the last byte (so "ab" and "ab\0" differ).
fn short_key(slot: u8, key: &str) -> Option<Short> {
    let bytes = key.as_bytes();
    if bytes.len() > 15 {
        return None;
    }
    let (low, high) = bytes.split_at(bytes.len().min(8));
    let tag = u64::from((slot << 4) | bytes.len() as u8) << 56;
    Some([first_eight(low), first_eight(high) | tag])
}

/// A token's key in the cache.
#[derive(Clone, Copy)]
enum Key<'t> {
    None,
    Short(Short),
    Long(usize, &'t str),
}

/// The key of a token with facts: what its facts are made from. An elongated word's base word is read from its
/// letter runs as written ([`base_word`](crate::stem::base_word): "Aaahh" is "ahh", "AAAHHHH" "ah"), which its
/// normal form ("aahh") has cut to two, so it is keyed by its text.
fn key<'t>(t: &'t Token<'_>) -> Key<'t> {
    let written = |t: &'t Token<'_>| if t.elongated { t.text } else { &*t.norm };
    let (slot, text) = match t.kind {
        Kind::Word => (u8::from(t.elongated), written(t)),
        Kind::Hashtag => (2 + u8::from(t.elongated), written(t)),
        Kind::Emoji => (4, t.text),
        Kind::Emoticon => (4, &*t.norm),
        _ => return Key::None,
    };
    short_key(slot, text).map_or(Key::Long(usize::from(slot), text), Key::Short)
}

impl Cache {
    /// An id that is no token's: the id of tokens without facts, and of a free [`Cache::front`] slot.
    pub const NO_FACTS: u32 = u32::MAX;

    /// The facts of a text's tokens: all facts, each token's index in them ([`Cache::NO_FACTS`] for tokens without:
    /// URLs, numbers, handles, punctuation), and the stems that [`Facts::stem`] points into; made by `sources` on
    /// first sight. Starts over first when the cache is full.
    pub fn look_up<'c>(&'c mut self, tokens: &[Token<'_>], sources: &Sources<'_>) -> (&'c [Facts], &'c [u32], &'c str) {
        if self.facts.len() >= CACHED {
            self.facts.clear();
            self.stems.clear();
            self.short.clear();
            self.front.fill(([0, 0], Cache::NO_FACTS));
            self.long.iter_mut().for_each(HashMap::clear);
        }
        let mut ids = std::mem::take(&mut self.ids);
        ids.clear();
        ids.extend(tokens.iter().map(|t| self.id(t, sources).unwrap_or(Cache::NO_FACTS)));
        self.ids = ids;
        (&self.facts, &self.ids, &self.stems)
    }

    /// The id of a token's facts, made on first sight; `None` for a token without. The front table's hit, the
    /// commonest case, is inlined into [`Cache::look_up`]'s loop; the rest is not.
    #[inline(always)]
    fn id(&mut self, t: &Token<'_>, sources: &Sources<'_>) -> Option<u32> {
        match key(t) {
            Key::None => None,
            Key::Short(k) => {
                let slot = front_slot(k);
                match self.front[slot] {
                    (key, id) if key == k && id != Cache::NO_FACTS => Some(id),
                    _ => self.short_id(k, slot, t, sources),
                }
            }
            Key::Long(slot, text) => self.long_id(slot, text, t, sources),
        }
    }

    /// The id of a token with a short key that the front table missed, which then holds it.
    #[inline(never)]
    fn short_id(&mut self, k: Short, slot: usize, t: &Token<'_>, sources: &Sources<'_>) -> Option<u32> {
        let id = match self.short.get(&k) {
            Some(id) => *id,
            None => {
                let id = self.add(t, sources)?;
                self.short.insert(k, id);
                id
            }
        };
        self.front[slot] = (k, id);
        Some(id)
    }

    /// The id of a token with a long key.
    #[inline(never)]
    fn long_id(&mut self, slot: usize, text: &str, t: &Token<'_>, sources: &Sources<'_>) -> Option<u32> {
        match self.long[slot].get(text) {
            Some(id) => Some(*id),
            None => {
                let id = self.add(t, sources)?;
                self.long[slot].insert(text.into(), id);
                Some(id)
            }
        }
    }

    /// Makes a token's facts and keeps them; their id, `None` for a token without.
    fn add(&mut self, t: &Token<'_>, sources: &Sources<'_>) -> Option<u32> {
        let (mut facts, stem) = sources.facts(t)?;
        let start = self.stems.len() as u32;
        self.stems.push_str(&stem);
        facts.stem = (start, self.stems.len() as u32);
        self.facts.push(facts);
        Some(self.facts.len() as u32 - 1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_keys_are_distinct() {
        let texts = ["", "a", "ab", "ab\0", "abcdefg", "abcdefgh", "abcdefghi", "abcdefghijklmno", "\0abcdefghijklmn"];
        let mut keys: Vec<Short> = texts.iter().map(|t| short_key(0, t).expect("short")).collect();
        keys.push(short_key(1, "ab").expect("short"));
        keys.sort_unstable();
        keys.dedup();
        assert_eq!(keys.len(), texts.len() + 1);
        assert_eq!(short_key(0, "abcdefghijklmnop"), None);
        let k = short_key(2, "abcdefghij").expect("short");
        assert_eq!([k[0].to_le_bytes(), k[1].to_le_bytes()].concat()[..11], *b"abcdefghij\0");
    }
}
