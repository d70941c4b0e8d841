//! The HTTP server: hyper's HTTP/1.1 on a small single-threaded tokio runtime of its own
//! thread, answering with [`route`]; and the stream of build events of `/__tiendo/events`.
//!
//! An idle or slow connection costs a task, not a thread, and is dropped after documented
//! timeouts (see [`Limits`]): a request head must arrive within `head_timeout` of the
//! connection opening or of the previous response (so an idle kept-alive connection closes
//! then too), and a client that stops reading is dropped after `write_timeout` without
//! progress. Connections are bounded (`connections`), and event streams, which live as long as
//! their tab, are bounded apart (`event_streams`) so they can never take all connections.

use super::overlay::state_json;
use super::route::{route, Response, Routed};
use super::{Shared, Status};
use crate::diag::Diagnostic;
use hyper::body::{Bytes, Frame, Incoming, SizeHint};
use hyper_util::rt::{TokioIo, TokioTimer};
use std::convert::Infallible;
use std::future::Future;
use std::io;
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll};
use std::time::Duration;
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::net::TcpStream;
use tokio::sync::{mpsc, OwnedSemaphorePermit, Semaphore};

/// The server's bounds and timeouts.
#[derive(Debug, Clone, Copy)]
pub(super) struct Limits {
    /// Connections open at the same time (page requests and event streams together); one more
    /// gets a 503 and is closed.
    pub(super) connections: usize,
    /// Event streams open at the same time (one per open tab); one more gets a 503.
    pub(super) event_streams: usize,
    /// How long a request head may take to arrive, counted from the connection's opening or
    /// from the end of the previous response on a kept-alive connection.
    pub(super) head_timeout: Duration,
    /// How long a response may wait for the client to read it before the connection is dropped.
    pub(super) write_timeout: Duration,
    /// How often an event stream sends a comment, to notice closed tabs.
    pub(super) heartbeat: Duration,
    /// The longest request head (request line and headers) accepted; a longer one gets a 431.
    pub(super) max_head: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            connections: 512,
            event_streams: 32,
            head_timeout: Duration::from_secs(10),
            write_timeout: Duration::from_secs(10),
            heartbeat: Duration::from_secs(15),
            max_head: 16 * 1024,
        }
    }
}

/// Serves `listener` on a thread of its own until the process ends.
pub(super) fn start(
    listener: std::net::TcpListener,
    shared: Arc<Shared>,
    limits: Limits,
) -> Result<(), Box<Diagnostic>> {
    let address = listener
        .local_addr()
        .map_or_else(|_| "the server".to_string(), |a| a.to_string());
    let cannot_start = |e: io::Error| {
        Box::new(
            Diagnostic::error(&address, format!("cannot start the server: {e}"))
                .help("the system is short of resources; close some programs and try again"),
        )
    };
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_io()
        .enable_time()
        .build()
        .map_err(cannot_start)?;
    let listener = {
        let _entered = runtime.enter();
        listener.set_nonblocking(true).map_err(cannot_start)?;
        tokio::net::TcpListener::from_std(listener).map_err(cannot_start)?
    };
    std::thread::Builder::new()
        .name("tiendo-http".into())
        .spawn(move || runtime.block_on(accept_loop(listener, shared, limits)))
        .map_err(cannot_start)?;
    Ok(())
}

async fn accept_loop(listener: tokio::net::TcpListener, shared: Arc<Shared>, limits: Limits) {
    let connections = Arc::new(Semaphore::new(limits.connections));
    let streams = Arc::new(Semaphore::new(limits.event_streams));
    loop {
        let stream = match listener.accept().await {
            Ok((stream, _)) => stream,
            Err(_) => {
                // A failed accept (a reset connection, too many open files): go on.
                tokio::time::sleep(Duration::from_millis(10)).await;
                continue;
            }
        };
        let _ = stream.set_nodelay(true);
        match Arc::clone(&connections).try_acquire_owned() {
            Ok(permit) => {
                let conn = Connection {
                    shared: Arc::clone(&shared),
                    streams: Arc::clone(&streams),
                    limits,
                };
                tokio::spawn(conn.serve(stream, permit));
            }
            Err(_) => {
                tokio::spawn(refuse(stream, limits));
            }
        }
    }
}

/// Answers 503 on a connection over the bound, without reading its request.
async fn refuse(stream: TcpStream, limits: Limits) {
    let answer = b"HTTP/1.1 503 Service Unavailable\r\nContent-Type: text/plain; charset=utf-8\r\n\
        Content-Length: 31\r\nConnection: close\r\n\r\ntoo many connections; try again";
    // The answer is short enough for one write into an empty socket buffer.
    let write = async {
        stream.writable().await?;
        stream.try_write(answer)
    };
    let _ = tokio::time::timeout(limits.write_timeout, write).await;
}

/// One connection's share of the server.
struct Connection {
    shared: Arc<Shared>,
    streams: Arc<Semaphore>,
    limits: Limits,
}

impl Connection {
    /// Serves the requests of one connection until it closes or times out.
    async fn serve(self, stream: TcpStream, _permit: OwnedSemaphorePermit) {
        let io = TokioIo::new(WriteDeadline::new(stream, self.limits.write_timeout));
        let limits = self.limits;
        let conn = Arc::new(self);
        let service = hyper::service::service_fn(move |req| {
            let conn = Arc::clone(&conn);
            async move { Ok::<_, Infallible>(conn.answer(&req)) }
        });
        let _ = hyper::server::conn::http1::Builder::new()
            .timer(TokioTimer::new())
            .header_read_timeout(limits.head_timeout)
            .max_header_size(limits.max_head)
            .serve_connection(io, service)
            .await;
    }

    fn answer(&self, req: &hyper::Request<Incoming>) -> hyper::Response<Body> {
        let method = req.method().as_str();
        // Origin form `/path?query`; the absolute form arrives here without scheme and host.
        let target = req.uri().path_and_query().map_or("", |p| p.as_str());
        let status = self.shared.status();
        match route(&self.shared.site(), &status, method, target) {
            Routed::Response(r) => to_hyper(r),
            Routed::Events if method == "HEAD" => events_head(),
            Routed::Events => match Arc::clone(&self.streams).try_acquire_owned() {
                Ok(permit) => self.event_stream(permit),
                Err(_) => to_hyper(Response::text(503, "too many open pages")),
            },
        }
    }

    /// Sends the build state now and after every rebuild, until the page goes away.
    fn event_stream(&self, permit: OwnedSemaphorePermit) -> hyper::Response<Body> {
        let (tx, rx) = mpsc::channel::<Bytes>(4);
        let mut updates = self.shared.status.subscribe();
        let heartbeat = self.limits.heartbeat;
        tokio::spawn(async move {
            let _permit = permit;
            let mut status = updates.borrow_and_update().clone();
            let hello = format!(
                "retry: 1000\n\nevent: hello\ndata: {}\n\n",
                state_json(&status)
            );
            if tx.send(Bytes::from(hello)).await.is_err() {
                return;
            }
            loop {
                let chunk = match tokio::time::timeout(heartbeat, updates.changed()).await {
                    Err(_) => Bytes::from_static(b": keep-alive\n\n"),
                    Ok(Err(_)) => return,
                    Ok(Ok(())) => {
                        let seen = status.generation;
                        status = updates.borrow_and_update().clone();
                        if status.generation == seen {
                            continue;
                        }
                        Bytes::from(event(&status))
                    }
                };
                // Fails when the connection is gone (the tab was closed, or it timed out).
                if tx.send(chunk).await.is_err() {
                    return;
                }
            }
        });
        let mut r = hyper::Response::new(Body::Events(rx));
        let headers = r.headers_mut();
        for (name, value) in EVENT_HEADERS {
            headers.insert(*name, hyper::header::HeaderValue::from_static(value));
        }
        r
    }
}

/// An event telling pages about a rebuild: `reload` after a good one, `errors` after a failed one.
fn event(status: &Status) -> String {
    let name = if status.ok { "reload" } else { "errors" };
    format!("event: {name}\ndata: {}\n\n", state_json(status))
}

const EVENT_HEADERS: &[(&str, &str)] = &[
    ("content-type", "text/event-stream; charset=utf-8"),
    ("cache-control", "no-store"),
    ("x-content-type-options", "nosniff"),
];

fn events_head() -> hyper::Response<Body> {
    let mut r = hyper::Response::new(Body::Full(None));
    for (name, value) in EVENT_HEADERS {
        r.headers_mut()
            .insert(*name, hyper::header::HeaderValue::from_static(value));
    }
    r
}

/// A routed response for hyper, with the headers every answer has.
fn to_hyper(r: Response) -> hyper::Response<Body> {
    let mut builder = hyper::Response::builder()
        .status(r.status)
        .header("cache-control", "no-store")
        .header("x-content-type-options", "nosniff");
    for (name, value) in &r.headers {
        builder = builder.header(*name, value.as_str());
    }
    builder
        .body(Body::Full(Some(Bytes::from(r.body))))
        .unwrap_or_else(|_| {
            // Unreachable: `route` makes only visible-ASCII header values (fuzzed).
            let mut r =
                hyper::Response::new(Body::Full(Some(Bytes::from_static(b"internal error"))));
            *r.status_mut() = hyper::StatusCode::INTERNAL_SERVER_ERROR;
            r
        })
}

/// A response body: a whole file, or the chunks of an event stream as they come.
pub(super) enum Body {
    Full(Option<Bytes>),
    Events(mpsc::Receiver<Bytes>),
}

impl hyper::body::Body for Body {
    type Data = Bytes;
    type Error = Infallible;

    fn poll_frame(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Bytes>, Infallible>>> {
        match self.get_mut() {
            Body::Full(bytes) => Poll::Ready(bytes.take().map(|b| Ok(Frame::data(b)))),
            Body::Events(rx) => rx.poll_recv(cx).map(|c| c.map(|b| Ok(Frame::data(b)))),
        }
    }

    fn is_end_stream(&self) -> bool {
        matches!(self, Body::Full(None))
    }

    fn size_hint(&self) -> SizeHint {
        match self {
            Body::Full(Some(b)) => SizeHint::with_exact(u64::try_from(b.len()).unwrap_or(u64::MAX)),
            Body::Full(None) => SizeHint::with_exact(0),
            Body::Events(_) => SizeHint::default(),
        }
    }
}

/// A socket whose writes fail with `TimedOut` after `timeout` without progress, so a client
/// that stops reading cannot hold its connection (and what it was sent) for ever.
struct WriteDeadline {
    inner: TcpStream,
    timeout: Duration,
    /// Running while a write waits for the client.
    stalled: Option<Pin<Box<tokio::time::Sleep>>>,
}

impl WriteDeadline {
    fn new(inner: TcpStream, timeout: Duration) -> Self {
        WriteDeadline {
            inner,
            timeout,
            stalled: None,
        }
    }

    /// Follows up a write's outcome: progress resets the deadline, waiting starts it.
    fn check<T>(
        &mut self,
        cx: &mut Context<'_>,
        result: Poll<io::Result<T>>,
    ) -> Poll<io::Result<T>> {
        if result.is_ready() {
            self.stalled = None;
            return result;
        }
        let timeout = self.timeout;
        let sleep = self
            .stalled
            .get_or_insert_with(|| Box::pin(tokio::time::sleep(timeout)));
        match sleep.as_mut().poll(cx) {
            Poll::Ready(()) => Poll::Ready(Err(io::ErrorKind::TimedOut.into())),
            Poll::Pending => Poll::Pending,
        }
    }
}

impl AsyncRead for WriteDeadline {
    fn poll_read(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        Pin::new(&mut self.get_mut().inner).poll_read(cx, buf)
    }
}

impl AsyncWrite for WriteDeadline {
    fn poll_write(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        let this = self.get_mut();
        let result = Pin::new(&mut this.inner).poll_write(cx, buf);
        this.check(cx, result)
    }

    fn poll_write_vectored(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        bufs: &[io::IoSlice<'_>],
    ) -> Poll<io::Result<usize>> {
        let this = self.get_mut();
        let result = Pin::new(&mut this.inner).poll_write_vectored(cx, bufs);
        this.check(cx, result)
    }

    fn is_write_vectored(&self) -> bool {
        self.inner.is_write_vectored()
    }

    fn poll_flush(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        let this = self.get_mut();
        let result = Pin::new(&mut this.inner).poll_flush(cx);
        this.check(cx, result)
    }

    fn poll_shutdown(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.get_mut().inner).poll_shutdown(cx)
    }
}

#[cfg(test)]
mod tests {
    use super::super::SiteFiles;
    use super::*;
    use std::io::{Read, Write};
    use std::net::TcpStream as StdStream;
    use std::time::Instant;

    /// Short timeouts, small bounds.
    const LIMITS: Limits = Limits {
        connections: 8,
        event_streams: 2,
        head_timeout: Duration::from_millis(300),
        write_timeout: Duration::from_millis(300),
        heartbeat: Duration::from_millis(100),
        max_head: 16 * 1024,
    };

    /// A server of a one-page site on a free loopback port.
    fn server() -> (u16, Arc<Shared>) {
        let shared = Arc::new(Shared::new());
        shared.set_site(SiteFiles {
            files: [(
                Arc::from("index.html"),
                Arc::from(&b"<body>home</body>"[..]),
            )]
            .into_iter()
            .collect(),
            base_path: String::new(),
            token: "t".into(),
            built: true,
        });
        let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
        let port = listener.local_addr().expect("address").port();
        start(listener, Arc::clone(&shared), LIMITS).expect("start");
        (port, shared)
    }

    fn connect(port: u16) -> StdStream {
        let s = StdStream::connect(("127.0.0.1", port)).expect("connect");
        // Generous: the server's timeouts are far shorter.
        s.set_read_timeout(Some(Duration::from_secs(5)))
            .expect("timeout");
        s
    }

    /// Reads until the server closes the connection; fails if it does not within 5 s.
    fn read_until_closed(s: &mut StdStream) -> String {
        let mut out = Vec::new();
        let mut chunk = [0u8; 1024];
        loop {
            match s.read(&mut chunk) {
                Ok(0) => return String::from_utf8_lossy(&out).into_owned(),
                Ok(n) => out.extend_from_slice(&chunk[..n]),
                Err(e) if e.kind() == io::ErrorKind::ConnectionReset => {
                    return String::from_utf8_lossy(&out).into_owned()
                }
                Err(e) => panic!("the server kept the connection open: {e}"),
            }
        }
    }

    /// Reads until `needle` arrives.
    fn read_until(s: &mut StdStream, needle: &str) -> String {
        let mut out = String::new();
        let mut chunk = [0u8; 1024];
        while !out.contains(needle) {
            let n = s.read(&mut chunk).expect("read");
            assert!(n > 0, "closed before `{needle}`: {out}");
            out.push_str(&String::from_utf8_lossy(&chunk[..n]));
        }
        out
    }

    fn get(port: u16, target: &str) -> String {
        let mut s = connect(port);
        write!(
            s,
            "GET {target} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
        )
        .expect("write");
        read_until_closed(&mut s)
    }

    #[test]
    fn half_a_request_line_is_dropped() {
        let (port, _shared) = server();
        let mut s = connect(port);
        s.write_all(b"GET /ind").expect("write");
        let start = Instant::now();
        let answer = read_until_closed(&mut s);
        assert!(!answer.contains("200 OK"), "{answer}");
        assert!(start.elapsed() < Duration::from_secs(4));
    }

    #[test]
    fn idle_kept_alive_connections_are_dropped() {
        let (port, _shared) = server();
        let mut s = connect(port);
        s.write_all(b"GET / HTTP/1.1\r\nHost: x\r\n\r\n")
            .expect("write");
        let first = read_until(&mut s, "home");
        assert!(first.starts_with("HTTP/1.1 200 OK"), "{first}");
        assert!(!first.to_ascii_lowercase().contains("connection: close"));
        // The connection stays open for a next request for a while, then closes.
        let rest = read_until_closed(&mut s);
        assert_eq!(rest, "");
    }

    #[test]
    fn event_streams_outlive_the_head_timeout_and_get_reloads() {
        let (port, shared) = server();
        let mut s = connect(port);
        s.write_all(b"GET /__tiendo/events HTTP/1.1\r\nHost: x\r\n\r\n")
            .expect("write");
        let hello = read_until(&mut s, "event: hello");
        assert!(hello.contains("text/event-stream"), "{hello}");
        // Several head timeouts later, the stream is still open and beating.
        std::thread::sleep(LIMITS.head_timeout * 4);
        read_until(&mut s, ": keep-alive");
        let mut status = shared.status();
        status.generation += 1;
        shared.set_status(status);
        read_until(&mut s, "event: reload");
    }

    #[test]
    fn event_streams_are_bounded_apart_from_pages() {
        let (port, _shared) = server();
        let mut streams: Vec<StdStream> = (0..LIMITS.event_streams)
            .map(|_| {
                let mut s = connect(port);
                s.write_all(b"GET /__tiendo/events HTTP/1.1\r\nHost: x\r\n\r\n")
                    .expect("write");
                read_until(&mut s, "event: hello");
                s
            })
            .collect();
        assert!(get(port, "/__tiendo/events").starts_with("HTTP/1.1 503"));
        assert!(
            get(port, "/").starts_with("HTTP/1.1 200"),
            "pages are still served"
        );
        streams.clear();
    }

    #[test]
    fn connections_over_the_bound_get_503() {
        let (port, _shared) = server();
        let idle: Vec<StdStream> = (0..LIMITS.connections).map(|_| connect(port)).collect();
        let answer = get(port, "/");
        assert!(answer.starts_with("HTTP/1.1 503"), "{answer}");
        drop(idle);
        // The idle ones are gone (or time out soon): pages are served again.
        let deadline = Instant::now() + Duration::from_secs(4);
        while !get(port, "/").starts_with("HTTP/1.1 200") {
            assert!(
                Instant::now() < deadline,
                "no page after the idle connections closed"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}
