// Go crypto/x509 issuing Linkerd-shaped leaves, one thread: new P-256 key + sign + PEM (or a reused key).
// Prints: issue certs_per_s=<float> n=<N>   |   issue-signonly certs_per_s=<float>
package main

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"flag"
	"fmt"
	"math/big"
	"runtime"
	"time"
)

func main() {
	n := flag.Int("n", 10000, "certificates")
	signOnly := flag.Bool("sign-only", false, "reuse one leaf key")
	flag.Parse()
	runtime.GOMAXPROCS(1)

	anchorKey, _ := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	issuerKey, _ := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	now := time.Now()
	anchorTmpl := &x509.Certificate{SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "root.linkerd.cluster.local"},
		NotBefore: now.Add(-time.Minute), NotAfter: now.Add(87600 * time.Hour), IsCA: true, BasicConstraintsValid: true,
		MaxPathLen: 1, KeyUsage: x509.KeyUsageCertSign | x509.KeyUsageCRLSign}
	anchorDer, _ := x509.CreateCertificate(rand.Reader, anchorTmpl, anchorTmpl, &anchorKey.PublicKey, anchorKey)
	anchor, _ := x509.ParseCertificate(anchorDer)
	issuerTmpl := &x509.Certificate{SerialNumber: big.NewInt(2), Subject: pkix.Name{CommonName: "identity.linkerd.cluster.local"},
		NotBefore: now.Add(-time.Minute), NotAfter: now.Add(8760 * time.Hour), IsCA: true, BasicConstraintsValid: true,
		MaxPathLen: 0, MaxPathLenZero: true, KeyUsage: x509.KeyUsageCertSign | x509.KeyUsageCRLSign}
	issuerDer, _ := x509.CreateCertificate(rand.Reader, issuerTmpl, anchor, &issuerKey.PublicKey, anchorKey)
	issuer, _ := x509.ParseCertificate(issuerDer)
	reused, _ := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	limit := new(big.Int).Lsh(big.NewInt(1), 128)

	one := func() {
		key := reused
		if !*signOnly {
			key, _ = ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
		}
		serial, _ := rand.Int(rand.Reader, limit)
		t := time.Now()
		tmpl := &x509.Certificate{SerialNumber: serial,
			Subject:   pkix.Name{CommonName: "web.default.serviceaccount.identity.linkerd.cluster.local"},
			DNSNames:  []string{"web.default.serviceaccount.identity.linkerd.cluster.local"},
			NotBefore: t.Add(-20 * time.Second), NotAfter: t.Add(24 * time.Hour),
			KeyUsage:    x509.KeyUsageDigitalSignature | x509.KeyUsageKeyEncipherment,
			ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth, x509.ExtKeyUsageClientAuth}}
		der, err := x509.CreateCertificate(rand.Reader, tmpl, issuer, &key.PublicKey, issuerKey)
		if err != nil {
			panic(err)
		}
		_ = pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der})
	}
	for i := 0; i < 500 && i < *n; i++ {
		one()
	}
	start := time.Now()
	for i := 0; i < *n; i++ {
		one()
	}
	rate := float64(*n) / time.Since(start).Seconds()
	if *signOnly {
		fmt.Printf("issue-signonly certs_per_s=%.3f\n", rate)
	} else {
		fmt.Printf("issue certs_per_s=%.3f n=%d\n", rate, *n)
	}
}
