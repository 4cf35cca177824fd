//! Building responses: JSON and XML bodies with their content types, and gzip content encoding.
//!
//! Stack Exchange always sends gzip. No compression crate is a direct dependency, so the gzip here is the
//! format's "stored" mode (deflate blocks without compression, RFC 1951 §3.2.4) framed per RFC 1952:
//! valid gzip any decoder reads, which is what the crawler's decompression path needs to be exercised.

use axum::http::header::{HeaderMap, HeaderValue, ACCEPT_ENCODING, CONTENT_ENCODING, CONTENT_TYPE, VARY};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};

/// `application/json; charset=utf-8`.
pub const JSON: &str = "application/json; charset=utf-8";

/// A response with `status`, `content_type`, extra `headers` and `body`.
pub fn with_body(status: StatusCode, content_type: &'static str, mut headers: HeaderMap, body: Vec<u8>) -> Response {
    headers.insert(CONTENT_TYPE, HeaderValue::from_static(content_type));
    (status, headers, body).into_response()
}

/// `value` as a JSON response.
pub fn json(status: StatusCode, headers: HeaderMap, value: &serde_json::Value) -> Response {
    with_body(status, JSON, headers, value.to_string().into_bytes())
}

/// `value` as a JSON response, gzip-encoded when the request accepts it.
pub fn json_maybe_gzip(status: StatusCode, request: &HeaderMap, value: &serde_json::Value) -> Response {
    let body = value.to_string().into_bytes();
    let mut headers = HeaderMap::new();
    headers.insert(VARY, HeaderValue::from_static("Accept-Encoding"));
    if !accepts_gzip(request) {
        return with_body(status, JSON, headers, body);
    }
    headers.insert(CONTENT_ENCODING, HeaderValue::from_static("gzip"));
    with_body(status, JSON, headers, gzip(&body))
}

/// The 404 every server answers for a route it does not serve.
pub async fn not_found() -> Response {
    (StatusCode::NOT_FOUND, "Not Found").into_response()
}

/// Whether `Accept-Encoding` lists gzip with a non-zero quality.
pub fn accepts_gzip(request: &HeaderMap) -> bool {
    request.get_all(ACCEPT_ENCODING).iter().filter_map(|v| v.to_str().ok()).flat_map(|v| v.split(',')).any(|item| {
        let mut parts = item.split(';').map(str::trim);
        let coding = parts.next().unwrap_or_default();
        let zero = parts.any(|p| p.strip_prefix("q=").and_then(|q| q.parse::<f32>().ok()) == Some(0.0));
        (coding.eq_ignore_ascii_case("gzip") || coding == "*") && !zero
    })
}

/// `data` as a gzip member of stored deflate blocks.
pub fn gzip(data: &[u8]) -> Vec<u8> {
    const MAX_BLOCK: usize = 65_535;
    let mut out = Vec::with_capacity(data.len() + data.len() / MAX_BLOCK * 5 + 23);
    // Magic, deflate, no flags, no mtime, no extra flags, unknown OS.
    out.extend_from_slice(&[0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff]);
    let mut chunks = data.chunks(MAX_BLOCK).peekable();
    if chunks.peek().is_none() {
        out.extend_from_slice(&[1, 0, 0, 0xff, 0xff]);
    }
    while let Some(chunk) = chunks.next() {
        let len = chunk.len() as u16;
        out.push(u8::from(chunks.peek().is_none()));
        out.extend_from_slice(&len.to_le_bytes());
        out.extend_from_slice(&(!len).to_le_bytes());
        out.extend_from_slice(chunk);
    }
    out.extend_from_slice(&crc32(data).to_le_bytes());
    out.extend_from_slice(&(data.len() as u32).to_le_bytes());
    out
}

/// The CRC-32 (IEEE) lookup table.
const CRC_TABLE: [u32; 256] = {
    let mut table = [0u32; 256];
    let mut i = 0;
    while i < 256 {
        let mut c = i as u32;
        let mut k = 0;
        while k < 8 {
            c = if c & 1 != 0 { 0xEDB8_8320 ^ (c >> 1) } else { c >> 1 };
            k += 1;
        }
        table[i] = c;
        i += 1;
    }
    table
};

/// CRC-32 as gzip's trailer carries it.
fn crc32(data: &[u8]) -> u32 {
    !data.iter().fold(!0u32, |c, &b| CRC_TABLE[((c ^ u32::from(b)) & 0xff) as usize] ^ (c >> 8))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gzip_frames_stored_blocks() {
        assert_eq!(crc32(b"123456789"), 0xCBF4_3926);
        let z = gzip(b"hello");
        assert_eq!(&z[..10], &[0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff]);
        assert_eq!(&z[10..15], &[1, 5, 0, 0xfa, 0xff]);
        assert_eq!(&z[15..20], b"hello");
        assert_eq!(&z[20..24], &crc32(b"hello").to_le_bytes());
        assert_eq!(&z[24..], &5u32.to_le_bytes());
        let big = vec![b'x'; 70_000];
        let z = gzip(&big);
        assert_eq!(z.len(), 10 + 5 + 65_535 + 5 + (70_000 - 65_535) + 8);
        assert_eq!(z[10], 0, "first block is not final");
        assert_eq!(gzip(b"").len(), 10 + 5 + 8);
    }

    #[test]
    fn reads_accept_encoding() {
        let mut h = HeaderMap::new();
        assert!(!accepts_gzip(&h));
        h.insert(ACCEPT_ENCODING, HeaderValue::from_static("br, GZIP;q=0.8"));
        assert!(accepts_gzip(&h));
        h.insert(ACCEPT_ENCODING, HeaderValue::from_static("gzip;q=0, br"));
        assert!(!accepts_gzip(&h));
    }
}
