// Differential judge for Trust's LinkerdPem: how Linkerd reads certificate text, decided by Go itself.
// encoding/pem and crypto/x509 are Go's own; the loop around them restates Linkerd's pkg/tls/codec.go
// (DecodePEMCertificates) and the empty check of DecodePEMCertPool / DecodePEMCrt.
// Standard library only: GO111MODULE=off go run main.go DIR
// Prints one line per file in DIR, sorted by name: NAME<TAB>VERDICT<TAB>COUNT<TAB>FINGERPRINTS<TAB>GO'S ERROR
// where VERDICT is ok, not-pem, no-certificates or x509, and FINGERPRINTS are the first 16 hex digits of the
// SHA-256 of each certificate read (comma separated, "-" for none).
package main

import (
	"crypto/sha256"
	"crypto/x509"
	"encoding/hex"
	"encoding/pem"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
)

var errNotPEM = errors.New("not a PEM certificate")
var errNoCertificates = errors.New("No certificates found")

// linkerdRead reads data as Linkerd does: pem.Decode until nothing is left; a nil block is an error, the first
// block that is not CERTIFICATE ends the reading silently, a certificate x509 cannot parse is an error; no
// certificate at all is an error for the identity controller and the issuer reader.
func linkerdRead(data []byte) ([]*x509.Certificate, error) {
	var certs []*x509.Certificate
	for len(data) > 0 {
		block, rest := pem.Decode(data)
		if block == nil {
			return certs, errNotPEM
		}
		if block.Type != "CERTIFICATE" {
			break
		}
		c, err := x509.ParseCertificate(block.Bytes)
		if err != nil {
			return certs, err
		}
		certs = append(certs, c)
		data = rest
	}
	if len(certs) == 0 {
		return nil, errNoCertificates
	}
	return certs, nil
}

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: go run main.go DIR")
		os.Exit(2)
	}
	entries, err := os.ReadDir(os.Args[1])
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	names := make([]string, 0, len(entries))
	for _, e := range entries {
		if !e.IsDir() {
			names = append(names, e.Name())
		}
	}
	sort.Strings(names)
	fmt.Printf("# %s\n", runtime.Version())
	for _, name := range names {
		data, err := os.ReadFile(filepath.Join(os.Args[1], name))
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(2)
		}
		certs, err := linkerdRead(data)
		verdict, message := "ok", ""
		switch {
		case err == nil:
		case errors.Is(err, errNotPEM):
			verdict, message = "not-pem", err.Error()
		case errors.Is(err, errNoCertificates):
			verdict, message = "no-certificates", err.Error()
		default:
			verdict, message = "x509", err.Error()
		}
		prints := make([]string, 0, len(certs))
		for _, c := range certs {
			sum := sha256.Sum256(c.Raw)
			prints = append(prints, hex.EncodeToString(sum[:8]))
		}
		joined := strings.Join(prints, ",")
		if joined == "" {
			joined = "-"
		}
		fmt.Printf("%s\t%s\t%d\t%s\t%s\n", name, verdict, len(certs), joined, message)
	}
}
