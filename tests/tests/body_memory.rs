//! The heap a large response costs while it is read and decoded: the body is read once into one
//! buffer (sized from `Content-Length`) and decoded from it, with no further copy. Measured with
//! a counting global allocator (this test binary's own) against a raw local server that writes
//! from a buffer allocated before the measurement starts.

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};

use datadog_v2_client::apis::TeamsApi;
use datadog_v2_client::{Client, Configuration, RetryPolicy};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;

struct Counting;

static LIVE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

fn grew(size: usize) {
    let live = LIVE.fetch_add(size, Ordering::SeqCst) + size;
    PEAK.fetch_max(live, Ordering::SeqCst);
}

// SAFETY: forwards every call to `System` unchanged; only counts.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        grew(layout.size());
        unsafe { System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        LIVE.fetch_sub(layout.size(), Ordering::SeqCst);
        unsafe { System.dealloc(ptr, layout) }
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        // The old and the new block both exist while the data moves.
        grew(new_size);
        let moved = unsafe { System.realloc(ptr, layout, new_size) };
        LIVE.fetch_sub(layout.size(), Ordering::SeqCst);
        moved
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

const SIZE: usize = 16 << 20;

#[tokio::test(flavor = "current_thread")]
async fn a_large_body_is_held_once_while_decoded() {
    // A 16 MiB body that decodes to almost nothing (a small team, then whitespace): the heap
    // the call needs is the body, read once.
    let team = r#"{"data":{"attributes":{"handle":"h","name":"n"},"id":"t","type":"team"}"#;
    let mut body = Vec::with_capacity(SIZE);
    body.extend_from_slice(team.as_bytes());
    body.resize(SIZE - 1, b' ');
    body.push(b'}');
    let response: &'static [u8] = Box::leak(
        [
            format!("HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: {SIZE}\r\n\r\n").into_bytes(),
            body,
        ]
        .concat()
        .into_boxed_slice(),
    );
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(async move {
        let (mut stream, _) = listener.accept().await.unwrap();
        let mut head = [0u8; 4096];
        let _ = stream.read(&mut head).await;
        for chunk in response.chunks(64 << 10) {
            if stream.write_all(chunk).await.is_err() {
                return;
            }
        }
    });
    let client =
        Client::new(Configuration::new().api_key("k").app_key("a").base_url(url).retry(RetryPolicy::disabled()))
            .unwrap();
    let api = TeamsApi::new(client);

    let before = LIVE.load(Ordering::SeqCst);
    PEAK.store(before, Ordering::SeqCst);
    let team = api.get_team("t", Default::default()).await.expect("decodes");
    let peak = PEAK.load(Ordering::SeqCst) - before;
    assert_eq!(team.data.unwrap().id, "t");
    // The body buffer, plus buffers of a few hundred KiB. Reading into `Bytes` and copying that
    // into a `Vec` (as before) held the body twice.
    let mib = |n: usize| n as f64 / (1 << 20) as f64;
    eprintln!("body {:.1} MiB, peak heap during the call {:.1} MiB", mib(SIZE), mib(peak));
    assert!(peak < SIZE + (2 << 20), "peak {:.1} MiB for a {:.1} MiB body", mib(peak), mib(SIZE));
}
