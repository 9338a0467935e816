// Go merging PEM inputs into a deduplicated bundle sorted by SHA-256 of the DER (trust-manager's semantics:
// every block must be a CERTIFICATE that parses). Files are read before timing starts.
// Prints: merge certs_in=<a> certs_out=<b> ms=<float>
package main

import (
	"bytes"
	"crypto/sha256"
	"crypto/x509"
	"encoding/pem"
	"flag"
	"fmt"
	"os"
	"runtime"
	"sort"
	"time"
)

func main() {
	out := flag.String("out", "", "output file")
	flag.Parse()
	runtime.GOMAXPROCS(1)
	var inputs [][]byte
	for _, f := range flag.Args() {
		data, err := os.ReadFile(f)
		if err != nil {
			panic(err)
		}
		inputs = append(inputs, data)
	}
	start := time.Now()
	type entry struct {
		hash [32]byte
		der  []byte
	}
	seen := map[[32]byte]entry{}
	in := 0
	for _, data := range inputs {
		for {
			var block *pem.Block
			block, data = pem.Decode(data)
			if block == nil {
				break
			}
			if block.Type != "CERTIFICATE" {
				panic("non-certificate block")
			}
			if _, err := x509.ParseCertificate(block.Bytes); err != nil {
				panic(err)
			}
			in++
			h := sha256.Sum256(block.Bytes)
			seen[h] = entry{h, block.Bytes}
		}
	}
	list := make([]entry, 0, len(seen))
	for _, e := range seen {
		list = append(list, e)
	}
	sort.Slice(list, func(i, j int) bool { return bytes.Compare(list[i].hash[:], list[j].hash[:]) < 0 })
	var buf bytes.Buffer
	for _, e := range list {
		pem.Encode(&buf, &pem.Block{Type: "CERTIFICATE", Bytes: e.der})
	}
	elapsed := time.Since(start)
	os.WriteFile(*out, buf.Bytes(), 0o644)
	fmt.Printf("merge certs_in=%d certs_out=%d ms=%.3f\n", in, len(list), float64(elapsed.Microseconds())/1000)
}
