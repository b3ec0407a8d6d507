//! `isnad serve`: a local, read-only browser over a claims database (crate `isnad-serve`).

use std::io::Write;
use std::net::{IpAddr, SocketAddr};
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Result;

#[derive(clap::Args)]
pub struct ServeArgs {
    /// The claims database, as written by `isnad index`.
    #[arg(long, value_name = "PATH")]
    db: PathBuf,
    /// Port to listen on (0: any free port; the address is printed).
    #[arg(long, default_value_t = 8700)]
    port: u16,
    /// Address to listen on. The default answers this machine only; any other address lets other
    /// machines read the database.
    #[arg(long, default_value = "127.0.0.1")]
    host: IpAddr,
}

pub fn run(args: ServeArgs) -> Result<ExitCode> {
    let server = isnad_serve::Server::bind(SocketAddr::new(args.host, args.port), &args.db)?;
    if !args.host.is_loopback() {
        eprintln!(
            "isnad serve: listening on {}, which other machines may reach: the database is readable to them",
            args.host
        );
    }
    let stats = server.stats();
    // The address first and alone on its line: scripts (and the tests) read it from there.
    let mut out = std::io::stdout().lock();
    writeln!(out, "http://{}/", server.local_addr())?;
    writeln!(
        out,
        "isnad serve: {} ({} articles, {} claims); Ctrl-C stops it",
        args.db.display(),
        stats.documents,
        stats.claims
    )?;
    out.flush()?;
    drop(out);
    server.run()?;
    Ok(ExitCode::SUCCESS)
}
