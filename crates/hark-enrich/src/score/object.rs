//! A JSON object read as `hark score` must write it back: members in input order, values as written (member order,
//! nested key order, numbers of any size or spelling; `serde_json::Map` sorts keys, and `Value` rounds numbers beyond
//! an `f64` or a `u64`), read into an ordered list of raw values by a small serde visitor.

use std::collections::HashMap;
use std::fmt;
use std::io::Write;

use serde::de::{Deserialize, Deserializer, MapAccess, Visitor};
use serde_json::value::{to_raw_value, RawValue};

/// Members of an object from which its names are found through a map rather than by a look through them all.
const INDEXED: usize = 32;

/// A JSON object's members in input order, values as written. A name given twice keeps its first place and its
/// last value, as most JSON readers take it: the output then has each name once, and `text` is the text readers of
/// the output see.
pub(super) struct Ordered<'a>(Vec<(String, Member<'a>)>);

/// A member's value: as the line wrote it, or set by `hark score`.
enum Member<'a> {
    Read(&'a RawValue),
    Set(Box<RawValue>),
}

impl Member<'_> {
    fn raw(&self) -> &RawValue {
        match self {
            Member::Read(r) => r,
            Member::Set(r) => r,
        }
    }
}

impl<'de> Deserialize<'de> for Ordered<'de> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Ordered<'de>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a JSON object")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Ordered<'de>, A::Error> {
                let mut out: Vec<(String, Member<'de>)> = Vec::new();
                // Names and places, once an object has more members than a look through them costs (a line of
                // 100,000 members took 28.7 s to read, each name compared with all before it).
                let mut places: HashMap<String, usize> = HashMap::new();
                while let Some((k, v)) = map.next_entry::<String, &'de RawValue>()? {
                    if out.len() == INDEXED && places.is_empty() {
                        places = out.iter().enumerate().map(|(i, (name, _))| (name.clone(), i)).collect();
                    }
                    let place = match out.len() < INDEXED {
                        true => out.iter().position(|(name, _)| *name == k),
                        false => places.get(&k).copied(),
                    };
                    // A name given twice keeps its first place.
                    match place {
                        Some(i) => out[i].1 = Member::Read(v),
                        None => {
                            if out.len() >= INDEXED {
                                places.insert(k.clone(), out.len());
                            }
                            out.push((k, Member::Read(v)));
                        }
                    }
                }
                Ok(Ordered(out))
            }
        }
        d.deserialize_map(V)
    }
}

impl Ordered<'_> {
    /// The value of `key`, if the object has one.
    pub(super) fn get(&self, key: &str) -> Option<&RawValue> {
        self.0.iter().find(|(k, _)| k == key).map(|(_, v)| v.raw())
    }

    /// Sets `key` to `value`: in its place if the object has it, else at the end.
    pub(super) fn set(&mut self, key: &str, value: &impl serde::Serialize) -> serde_json::Result<()> {
        let value = Member::Set(to_raw_value(value)?);
        match self.0.iter_mut().find(|(k, _)| k == key) {
            Some((_, v)) => *v = value,
            None => self.0.push((key.to_string(), value)),
        }
        Ok(())
    }
}

/// Writes `obj` as one line of JSON, with its newline.
pub(super) fn write_object(out: &mut impl Write, obj: &Ordered) -> anyhow::Result<()> {
    out.write_all(b"{")?;
    for (i, (k, v)) in obj.0.iter().enumerate() {
        if i > 0 {
            out.write_all(b",")?;
        }
        serde_json::to_writer(&mut *out, k)?;
        out.write_all(b":")?;
        out.write_all(v.raw().get().as_bytes())?;
    }
    out.write_all(b"}\n")?;
    Ok(())
}
