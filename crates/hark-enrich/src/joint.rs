//! Every head's weights in one table, laid out for scoring: one lookup per feature finds the weights of all heads,
//! and adding a row updates all their scores ([`Head::predict`](super::model::Head::predict) gives the same numbers,
//! head by head). A text's rows are scattered over a table larger than a core's cache, so the layout is about
//! memory: each row fills whole cache lines, and no row straddles two. (Keeping the shipped model's three-decimal
//! weights as 16-bit thousandths halved the table but measured slower, converted exactly by a division or scaled by
//! a multiplication: the conversions cost more than the cache misses they saved.)

use std::ops::Range;

use hashbrown::HashTable;

use super::features::{FastMap, FeatureId};
use super::model::Model;

/// The weights of the learned layer, by feature.
#[derive(Debug, Clone, Default)]
pub struct Joint {
    index: FastMap<FeatureId, u32>,
    /// Blocks of sixteen weights per row: the classes of every head, in head order, then zeros.
    blocks: usize,
    weights: Vec<Block>,
    /// Every feature with its weights beside its id, when all heads' classes fit in [`INLINE`] lanes: what
    /// [`Joint::add_feature`] reads for the features a scorer hashes per text (bigrams), one cache line per hit
    /// where the index and the row table cost two.
    inline: Option<HashTable<Slot>>,
    /// Each head's name and where its scores sit in a row.
    heads: Vec<(String, Range<usize>)>,
}

/// Sixteen weights on one cache line.
#[derive(Debug, Clone, Copy, Default)]
#[repr(C, align(64))]
struct Block([f32; 16]);

/// Weights per [`Slot`].
const INLINE: usize = 14;

/// A feature id and its row's first [`INLINE`] weights: one cache line.
#[derive(Debug, Clone, Copy)]
#[repr(C, align(64))]
struct Slot {
    id: FeatureId,
    weights: [f32; INLINE],
}

/// The table hash of a feature id (itself a hash): a folded multiply, so that both the low bits (the bucket) and the
/// high bits (the tag) depend on all of the id.
fn mix(id: FeatureId) -> u64 {
    let product = u128::from(id) * 0x9E37_79B9_7F4A_7C15;
    (product as u64) ^ ((product >> 64) as u64)
}

impl Joint {
    /// A row that is no feature of any head: adding it changes nothing.
    pub const NONE: u32 = u32::MAX;

    /// Merges the heads of `model`.
    pub fn new(model: &Model) -> Joint {
        let stride: usize = model.heads.iter().map(|h| h.classes.len()).sum();
        let blocks = stride.div_ceil(16).max(1);
        let mut joint = Joint { blocks, ..Joint::default() };
        let mut offset = 0;
        for h in &model.heads {
            let k = h.classes.len();
            for (id, row) in &h.index {
                let at = *joint.index.entry(*id).or_insert_with(|| {
                    joint.weights.resize(joint.weights.len() + blocks, Block::default());
                    (joint.weights.len() / blocks - 1) as u32
                }) as usize;
                let from = &h.weights[*row as usize * k..(*row as usize + 1) * k];
                for (j, w) in from.iter().enumerate() {
                    joint.weights[at * blocks + (offset + j) / 16].0[(offset + j) % 16] = *w;
                }
            }
            joint.heads.push((h.name.clone(), offset..offset + k));
            offset += k;
        }
        if stride <= INLINE {
            let mut table = HashTable::with_capacity(joint.index.len());
            for (id, row) in &joint.index {
                let block = joint.weights[*row as usize].0;
                let slot = Slot { id: *id, weights: std::array::from_fn(|k| block[k]) };
                table.insert_unique(mix(*id), slot, |s: &Slot| mix(s.id));
            }
            joint.inline = Some(table);
        }
        joint
    }

    /// Where the head called `name` sits in a row (and in the scores [`Joint::add`] adds to), if there is one.
    pub fn head(&self, name: &str) -> Option<Range<usize>> {
        self.heads.iter().find(|(n, _)| n == name).map(|(_, r)| r.clone())
    }

    /// The length of the scores a row adds to, in blocks of 16: the classes of all heads together, padded.
    pub fn blocks(&self) -> usize {
        self.blocks
    }

    /// The row of a feature, or [`Joint::NONE`].
    pub fn row(&self, id: FeatureId) -> u32 {
        self.index.get(&id).copied().unwrap_or(Joint::NONE)
    }

    /// Adds the weights of feature `id` to the scores `z`, if it is one: `add(z, row(id), 1.0)` in one lookup.
    #[inline]
    pub fn add_feature(&self, z: &mut [[f32; 16]], id: FeatureId) {
        let Some(table) = &self.inline else { return self.add(z, self.row(id), 1.0) };
        if let (Some(slot), Some(zs)) = (table.find(mix(id), |s| s.id == id), z.first_mut()) {
            let (old, w) = (*zs, slot.weights);
            *zs = std::array::from_fn(|k| if k < INLINE { old[k] + w[k] } else { old[k] });
        }
    }

    /// Adds `value` times a row to the scores `z` ([`Joint::blocks`] long; the padding stays 0).
    #[inline(always)]
    pub fn add(&self, z: &mut [[f32; 16]], row: u32, value: f32) {
        let at = row as usize * self.blocks;
        let Some(blocks) = self.weights.get(at..at + self.blocks) else { return };
        for (zs, block) in z.iter_mut().zip(blocks) {
            // Whole arrays in and out: written lane by lane into `zs`, the loop compiled to scalar code.
            let (old, w) = (*zs, block.0);
            *zs = std::array::from_fn(|k| old[k] + w[k] * value);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::features::hash_parts;
    use super::super::model::Head;
    use super::*;

    #[test]
    fn rows_merge_heads_and_add_like_predict() {
        let a = Head::from_rows("a", &["x", "y"], vec![("f".into(), vec![1.0, -1.0]), ("g".into(), vec![0.5, 0.5])]);
        let b = Head::from_rows("b", &["p", "q", "r"], vec![("f".into(), vec![2.0, 0.0, -2.0])]);
        let joint = Joint::new(&Model { heads: vec![a, b] });
        assert_eq!((joint.blocks(), joint.head("b"), joint.head("c")), (1, Some(2..5), None));
        let mut z = vec![[0.0; 16]; joint.blocks()];
        joint.add(&mut z, joint.row(hash_parts(&["f"])), 2.0);
        joint.add(&mut z, joint.row(hash_parts(&["g"])), 1.0);
        joint.add(&mut z, joint.row(hash_parts(&["unknown"])), 1.0);
        assert_eq!(z[0][..5], [2.5, -1.5, 4.0, 0.0, -4.0]);
        // One lookup adds what the row adds.
        let mut inline = vec![[0.0; 16]; joint.blocks()];
        joint.add_feature(&mut inline, hash_parts(&["f"]));
        joint.add_feature(&mut inline, hash_parts(&["f"]));
        joint.add_feature(&mut inline, hash_parts(&["g"]));
        joint.add_feature(&mut inline, hash_parts(&["unknown"]));
        assert_eq!(inline, z);
        assert!(z[0][5..].iter().all(|v| *v == 0.0));
    }
}
