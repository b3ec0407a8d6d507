//! A local browser over a claims database (`isnad serve`): search the claims, follow a speaker
//! over time, read an article with its claims laid over it.
//!
//! The database is the one `isnad index` writes (crate `isnad-index`); this crate only reads it,
//! through [`isnad_index::Database`]. Pages are rendered on the server with minijinja templates
//! (`templates/`), the article page with the same view as `isnad html` ([`isnad_html`]), so a
//! claim looks the same in a report and here.
//!
//! ```no_run
//! let server = isnad_serve::Server::bind("127.0.0.1:8700".parse().unwrap(), "claims.sqlite".as_ref())?;
//! println!("http://{}/", server.local_addr());
//! server.run()?; // until Ctrl-C
//! # Ok::<(), isnad_serve::ServeError>(())
//! ```
//!
//! # Why it is built this way
//!
//! - **Local and read-only.** The server is a viewer for one person: it binds to 127.0.0.1 unless
//!   told otherwise, answers `GET` only, opens the database read-only (an `isnad index` may write
//!   to it meanwhile), and every page carries a Content-Security-Policy that lets only its own
//!   script and style run.
//! - **Pages, not an API.** Every page is a plain server-rendered document with links and one
//!   search form: it works without script, can be bookmarked, and the address of a search or a
//!   speaker is what to send a colleague.
//! - **One SQLite connection.** Queries are short; requests take the connection in turn on a
//!   blocking thread, so the async workers never wait on SQLite.

mod error;
mod pages;
mod record;

use std::net::SocketAddr;
use std::path::Path;
use std::sync::Arc;

pub use error::ServeError;
use isnad_index::{Database, Stats};

/// A server bound to its address with its database open, not yet answering.
pub struct Server {
    listener: std::net::TcpListener,
    db: Database,
    stats: Stats,
}

impl Server {
    /// Opens the database at `db` (read-only) and listens on `addr` (port 0: any free port).
    ///
    /// Fails with [`ServeError::PortTaken`] when another program listens there, and with the
    /// database's own error when `db` is missing or not a claims database.
    pub fn bind(addr: SocketAddr, db: &Path) -> Result<Server, ServeError> {
        let db = Database::open(db)?;
        let stats = db.stats()?;
        let listener = std::net::TcpListener::bind(addr).map_err(|source| {
            if source.kind() == std::io::ErrorKind::AddrInUse {
                ServeError::PortTaken { addr }
            } else {
                ServeError::Listen { addr, source }
            }
        })?;
        Ok(Server { listener, db, stats })
    }

    /// The address it listens on (with the port chosen when 0 was asked for).
    pub fn local_addr(&self) -> SocketAddr {
        self.listener.local_addr().expect("a bound listener has an address")
    }

    /// What the database holds.
    pub fn stats(&self) -> &Stats {
        &self.stats
    }

    /// Answers requests until Ctrl-C or SIGTERM.
    pub fn run(self) -> Result<(), ServeError> {
        let runtime = tokio::runtime::Builder::new_multi_thread().enable_all().build()?;
        runtime.block_on(async move {
            self.listener.set_nonblocking(true)?;
            let listener = tokio::net::TcpListener::from_std(self.listener)?;
            let state = Arc::new(pages::State::new(self.db));
            axum::serve(listener, pages::router(state)).with_graceful_shutdown(stopped()).await?;
            Ok(())
        })
    }
}

/// Resolves on Ctrl-C or SIGTERM.
async fn stopped() {
    let interrupt = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = interrupt => {}
        () = terminate => {}
    }
}
