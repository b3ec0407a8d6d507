//! Why the server could not start or stopped.

use std::net::SocketAddr;

use thiserror::Error;

/// A server that could not start, or stopped on an error.
#[derive(Debug, Error)]
pub enum ServeError {
    /// Another program listens on the address already.
    #[error(
        "{addr} is taken (another `isnad serve`, or another program, listens there): choose another port with --port"
    )]
    PortTaken {
        /// The address asked for.
        addr: SocketAddr,
    },
    /// The address cannot be listened on for another reason.
    #[error("cannot listen on {addr}: {source}")]
    Listen {
        /// The address asked for.
        addr: SocketAddr,
        /// What the system said.
        source: std::io::Error,
    },
    /// The database cannot be opened.
    #[error(transparent)]
    Database(#[from] isnad_index::IndexError),
    /// The runtime or the connection loop failed.
    #[error("the server stopped: {0}")]
    Io(#[from] std::io::Error),
}
