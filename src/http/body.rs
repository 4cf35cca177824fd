//! Reading a response body within a size limit: a broken or hostile server (a self-hosted `base_url`, a gzip bomb
//! that inflates a thousandfold) must not be able to exhaust memory inside the request timeout.

/// The default limit on a body, decompressed: far above any page the sources' APIs send (a large RSS feed is a
/// few megabytes).
pub const MAX_BODY: usize = 32 << 20;

/// Why a body could not be had.
#[derive(Debug)]
pub enum BodyError {
    /// It grew past the limit: not worth a retry.
    TooLarge,
    /// The connection failed or the body was cut short: worth a retry.
    Read(reqwest::Error),
}

/// The body of `resp` as text (UTF-8, invalid sequences replaced), read chunk by chunk up to `max` bytes, and its
/// bytes as sent when they are not UTF-8: a feed in another encoding (`<?xml … encoding="ISO-8859-1"?>`) is
/// decoded by the XML parser from those, which the replaced text no longer holds.
pub async fn read(mut resp: reqwest::Response, max: usize) -> Result<(String, Option<Vec<u8>>), BodyError> {
    let mut buf = Vec::new();
    while let Some(chunk) = resp.chunk().await.map_err(BodyError::Read)? {
        if buf.len() + chunk.len() > max {
            return Err(BodyError::TooLarge);
        }
        buf.extend_from_slice(&chunk);
    }
    Ok(match String::from_utf8(buf) {
        Ok(text) => (text, None),
        Err(e) => (String::from_utf8_lossy(e.as_bytes()).into_owned(), Some(e.into_bytes())),
    })
}
