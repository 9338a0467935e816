// Go building a CertPool from a bundle and verifying a chain against it (Linkerd's issuer check).
// Prints: verify pool_ms=<float> verifies_per_s=<float>
package main

import (
	"crypto/x509"
	"encoding/pem"
	"flag"
	"fmt"
	"os"
	"runtime"
	"time"
)

func main() {
	bundle := flag.String("bundle", "", "anchors")
	chainFile := flag.String("chain", "", "certificate then intermediates")
	n := flag.Int("n", 10000, "verifications")
	flag.Parse()
	runtime.GOMAXPROCS(1)
	bundleData, _ := os.ReadFile(*bundle)
	chainData, _ := os.ReadFile(*chainFile)
	start := time.Now()
	pool := x509.NewCertPool()
	if !pool.AppendCertsFromPEM(bundleData) {
		panic("no anchors")
	}
	var chain []*x509.Certificate
	for {
		var block *pem.Block
		block, chainData = pem.Decode(chainData)
		if block == nil {
			break
		}
		c, err := x509.ParseCertificate(block.Bytes)
		if err != nil {
			panic(err)
		}
		chain = append(chain, c)
	}
	inter := x509.NewCertPool()
	for _, c := range chain[1:] {
		inter.AddCert(c)
	}
	opts := x509.VerifyOptions{Roots: pool, Intermediates: inter}
	if _, err := chain[0].Verify(opts); err != nil {
		panic(err)
	}
	poolMs := float64(time.Since(start).Microseconds()) / 1000
	for i := 0; i < 200 && i < *n; i++ {
		chain[0].Verify(opts)
	}
	start = time.Now()
	for i := 0; i < *n; i++ {
		if _, err := chain[0].Verify(opts); err != nil {
			panic(err)
		}
	}
	fmt.Printf("verify pool_ms=%.3f verifies_per_s=%.3f\n", poolMs, float64(*n)/time.Since(start).Seconds())
}
