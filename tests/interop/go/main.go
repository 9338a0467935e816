// Interop check with Go's crypto/x509 and crypto/tls (what Linkerd's control plane uses).
// Usage: go run main.go DIR   (DIR holds pki/ca.crt, pki/issuer.crt, server.crt/key, client.crt/key)
package main

import (
	"crypto/tls"
	"crypto/x509"
	"encoding/pem"
	"fmt"
	"io"
	"os"
	"path/filepath"
)

func fail(format string, args ...any) {
	fmt.Fprintf(os.Stderr, "go: FAIL: "+format+"\n", args...)
	os.Exit(1)
}

func readCerts(path string) []*x509.Certificate {
	data, err := os.ReadFile(path)
	if err != nil {
		fail("%v", err)
	}
	var certs []*x509.Certificate
	for {
		var block *pem.Block
		block, data = pem.Decode(data)
		if block == nil {
			break
		}
		c, err := x509.ParseCertificate(block.Bytes)
		if err != nil {
			fail("%s: %v", path, err)
		}
		certs = append(certs, c)
	}
	return certs
}

func main() {
	dir := os.Args[1]
	anchors := x509.NewCertPool()
	for _, c := range readCerts(filepath.Join(dir, "pki", "ca.crt")) {
		anchors.AddCert(c)
	}

	// Linkerd's "issuer cert is issued by the trust anchor": Verify with KeyUsages unset (=> ServerAuth).
	issuer := readCerts(filepath.Join(dir, "pki", "issuer.crt"))
	if _, err := issuer[0].Verify(x509.VerifyOptions{Roots: anchors}); err != nil {
		fail("issuer does not verify against the anchors: %v", err)
	}
	if !issuer[0].IsCA {
		fail("issuer is not a CA")
	}

	serverCert, err := tls.LoadX509KeyPair(filepath.Join(dir, "server.crt"), filepath.Join(dir, "server.key"))
	if err != nil {
		fail("server pair: %v", err)
	}
	clientCert, err := tls.LoadX509KeyPair(filepath.Join(dir, "client.crt"), filepath.Join(dir, "client.key"))
	if err != nil {
		fail("client pair: %v", err)
	}
	serverName := readCerts(filepath.Join(dir, "server.crt"))[0].DNSNames[0]

	listener, err := tls.Listen("tcp", "127.0.0.1:0", &tls.Config{
		Certificates: []tls.Certificate{serverCert},
		ClientCAs:    anchors,
		ClientAuth:   tls.RequireAndVerifyClientCert,
		MinVersion:   tls.VersionTLS12,
	})
	if err != nil {
		fail("listen: %v", err)
	}
	defer listener.Close()
	peer := make(chan string, 1)
	go func() {
		conn, err := listener.Accept()
		if err != nil {
			peer <- "accept: " + err.Error()
			return
		}
		defer conn.Close()
		tlsConn := conn.(*tls.Conn)
		if err := tlsConn.Handshake(); err != nil {
			peer <- "server handshake: " + err.Error()
			return
		}
		state := tlsConn.ConnectionState()
		io.WriteString(conn, "pong")
		peer <- "client " + state.PeerCertificates[0].Subject.CommonName
	}()

	conn, err := tls.Dial("tcp", listener.Addr().String(), &tls.Config{
		RootCAs:      anchors,
		Certificates: []tls.Certificate{clientCert},
		ServerName:   serverName,
		MinVersion:   tls.VersionTLS12,
	})
	if err != nil {
		fail("client handshake: %v (server: %s)", err, <-peer)
	}
	defer conn.Close()
	reply, _ := io.ReadAll(conn)
	result := <-peer
	if string(reply) != "pong" {
		fail("no application data after handshake (%s)", result)
	}
	fmt.Printf("go %s: issuer verifies against anchors; mutual TLS %s <-> %s OK (%s)\n",
		"crypto/x509+tls", serverName, result, versionName(conn.ConnectionState().Version))
}

// versionName names the TLS version (tls.VersionName needs Go 1.21; Debian bookworm ships 1.19).
func versionName(v uint16) string {
	switch v {
	case tls.VersionTLS13:
		return "TLS 1.3"
	case tls.VersionTLS12:
		return "TLS 1.2"
	}
	return fmt.Sprintf("0x%04x", v)
}
