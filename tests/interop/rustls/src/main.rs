//! Interop check with rustls/webpki (what Linkerd's proxy uses): an in-memory mutual-TLS handshake between two
//! workloads whose certificates `trust` issued. Usage: trust-interop-rustls DIR
use std::{fs::File, io::BufReader, path::Path, process::exit, sync::Arc};

use rustls::server::AllowAnyAuthenticatedClient;
use rustls::{Certificate, ClientConfig, ClientConnection, PrivateKey, RootCertStore, ServerConfig, ServerConnection, ServerName};

fn fail(message: String) -> ! {
    eprintln!("rustls: FAIL: {}", message);
    exit(1)
}

fn certs(path: &Path) -> Vec<Certificate> {
    let file = File::open(path).unwrap_or_else(|e| fail(format!("{}: {}", path.display(), e)));
    rustls_pemfile::certs(&mut BufReader::new(file))
        .unwrap_or_else(|e| fail(format!("{}: {}", path.display(), e)))
        .into_iter()
        .map(Certificate)
        .collect()
}

fn key(path: &Path) -> PrivateKey {
    let file = File::open(path).unwrap_or_else(|e| fail(format!("{}: {}", path.display(), e)));
    let keys = rustls_pemfile::pkcs8_private_keys(&mut BufReader::new(file))
        .unwrap_or_else(|e| fail(format!("{}: {}", path.display(), e)));
    PrivateKey(keys.into_iter().next().unwrap_or_else(|| fail(format!("{}: no PKCS#8 key", path.display()))))
}

fn main() {
    let dir = std::env::args().nth(1).unwrap_or_else(|| fail("usage: trust-interop-rustls DIR".into()));
    let dir = Path::new(&dir);
    let mut roots = RootCertStore::empty();
    for anchor in certs(&dir.join("pki/ca.crt")) {
        roots.add(&anchor).unwrap_or_else(|e| fail(format!("anchor rejected: {:?}", e)));
    }
    let server_chain = certs(&dir.join("server.crt"));
    let client_chain = certs(&dir.join("client.crt"));
    let server_name = "web.default.serviceaccount.identity.linkerd.cluster.local";

    let server_config = ServerConfig::builder()
        .with_safe_defaults()
        .with_client_cert_verifier(AllowAnyAuthenticatedClient::new(roots.clone()))
        .with_single_cert(server_chain, key(&dir.join("server.key")))
        .unwrap_or_else(|e| fail(format!("server config: {:?}", e)));
    let client_config = ClientConfig::builder()
        .with_safe_defaults()
        .with_root_certificates(roots)
        .with_single_cert(client_chain, key(&dir.join("client.key")))
        .unwrap_or_else(|e| fail(format!("client config: {:?}", e)));

    let name = ServerName::try_from(server_name).unwrap_or_else(|e| fail(format!("{:?}", e)));
    let mut client = ClientConnection::new(Arc::new(client_config), name).unwrap_or_else(|e| fail(format!("{:?}", e)));
    let mut server = ServerConnection::new(Arc::new(server_config)).unwrap_or_else(|e| fail(format!("{:?}", e)));

    let mut rounds = 0;
    while client.is_handshaking() || server.is_handshaking() {
        rounds += 1;
        if rounds > 20 {
            fail("handshake did not finish".into());
        }
        while client.wants_write() {
            let mut buffer = Vec::new();
            client.write_tls(&mut buffer).unwrap();
            server.read_tls(&mut &buffer[..]).unwrap();
            server.process_new_packets().unwrap_or_else(|e| fail(format!("server rejected the client: {:?}", e)));
        }
        while server.wants_write() {
            let mut buffer = Vec::new();
            server.write_tls(&mut buffer).unwrap();
            client.read_tls(&mut &buffer[..]).unwrap();
            client.process_new_packets().unwrap_or_else(|e| fail(format!("client rejected the server: {:?}", e)));
        }
    }
    if server.peer_certificates().map_or(0, |c| c.len()) == 0 {
        fail("server saw no client certificate".into());
    }
    println!(
        "rustls 0.20/webpki 0.22: mutual TLS {} OK ({:?}), client certificate verified",
        server_name,
        client.protocol_version().unwrap()
    );
}
