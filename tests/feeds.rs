//! Fixed RSS/Atom feeds (`feeds = [...]`) crawled by the `hark` binary: a feed is a snapshot, read whole on every
//! run, so an item it lists late still lands; items of two feeds with the same guid stay two, also when the feeds
//! differ only in their secret tokens; a private feed's token never reaches the store.

use std::io::{Read, Write};
use std::sync::{Arc, Mutex};

use chrono::{DateTime, Utc};
use hark::store::Store;

use crate::util::{count, hark};

/// An RSS document holding `items`: (guid, title, published).
fn rss(items: &[(&str, &str, DateTime<Utc>)]) -> String {
    let items: String = items
        .iter()
        .map(|(guid, title, at)| {
            format!(
                "<item><title>{title}</title><guid isPermaLink=\"false\">{guid}</guid><pubDate>{}</pubDate></item>",
                at.to_rfc2822()
            )
        })
        .collect();
    format!("<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>t</title>{items}</channel></rss>")
}

/// Serves `feeds[path]` (path without the query) on a free local port, for as long as the test runs.
fn serve(feeds: Arc<Mutex<Vec<(String, String)>>>) -> std::net::SocketAddr {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap();
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let mut stream = stream.unwrap();
            let mut buf = [0u8; 4096];
            let n = stream.read(&mut buf).unwrap_or(0);
            let request = String::from_utf8_lossy(&buf[..n]);
            let path = request.split_whitespace().nth(1).unwrap_or("/").split('?').next().unwrap_or("/").to_string();
            let body = feeds.lock().unwrap().iter().find(|(p, _)| *p == path).map(|(_, b)| b.clone());
            let response = match body {
                Some(b) => format!("HTTP/1.1 200 OK\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{b}", b.len()),
                None => "HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n".to_string(),
            };
            let _ = stream.write_all(response.as_bytes());
        }
    });
    addr
}

#[test]
fn feeds_are_read_whole_every_run_and_keep_tokens_out() {
    let now = Utc::now();
    let feeds = Arc::new(Mutex::new(vec![
        ("/a.xml".to_string(), rss(&[("1", "acme launches", now - chrono::Duration::hours(2))])),
        ("/b.xml".to_string(), rss(&[("1", "acme again, another feed", now - chrono::Duration::hours(3))])),
    ]));
    let addr = serve(feeds.clone());
    let dir = tempfile::tempdir().unwrap();
    let (path, store) = (dir.path().join("feeds.toml"), dir.path().join("f.duckdb"));
    let text = format!(
        "name = \"f\"\nstore = {store:?}\nhistory = \"30 days\"\n[[brand]]\nname = \"A\"\nquery = \"acme\"\n\
         [[source]]\ntype = \"rss\"\nfeeds = [\"http://{addr}/a.xml?token=s3cret\", \"http://{addr}/a.xml?token=0ther\", \
         \"http://{addr}/b.xml\"]\n"
    );
    std::fs::write(&path, text).unwrap();
    let mentions = || count(&Store::open_read_only(&store).unwrap(), "select count(*) from mentions");
    let crawl = || {
        let out = hark(&["crawl", path.to_str().unwrap()]);
        assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    };
    crawl();
    // The feeds all number their item 1: three mentions, not one taken for a duplicate of the others (the two
    // private feeds' URLs read the same with their tokens masked).
    assert_eq!(mentions(), 3);
    // Feed a now lists an item dated 10 days back, before the last run: a feed is read whole, so it lands.
    feeds.lock().unwrap()[0].1 = rss(&[
        ("1", "acme launches", now - chrono::Duration::hours(2)),
        ("2", "acme, a late listing", now - chrono::Duration::days(10)),
    ]);
    crawl();
    assert_eq!(mentions(), 5);
    // The token is in the feed's URL, which qualifies its items' ids (guids that are no URL), stored as keyed
    // hashes: no id holds it.
    // (A snapshot feed writes no cursor, and nothing failed here; the test below checks errors.)
    let sql = "select count(*) from mentions where regexp_matches(source_id || coalesce(url, ''), 's3cret|0ther')";
    assert_eq!(count(&Store::open_read_only(&store).unwrap(), sql), 0);
}

/// Feeds of a list are separate sites: two that fail (closed ports) do not stop the third, whose items land, and a
/// feed's credentials stay out of the store.
#[test]
fn dead_feeds_do_not_stop_the_others() {
    let now = Utc::now();
    let feeds = Arc::new(Mutex::new(vec![(
        "/live.xml".to_string(),
        rss(&[("1", "acme from a live feed", now - chrono::Duration::hours(2))]),
    )]));
    let addr = serve(feeds);
    // Two ports nothing listens on.
    let closed = || std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap();
    let (dead1, dead2) = (closed(), closed());
    let dir = tempfile::tempdir().unwrap();
    let (path, store) = (dir.path().join("feeds.toml"), dir.path().join("f.duckdb"));
    let text = format!(
        "name = \"f\"\nstore = {store:?}\nhistory = \"30 days\"\n[[brand]]\nname = \"A\"\nquery = \"acme\"\n\
         [[source]]\ntype = \"rss\"\nfeeds = [\"http://bob:hunter2@{dead1}/a.xml\", \"http://{dead2}/b.xml\", \
         \"http://{addr}/live.xml\"]\n[http]\nretries = 1\nbackoff_ms = 10\ntimeout_secs = 5\n"
    );
    std::fs::write(&path, text).unwrap();
    let out = hark(&["crawl", path.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(!String::from_utf8_lossy(&out.stderr).contains("hunter2"));
    let store = Store::open_read_only(&store).unwrap();
    assert_eq!(count(&store, "select count(*) from mentions"), 1, "the live feed's item landed");
    // crawl_runs keeps the source's first error: the credentialed feed's, shown without its password.
    let error = "select count(*) from crawl_runs where error like '%bob:***@%' and error not like '%hunter2%'";
    assert_eq!(count(&store, error), 1);
}
