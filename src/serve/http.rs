//! The HTTP server: HTTP/1.1 with `Connection: close`, GET and HEAD, a thread per connection
//! with a bound on their number, a bound on the request head's size and timeouts on reads and
//! writes; the event stream of `/__tiendo/events`.

use super::overlay::state_json;
use super::route::{route, Response, Routed};
use super::{ServeError, Shared};
use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// Connections served at the same time (page requests and event streams together).
const MAX_CONNECTIONS: usize = 64;
/// Event streams open at the same time (one per open tab).
const MAX_EVENT_STREAMS: usize = 32;
/// The longest request head accepted.
const MAX_HEAD: usize = 16 * 1024;
/// Read and write timeout of a connection.
const IO_TIMEOUT: Duration = Duration::from_secs(10);
/// An event stream sends a comment this often, to notice closed tabs.
const HEARTBEAT: Duration = Duration::from_secs(15);

static CONNECTIONS: AtomicUsize = AtomicUsize::new(0);
static STREAMS: AtomicUsize = AtomicUsize::new(0);

/// Serves `listener` on a thread of its own.
pub(super) fn start(listener: TcpListener, shared: Arc<Shared>) -> Result<(), ServeError> {
    std::thread::Builder::new()
        .name("tiendo-accept".into())
        .spawn(move || accept_loop(listener, shared))
        .map_err(|e| ServeError {
            message: format!("cannot start the server thread: {e}"),
            help: "the system is short of resources; close some programs and try again".into(),
        })?;
    Ok(())
}

fn accept_loop(listener: TcpListener, shared: Arc<Shared>) {
    for stream in listener.incoming() {
        let Ok(mut stream) = stream else {
            // A failed accept (a reset connection, too many open files): go on.
            std::thread::sleep(Duration::from_millis(10));
            continue;
        };
        if CONNECTIONS.load(Ordering::SeqCst) >= MAX_CONNECTIONS {
            let _ = stream.set_write_timeout(Some(Duration::from_secs(1)));
            let _ = write_response(
                &mut stream,
                &Response::text(503, "too many connections; try again"),
                false,
            );
            continue;
        }
        CONNECTIONS.fetch_add(1, Ordering::SeqCst);
        let guard = CountGuard(&CONNECTIONS);
        let shared = Arc::clone(&shared);
        let spawned = std::thread::Builder::new()
            .name("tiendo-conn".into())
            .spawn(move || {
                let _guard = guard;
                handle(stream, &shared);
            });
        // On failure the closure (and the guard inside it) is dropped, which decrements.
        drop(spawned);
    }
}

/// Decrements a connection counter when a connection ends, however it ends.
struct CountGuard(&'static AtomicUsize);

impl Drop for CountGuard {
    fn drop(&mut self) {
        self.0.fetch_sub(1, Ordering::SeqCst);
    }
}

/// A parsed request line.
struct Request {
    method: String,
    target: String,
}

enum HeadError {
    /// The connection closed or timed out: nothing to answer.
    Gone,
    Bad,
    TooLarge,
}

fn read_head(stream: &mut TcpStream) -> Result<Request, HeadError> {
    let mut buf: Vec<u8> = Vec::with_capacity(1024);
    let mut chunk = [0u8; 2048];
    // A deadline for the whole head, so a client sending a byte now and then cannot hold a
    // connection (and its thread) for long.
    let deadline = Instant::now() + IO_TIMEOUT;
    loop {
        if Instant::now() > deadline {
            return Err(HeadError::Gone);
        }
        let n = stream.read(&mut chunk).map_err(|_| HeadError::Gone)?;
        if n == 0 {
            return Err(if buf.is_empty() {
                HeadError::Gone
            } else {
                HeadError::Bad
            });
        }
        buf.extend_from_slice(&chunk[..n]);
        if buf.windows(4).any(|w| w == b"\r\n\r\n") || buf.windows(2).any(|w| w == b"\n\n") {
            break;
        }
        if buf.len() > MAX_HEAD {
            return Err(HeadError::TooLarge);
        }
    }
    let line_end = buf.iter().position(|&b| b == b'\n').unwrap_or(buf.len());
    let line = std::str::from_utf8(&buf[..line_end]).map_err(|_| HeadError::Bad)?;
    let mut parts = line.trim_end_matches('\r').split(' ');
    let (Some(method), Some(target), Some(version), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return Err(HeadError::Bad);
    };
    let method_ok = !method.is_empty() && method.bytes().all(|b| b.is_ascii_uppercase());
    if !method_ok || target.is_empty() || !version.starts_with("HTTP/1.") {
        return Err(HeadError::Bad);
    }
    Ok(Request {
        method: method.to_string(),
        target: target.to_string(),
    })
}

fn handle(mut stream: TcpStream, shared: &Arc<Shared>) {
    let _ = stream.set_read_timeout(Some(IO_TIMEOUT));
    let _ = stream.set_write_timeout(Some(IO_TIMEOUT));
    let req = match read_head(&mut stream) {
        Ok(r) => r,
        Err(HeadError::Gone) => return,
        Err(HeadError::Bad) => {
            let _ = write_response(&mut stream, &Response::text(400, "bad request"), false);
            return;
        }
        Err(HeadError::TooLarge) => {
            let _ = write_response(
                &mut stream,
                &Response::text(431, "request header too large"),
                false,
            );
            return;
        }
    };
    let head_only = req.method == "HEAD";
    match route(&shared.site(), &shared.status(), &req.method, &req.target) {
        Routed::Response(r) => {
            let _ = write_response(&mut stream, &r, head_only);
        }
        Routed::Events => {
            if head_only {
                let _ = write_response(&mut stream, &Response::text(200, ""), true);
                return;
            }
            if STREAMS.load(Ordering::SeqCst) >= MAX_EVENT_STREAMS {
                let _ = write_response(
                    &mut stream,
                    &Response::text(503, "too many open pages"),
                    false,
                );
                return;
            }
            STREAMS.fetch_add(1, Ordering::SeqCst);
            let _guard = CountGuard(&STREAMS);
            let _ = event_stream(&mut stream, shared);
        }
    }
}

/// Sends the build state now and after every rebuild, until the page goes away.
fn event_stream(stream: &mut TcpStream, shared: &Shared) -> std::io::Result<()> {
    stream.write_all(
        b"HTTP/1.1 200 OK\r\nContent-Type: text/event-stream; charset=utf-8\r\n\
          Cache-Control: no-store\r\nConnection: close\r\nX-Content-Type-Options: nosniff\r\n\r\n\
          retry: 1000\n\n",
    )?;
    let mut status = shared.status();
    let mut seen = status.generation;
    stream.write_all(format!("event: hello\ndata: {}\n\n", state_json(&status)).as_bytes())?;
    stream.flush()?;
    loop {
        {
            let guard = shared.lock_status();
            let (guard, _) = match shared
                .changed
                .wait_timeout_while(guard, HEARTBEAT, |s| s.generation == seen)
            {
                Ok(r) => r,
                Err(p) => p.into_inner(),
            };
            status = guard.clone();
        }
        if status.generation == seen {
            stream.write_all(b": keep-alive\n\n")?;
        } else {
            seen = status.generation;
            let event = if status.ok { "reload" } else { "errors" };
            stream.write_all(
                format!("event: {event}\ndata: {}\n\n", state_json(&status)).as_bytes(),
            )?;
        }
        stream.flush()?;
    }
}

fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        301 => "Moved Permanently",
        302 => "Found",
        400 => "Bad Request",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        431 => "Request Header Fields Too Large",
        503 => "Service Unavailable",
        _ => "Unknown",
    }
}

fn write_response(stream: &mut TcpStream, r: &Response, head_only: bool) -> std::io::Result<()> {
    let mut head = format!("HTTP/1.1 {} {}\r\n", r.status, reason(r.status));
    for (k, v) in &r.headers {
        head.push_str(&format!("{k}: {v}\r\n"));
    }
    head.push_str(&format!(
        "Content-Length: {}\r\nCache-Control: no-store\r\nX-Content-Type-Options: nosniff\r\nConnection: close\r\n\r\n",
        r.body.len()
    ));
    stream.write_all(head.as_bytes())?;
    if !head_only {
        stream.write_all(&r.body)?;
    }
    stream.flush()
}
