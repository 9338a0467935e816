// Differential test of `trust verify` against Go's crypto/x509 Verify, which Linkerd's control plane uses.
// Go generates each chain in the table below with x509.CreateCertificate (or crafts the DER where Go refuses to),
// writes it as PEM, verifies it with x509.Verify, runs `trust verify` on the same files, and compares the verdicts.
// A case marked `stricter` is one where Trust deliberately refuses what Go accepts (docs/checks.md says why); the
// test asserts both that Go accepts it and that Trust refuses it, so a stale entry fails too.
//
// Usage: GO111MODULE=off go run main.go [-v] [-run TEXT] [-dir DIR] -- TRUST-COMMAND...   (e.g. -- dotnet path/to/trust.dll)
package main

import (
	"bytes"
	"crypto"
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/asn1"
	"encoding/pem"
	"flag"
	"fmt"
	"math/big"
	"net"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"time"
)

// base is the verification time of every case unless a case says otherwise; whole seconds, as certificates hold.
var base = time.Now().UTC().Truncate(time.Second)

type node struct {
	der  []byte
	cert *x509.Certificate
	key  crypto.Signer
}

type material struct {
	leaf          []byte
	intermediates [][]byte
	roots         [][]byte
	at            time.Time
}

type testCase struct {
	name     string
	build    func() material
	usage    string // server (default), client, any
	dnsName  string
	stricter string // why Trust refuses although Go accepts; empty when the verdicts must agree
}

type option func(*x509.Certificate)

func must(err error) {
	if err != nil {
		panic(err)
	}
}

func keyOf(kind string) crypto.Signer {
	switch kind {
	case "p224":
		k, err := ecdsa.GenerateKey(elliptic.P224(), rand.Reader)
		must(err)
		return k
	case "p384":
		k, err := ecdsa.GenerateKey(elliptic.P384(), rand.Reader)
		must(err)
		return k
	case "p521":
		k, err := ecdsa.GenerateKey(elliptic.P521(), rand.Reader)
		must(err)
		return k
	case "rsa512", "rsa1024", "rsa2048":
		bits := map[string]int{"rsa512": 512, "rsa1024": 1024, "rsa2048": 2048}[kind]
		k, err := rsa.GenerateKey(rand.Reader, bits)
		must(err)
		return k
	case "ed25519":
		_, k, err := ed25519.GenerateKey(rand.Reader)
		must(err)
		return k
	default:
		k, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
		must(err)
		return k
	}
}

var serial int64 = 1000

func template(cn string, ca bool) *x509.Certificate {
	serial++
	t := &x509.Certificate{
		SerialNumber: big.NewInt(serial),
		Subject:      pkix.Name{CommonName: cn},
		NotBefore:    base.Add(-time.Hour),
		NotAfter:     base.Add(24 * time.Hour),
	}
	if ca {
		t.IsCA = true
		t.BasicConstraintsValid = true
		t.MaxPathLen = -1
		t.KeyUsage = x509.KeyUsageCertSign | x509.KeyUsageCRLSign
	} else {
		t.KeyUsage = x509.KeyUsageDigitalSignature
		t.ExtKeyUsage = []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth, x509.ExtKeyUsageClientAuth}
	}
	return t
}

// issue signs t with parent (nil: self-signed) for a key of the given kind.
func issue(t *x509.Certificate, parent *node, kind string) *node {
	key := keyOf(kind)
	signerCert, signerKey := t, key
	if parent != nil {
		signerCert, signerKey = parent.cert, parent.key
	}
	der, err := x509.CreateCertificate(rand.Reader, t, signerCert, key.Public(), signerKey)
	must(err)
	c, err := x509.ParseCertificate(der)
	if err != nil {
		// A deliberately malformed certificate: keep the DER, and a stand-in for signing below it.
		c = t
	}
	return &node{der: der, cert: c, key: key}
}

func ca(cn string, parent *node, kind string, opts ...option) *node {
	t := template(cn, true)
	for _, o := range opts {
		o(t)
	}
	return issue(t, parent, kind)
}

func leaf(parent *node, kind string, opts ...option) *node {
	t := template("leaf", false)
	t.DNSNames = []string{"web.example.com"}
	for _, o := range opts {
		o(t)
	}
	return issue(t, parent, kind)
}

func pathLen(n int) option {
	return func(t *x509.Certificate) { t.MaxPathLen = n; t.MaxPathLenZero = n == 0 }
}
func sigAlg(a x509.SignatureAlgorithm) option {
	return func(t *x509.Certificate) { t.SignatureAlgorithm = a }
}
func eku(u ...x509.ExtKeyUsage) option { return func(t *x509.Certificate) { t.ExtKeyUsage = u } }
func unknownEku() option {
	return func(t *x509.Certificate) {
		t.ExtKeyUsage = nil
		t.UnknownExtKeyUsage = []asn1.ObjectIdentifier{{1, 3, 6, 1, 4, 1, 99999, 1}}
	}
}
func dns(names ...string) option    { return func(t *x509.Certificate) { t.DNSNames = names } }
func emails(names ...string) option { return func(t *x509.Certificate) { t.EmailAddresses = names } }
func ips(addresses ...string) option {
	return func(t *x509.Certificate) {
		for _, a := range addresses {
			t.IPAddresses = append(t.IPAddresses, net.ParseIP(a))
		}
	}
}
func uris(raw ...string) option {
	return func(t *x509.Certificate) {
		for _, r := range raw {
			u, err := url.Parse(r)
			must(err)
			t.URIs = append(t.URIs, u)
		}
	}
}
func noSan(cn string) option {
	return func(t *x509.Certificate) { t.DNSNames = nil; t.Subject = pkix.Name{CommonName: cn} }
}
func notCA() option { return func(t *x509.Certificate) { t.IsCA = false } }
func noBasicConstraints() option {
	return func(t *x509.Certificate) { t.IsCA = false; t.BasicConstraintsValid = false }
}
func keyUsage(u x509.KeyUsage) option { return func(t *x509.Certificate) { t.KeyUsage = u } }
func validity(from, to time.Time) option {
	return func(t *x509.Certificate) { t.NotBefore = from; t.NotAfter = to }
}
func extension(oid asn1.ObjectIdentifier, critical bool, value []byte) option {
	return func(t *x509.Certificate) {
		t.ExtraExtensions = append(t.ExtraExtensions, pkix.Extension{Id: oid, Critical: critical, Value: value})
	}
}

// Name constraints through Go's own encoder.
func permitDNS(critical bool, d ...string) option {
	return func(t *x509.Certificate) { t.PermittedDNSDomains = d; t.PermittedDNSDomainsCritical = critical }
}
func excludeDNS(critical bool, d ...string) option {
	return func(t *x509.Certificate) { t.ExcludedDNSDomains = d; t.PermittedDNSDomainsCritical = critical }
}
func cidrs(list []string) []*net.IPNet {
	var out []*net.IPNet
	for _, c := range list {
		_, n, err := net.ParseCIDR(c)
		must(err)
		out = append(out, n)
	}
	return out
}
func permitIP(c ...string) option {
	return func(t *x509.Certificate) { t.PermittedIPRanges = cidrs(c) }
}
func excludeIP(c ...string) option {
	return func(t *x509.Certificate) { t.ExcludedIPRanges = cidrs(c) }
}
func permitEmail(e ...string) option {
	return func(t *x509.Certificate) { t.PermittedEmailAddresses = e }
}
func excludeEmail(e ...string) option {
	return func(t *x509.Certificate) { t.ExcludedEmailAddresses = e }
}
func permitURI(d ...string) option  { return func(t *x509.Certificate) { t.PermittedURIDomains = d } }
func excludeURI(d ...string) option { return func(t *x509.Certificate) { t.ExcludedURIDomains = d } }

var (
	oidBasicConstraints = asn1.ObjectIdentifier{2, 5, 29, 19}
	oidNameConstraints  = asn1.ObjectIdentifier{2, 5, 29, 30}
	oidSubjectAltName   = asn1.ObjectIdentifier{2, 5, 29, 17}
	oidAIA              = asn1.ObjectIdentifier{1, 3, 6, 1, 5, 5, 7, 1, 1}
)

func hexBytes(s string) []byte {
	var b []byte
	s = strings.ReplaceAll(s, " ", "")
	for i := 0; i < len(s); i += 2 {
		var v byte
		fmt.Sscanf(s[i:i+2], "%02x", &v)
		b = append(b, v)
	}
	return b
}

// withSPKI re-signs n's certificate with its subjectPublicKeyInfo replaced, for keys Go cannot create.
func withSPKI(n *node, parent *node, spki []byte) []byte {
	var cert struct {
		TBS asn1.RawValue
		Alg asn1.RawValue
		Sig asn1.BitString
	}
	_, err := asn1.Unmarshal(n.der, &cert)
	must(err)
	var elems [][]byte
	rest := cert.TBS.Bytes
	for len(rest) > 0 {
		var v asn1.RawValue
		rest, err = asn1.Unmarshal(rest, &v)
		must(err)
		elems = append(elems, v.FullBytes)
	}
	elems[6] = spki // version, serial, signature, issuer, validity, subject, subjectPublicKeyInfo, extensions
	tbs, err := asn1.Marshal(asn1.RawValue{Tag: asn1.TagSequence, IsCompound: true, Bytes: bytes.Join(elems, nil)})
	must(err)
	h := crypto.SHA256.New()
	h.Write(tbs)
	sig, err := parent.key.Sign(rand.Reader, h.Sum(nil), crypto.SHA256)
	must(err)
	out, err := asn1.Marshal(struct {
		TBS asn1.RawValue
		Alg asn1.RawValue
		Sig asn1.BitString
	}{asn1.RawValue{FullBytes: tbs}, cert.Alg, asn1.BitString{Bytes: sig, BitLength: len(sig) * 8}})
	must(err)
	return out
}

func ecSPKI(curve asn1.ObjectIdentifier, point []byte) []byte {
	out, err := asn1.Marshal(struct {
		Alg struct{ Algorithm, Curve asn1.ObjectIdentifier }
		Key asn1.BitString
	}{struct{ Algorithm, Curve asn1.ObjectIdentifier }{asn1.ObjectIdentifier{1, 2, 840, 10045, 2, 1}, curve},
		asn1.BitString{Bytes: point, BitLength: len(point) * 8}})
	must(err)
	return out
}

func chain(l *node, intermediates []*node, roots ...*node) material {
	m := material{leaf: l.der, at: base}
	for _, i := range intermediates {
		m.intermediates = append(m.intermediates, i.der)
	}
	for _, r := range roots {
		m.roots = append(m.roots, r.der)
	}
	return m
}

// simple: root -> intermediate -> leaf, with options for each.
func simple(rootOpts, intOpts, leafOpts []option) material {
	root := ca("root", nil, "p256", rootOpts...)
	mid := ca("issuer", root, "p256", intOpts...)
	return chain(leaf(mid, "p256", leafOpts...), []*node{mid}, root)
}

func o(opts ...option) []option { return opts }

func cases() []testCase {
	var list []testCase
	add := func(c testCase) { list = append(list, c) }

	// --- Name constraints: DNS, at the root and at the intermediate, critical and not.
	for _, where := range []string{"root", "intermediate"} {
		for _, critical := range []bool{false, true} {
			at := func(opt option) (r, i []option) {
				if where == "root" {
					return o(opt), nil
				}
				return nil, o(opt)
			}
			tag := fmt.Sprintf("dns %s critical=%v ", where, critical)
			dnsCase := func(name string, constraint option, leafNames ...string) {
				r, i := at(constraint)
				add(testCase{name: tag + name, build: func() material { return simple(r, i, o(dns(leafNames...))) }})
			}
			dnsCase("permitted exact", permitDNS(critical, "example.com"), "example.com")
			dnsCase("permitted subdomain", permitDNS(critical, "example.com"), "web.example.com")
			dnsCase("permitted refuses evil.org", permitDNS(critical, "example.com"), "evil.org")
			dnsCase("permitted refuses notexample.com", permitDNS(critical, "example.com"), "notexample.com")
			dnsCase("leading dot refuses the domain itself", permitDNS(critical, ".example.com"), "example.com")
			dnsCase("leading dot permits a subdomain", permitDNS(critical, ".example.com"), "a.example.com")
			dnsCase("excluded subdomain", excludeDNS(critical, "example.com"), "a.example.com")
			dnsCase("excluded other domain passes", excludeDNS(critical, "example.com"), "example.org")
			dnsCase("one of two names not permitted", permitDNS(critical, "example.com"), "example.com", "evil.org")
		}
	}
	dnsOnly := func(name string, constraint option, leafOpts ...option) {
		add(testCase{name: "dns " + name, build: func() material { return simple(o(constraint), nil, leafOpts) }})
	}
	dnsOnly("empty permitted constraint matches everything", permitDNS(false, ""), dns("anything.test"))
	dnsOnly("empty excluded constraint excludes everything", excludeDNS(false, ""), dns("anything.test"))
	dnsOnly("case-insensitive", permitDNS(false, "EXAMPLE.com"), dns("Web.Example.COM"))
	dnsOnly("common name is ignored without SANs", permitDNS(false, "example.com"), noSan("evil.org"))
	dnsOnly("wildcard under permitted", permitDNS(false, "example.com"), dns("*.example.com"))
	dnsOnly("email SAN only under a DNS constraint", permitDNS(false, "example.com"), dns(), emails("a@evil.org"))
	add(testCase{name: "dns leaf name with a leading empty label", build: func() material {
		return simple(o(permitDNS(false, "example.com")), nil, o(dns(".example.com")))
	}, stricter: "current Go refuses a name with an empty label under constraints; Go 1.19 let a leading dot through"})
	dnsOnly("permitted several", permitDNS(false, "example.org", "example.com"), dns("web.example.com"))
	add(testCase{name: "dns intermediate widens what the root permits", build: func() material {
		return simple(o(permitDNS(false, "example.com")), o(permitDNS(false, "evil.org")), o(dns("web.evil.org")))
	}})
	add(testCase{name: "dns wildcard that could be an excluded name", build: func() material {
		return simple(o(excludeDNS(false, "bad.example.com")), nil, o(dns("*.example.com")))
	}, stricter: "current Go (since the CVE-2025-61727 fix) excludes a wildcard that covers an excluded name; Go 1.19 did not"})
	add(testCase{name: "dns --name evil.org under root permitting example.com", dnsName: "evil.org", build: func() material {
		return simple(o(permitDNS(false, "example.com")), nil, o(dns("evil.org")))
	}})
	nameCase := func(name, requested string, leafNames ...string) {
		add(testCase{name: "--name " + name, dnsName: requested, build: func() material { return simple(nil, nil, o(dns(leafNames...))) }})
	}
	nameCase("exact", "web.example.com", "web.example.com")
	nameCase("other name", "api.example.com", "web.example.com")
	nameCase("case and trailing dot", "WEB.Example.com.", "web.example.com")
	nameCase("wildcard one label", "a.example.com", "*.example.com")
	nameCase("wildcard two labels", "a.b.example.com", "*.example.com")
	nameCase("wildcard does not cover the parent", "example.com", "*.example.com")
	add(testCase{name: "dns intermediate SAN outside the root's constraint", build: func() material {
		return simple(o(permitDNS(false, "example.com")), o(dns("ca.evil.org")), o(dns("web.example.com")))
	}, stricter: "current Go checks the names of every certificate below a constrained CA; Go 1.19 checked the leaf and the CA itself"})

	// --- IP ranges.
	ipCase := func(name string, constraint option, addresses ...string) {
		add(testCase{name: "ip " + name, build: func() material { return simple(o(constraint), nil, o(dns(), ips(addresses...))) }})
	}
	ipCase("v4 inside permitted", permitIP("10.0.0.0/8"), "10.1.2.3")
	ipCase("v4 outside permitted", permitIP("10.0.0.0/8"), "11.0.0.1")
	ipCase("v4 excluded", excludeIP("192.168.0.0/16"), "192.168.1.1")
	ipCase("v4 not excluded", excludeIP("192.168.0.0/16"), "192.169.0.1")
	ipCase("v6 inside permitted", permitIP("2001:db8::/32"), "2001:db8::1")
	ipCase("v6 outside permitted", permitIP("2001:db8::/32"), "2001:db9::1")
	ipCase("v4 name under only a v6 range", permitIP("2001:db8::/32"), "10.0.0.1")
	ipCase("v6 excluded /128", excludeIP("2001:db8::5/128"), "2001:db8::5")
	ipCase("IP constraint ignores DNS names", permitIP("10.0.0.0/8"))

	// --- Email.
	emailCase := func(name string, constraint option, addresses ...string) {
		add(testCase{name: "email " + name, build: func() material { return simple(o(constraint), nil, o(dns(), emails(addresses...))) }})
	}
	emailCase("domain permits mailbox", permitEmail("example.com"), "user@example.com")
	emailCase("domain permits subdomain mailbox (as Go)", permitEmail("example.com"), "user@mail.example.com")
	emailCase("domain refuses other domain", permitEmail("example.com"), "user@evil.org")
	emailCase(".domain refuses the domain", permitEmail(".example.com"), "user@example.com")
	emailCase(".domain permits a subdomain", permitEmail(".example.com"), "user@mail.example.com")
	emailCase("mailbox exact", permitEmail("admin@example.com"), "admin@example.com")
	emailCase("mailbox domain case-insensitive", permitEmail("admin@example.com"), "admin@EXAMPLE.com")
	emailCase("mailbox local part case-sensitive", permitEmail("admin@example.com"), "Admin@example.com")
	emailCase("mailbox other local part", permitEmail("admin@example.com"), "other@example.com")
	emailCase("excluded domain", excludeEmail("example.com"), "user@example.com")
	emailCase("quoted local part", permitEmail("example.com"), "\"john smith\"@example.com")
	emailCase("unparseable address under a constraint", permitEmail("example.com"), "not-an-address")

	// --- URI host constraints.
	uriCase := func(name string, constraint option, raw ...string) {
		add(testCase{name: "uri " + name, build: func() material { return simple(o(constraint), nil, o(dns(), uris(raw...))) }})
	}
	uriCase("host permitted", permitURI("example.com"), "https://www.example.com/path")
	uriCase("host refused", permitURI("example.com"), "https://evil.org/")
	uriCase("leading dot refuses the domain", permitURI(".example.com"), "spiffe://example.com/ns/x")
	uriCase("spiffe trust domain", permitURI("cluster.local"), "spiffe://cluster.local/ns/default/sa/web")
	uriCase("host with port", permitURI("example.com"), "https://api.example.com:8443/x")
	uriCase("user info is not the host", permitURI("example.com"), "https://example.com@evil.org/")
	uriCase("IP host cannot be matched", permitURI("example.com"), "https://10.0.0.1/")
	uriCase("no host cannot be matched", permitURI("example.com"), "urn:example:thing")
	uriCase("excluded host", excludeURI("evil.org"), "https://www.evil.org/")

	// --- Name constraints Go does not enforce (directoryName): ignored when not critical, unhandled when critical.
	dirName := hexBytes("3015a0133011a40f300d310b3009060355040613025553") // permitted directoryName C=US
	add(testCase{name: "nc directoryName only, not critical", build: func() material {
		return simple(o(extension(oidNameConstraints, false, dirName)), nil, nil)
	}})
	add(testCase{name: "nc directoryName only, critical", build: func() material {
		return simple(o(extension(oidNameConstraints, true, dirName)), nil, nil)
	}})

	// --- Path length, self-issued intermediates included (Go counts them; RFC 5280 would not).
	add(testCase{name: "pathlen 0 root signs a leaf", build: func() material {
		root := ca("root", nil, "p256", pathLen(0))
		return chain(leaf(root, "p256"), nil, root)
	}})
	add(testCase{name: "pathlen 0 root with one intermediate", build: func() material { return simple(o(pathLen(0)), nil, nil) }})
	add(testCase{name: "pathlen 1 root with one intermediate", build: func() material { return simple(o(pathLen(1)), nil, nil) }})
	add(testCase{name: "pathlen none root with one intermediate", build: func() material { return simple(nil, nil, nil) }})
	add(testCase{name: "pathlen 1 root with two intermediates", build: func() material {
		root := ca("root", nil, "p256", pathLen(1))
		a := ca("a", root, "p256")
		b := ca("b", a, "p256")
		return chain(leaf(b, "p256"), []*node{a, b}, root)
	}})
	add(testCase{name: "pathlen 0 intermediate with one below", build: func() material {
		root := ca("root", nil, "p256")
		a := ca("a", root, "p256", pathLen(0))
		b := ca("b", a, "p256")
		return chain(leaf(b, "p256"), []*node{a, b}, root)
	}})
	for _, n := range []int{-1, 1, 2} {
		n := n
		add(testCase{name: fmt.Sprintf("pathlen %d root, intermediate plus a self-issued one", n), build: func() material {
			root := ca("root", nil, "p256", pathLen(n))
			a := ca("issuer", root, "p256")
			rollover := ca("issuer", a, "p256") // same name, new key: self-issued
			return chain(leaf(rollover, "p256"), []*node{a, rollover}, root)
		}})
	}
	add(testCase{name: "intermediate CA:FALSE", build: func() material { return simple(nil, o(notCA()), nil) }})
	// Go's CheckSignatureFrom refuses a parent with CA:FALSE, a v3 parent without basicConstraints, and a parent
	// whose keyUsage lacks keyCertSign, roots included.
	add(testCase{name: "root CA:FALSE", build: func() material {
		root := ca("root", nil, "p256", notCA())
		return chain(leaf(root, "p256"), nil, root)
	}})
	add(testCase{name: "root v3 without basicConstraints", build: func() material {
		root := ca("root", nil, "p256", noBasicConstraints())
		return chain(leaf(root, "p256"), nil, root)
	}})
	add(testCase{name: "intermediate keyUsage without keyCertSign", build: func() material {
		return simple(nil, o(keyUsage(x509.KeyUsageDigitalSignature)), nil)
	}})
	add(testCase{name: "intermediate keyUsage with no bits set", build: func() material {
		return simple(nil, o(extension(asn1.ObjectIdentifier{2, 5, 29, 15}, true, hexBytes("030100"))), nil)
	}, stricter: "RFC 5280 forbids an empty keyUsage and webpki refuses it; Go reads it as no keyUsage"})

	// --- Extended key usage, nested down the chain as Go applies it.
	ekuCase := func(name, usage string, r, i, l []option) {
		add(testCase{name: "eku " + name + " for " + usage, usage: usage, build: func() material { return simple(r, i, l) }})
	}
	ekuCase("leaf server only", "server", nil, nil, o(eku(x509.ExtKeyUsageServerAuth)))
	ekuCase("leaf server only", "client", nil, nil, o(eku(x509.ExtKeyUsageServerAuth)))
	ekuCase("leaf client only", "any", nil, nil, o(eku(x509.ExtKeyUsageClientAuth)))
	ekuCase("leaf anyExtendedKeyUsage", "client", nil, nil, o(eku(x509.ExtKeyUsageAny)))
	ekuCase("leaf without EKU", "server", nil, nil, o(eku()))
	ekuCase("leaf unknown EKU only", "server", nil, nil, o(unknownEku()))
	ekuCase("intermediate client only", "server", nil, o(eku(x509.ExtKeyUsageClientAuth)), nil)
	ekuCase("intermediate client only", "client", nil, o(eku(x509.ExtKeyUsageClientAuth)), nil)
	ekuCase("root client only", "server", o(eku(x509.ExtKeyUsageClientAuth)), nil, nil)
	ekuCase("intermediate server, leaf client", "client", nil, o(eku(x509.ExtKeyUsageServerAuth)), o(eku(x509.ExtKeyUsageClientAuth)))
	ekuCase("intermediate any, leaf server", "server", nil, o(eku(x509.ExtKeyUsageAny)), o(eku(x509.ExtKeyUsageServerAuth)))

	// --- Validity, bounds inclusive.
	validityCase := func(name string, shift time.Duration, onLeaf, atNotAfter bool) {
		add(testCase{name: "validity " + name, build: func() material {
			// Inside the others' window [base-1h, base+24h], so only this certificate's bound is at stake.
			from, to := base.Add(-30*time.Minute), base.Add(2*time.Hour)
			var l, i []option
			if onLeaf {
				l = o(validity(from, to))
			} else {
				i = o(validity(from, to))
			}
			m := simple(nil, i, l)
			if atNotAfter {
				m.at = to.Add(shift)
			} else {
				m.at = from.Add(shift)
			}
			return m
		}})
	}
	validityCase("leaf at NotAfter", 0, true, true)
	validityCase("leaf one second after NotAfter", time.Second, true, true)
	validityCase("leaf at NotBefore", 0, true, false)
	validityCase("leaf one second before NotBefore", -time.Second, true, false)
	validityCase("intermediate at NotAfter", 0, false, true)
	validityCase("intermediate one second after NotAfter", time.Second, false, true)
	validityCase("intermediate one second before NotBefore", -time.Second, false, false)

	// --- Keys, the leaf's own included.
	for _, kind := range []string{"p224", "p256", "p384", "p521", "rsa1024", "rsa2048", "ed25519"} {
		kind := kind
		add(testCase{name: "leaf key " + kind, build: func() material {
			root := ca("root", nil, "p256")
			return chain(leaf(root, kind), nil, root)
		}})
	}
	add(testCase{name: "leaf key rsa512", build: func() material {
		root := ca("root", nil, "p256")
		return chain(leaf(root, "rsa512"), nil, root)
	}, stricter: "RSA keys under 1024 bits are refused, as Go 1.24 and later refuse them"})
	// P-192 generator point: Go cannot create the key, so the certificate is crafted.
	p192 := ecSPKI(asn1.ObjectIdentifier{1, 2, 840, 10045, 3, 1, 1}, hexBytes("04188da80eb03090f67cbf20eb43a18800f4ff0afd82ff101207192b95ffc8da78631011ed6b24cdd573f977a11e794811"))
	add(testCase{name: "leaf key P-192 (crafted)", build: func() material {
		root := ca("root", nil, "p256")
		l := leaf(root, "p256")
		return material{leaf: withSPKI(l, root, p192), roots: [][]byte{root.der}, at: base}
	}})
	add(testCase{name: "leaf key P-256 point not on the curve (crafted)", build: func() material {
		root := ca("root", nil, "p256")
		l := leaf(root, "p256")
		pub := l.key.Public().(*ecdsa.PublicKey)
		point := elliptic.Marshal(elliptic.P256(), pub.X, pub.Y)
		point[len(point)-1] ^= 1
		return material{leaf: withSPKI(l, root, ecSPKI(asn1.ObjectIdentifier{1, 2, 840, 10045, 3, 1, 7}, point)), roots: [][]byte{root.der}, at: base}
	}})
	add(testCase{name: "leaf key X25519 (crafted, an algorithm Go does not know)", build: func() material {
		root := ca("root", nil, "p256")
		l := leaf(root, "p256")
		spki, err := asn1.Marshal(struct {
			Alg struct{ Algorithm asn1.ObjectIdentifier }
			Key asn1.BitString
		}{struct{ Algorithm asn1.ObjectIdentifier }{asn1.ObjectIdentifier{1, 3, 101, 110}}, asn1.BitString{Bytes: make([]byte, 32), BitLength: 256}})
		must(err)
		return material{leaf: withSPKI(l, root, spki), roots: [][]byte{root.der}, at: base}
	}, stricter: "a leaf key must be one Go can use (ECDSA, RSA, Ed25519); Go 1.19 parses an unknown algorithm as no key and verifies the chain anyway"})

	// --- CA keys and signature algorithms.
	caKeyCase := func(name, kind string, alg x509.SignatureAlgorithm, stricter string) {
		add(testCase{name: "signature " + name, stricter: stricter, build: func() material {
			root := ca("root", nil, kind)
			return chain(leaf(root, "p256", sigAlg(alg)), nil, root)
		}})
	}
	caKeyCase("P-256 ECDSA-SHA256", "p256", x509.ECDSAWithSHA256, "")
	caKeyCase("P-256 ECDSA-SHA384", "p256", x509.ECDSAWithSHA384, "")
	caKeyCase("P-384 ECDSA-SHA384", "p384", x509.ECDSAWithSHA384, "")
	caKeyCase("P-521 ECDSA-SHA512", "p521", x509.ECDSAWithSHA512, "")
	caKeyCase("P-224 ECDSA-SHA256", "p224", x509.ECDSAWithSHA256, "")
	caKeyCase("RSA-2048 SHA256-RSA", "rsa2048", x509.SHA256WithRSA, "")
	caKeyCase("RSA-2048 SHA384-RSA", "rsa2048", x509.SHA384WithRSA, "")
	caKeyCase("RSA-2048 SHA512-RSA", "rsa2048", x509.SHA512WithRSA, "")
	caKeyCase("RSA-1024 SHA256-RSA", "rsa1024", x509.SHA256WithRSA, "")
	caKeyCase("RSA-2048 SHA1-RSA", "rsa2048", x509.SHA1WithRSA, "")
	caKeyCase("P-256 ECDSA-SHA1", "p256", x509.ECDSAWithSHA1, "")
	caKeyCase("RSA-2048 SHA256-RSAPSS", "rsa2048", x509.SHA256WithRSAPSS,
		"RSA-PSS signatures are not verified (Linkerd's anchors must be SHA256-RSA or ECDSA); Go accepts them")
	caKeyCase("Ed25519", "ed25519", x509.PureEd25519,
		"Ed25519 signatures are not verified (.NET has no Ed25519; Linkerd uses ECDSA); Go accepts them")
	add(testCase{name: "signature by a key that did not sign", build: func() material {
		root := ca("root", nil, "p256")
		impostor := ca("root", nil, "p256")
		return chain(leaf(root, "p256"), nil, impostor)
	}})

	// --- Malformed and unusual extensions (Go fails to parse the certificate; so must we).
	extCase := func(name string, onLeaf bool, oid asn1.ObjectIdentifier, critical bool, value string, stricter string) {
		add(testCase{name: "extension " + name, stricter: stricter, build: func() material {
			opt := extension(oid, critical, hexBytes(value))
			if onLeaf {
				return simple(nil, nil, o(opt))
			}
			return simple(nil, o(opt), nil)
		}})
	}
	// AIA: OCSP http://o.example and caIssuers http://c.example/ca.crt.
	goodAIA := "3044301d06082b060105050730018611687474703a2f2f6f2e6578616d706c652f302306082b060105050730028617687474703a2f2f632e6578616d706c652f63612e637274"
	extCase("AIA well formed", true, oidAIA, false, goodAIA, "")
	extCase("AIA well formed, critical", true, oidAIA, true, goodAIA, "")
	extCase("AIA not a sequence", true, oidAIA, false, "0403010203", "")
	extCase("AIA entry without a method", true, oidAIA, false, "300c300a8608687474703a2f2f78", "")
	extCase("AIA truncated", true, oidAIA, false, "3010300e", "")
	extCase("nameConstraints empty", false, oidNameConstraints, false, "3000", "")
	extCase("nameConstraints empty permitted", false, oidNameConstraints, false, "3002a000", "")
	extCase("nameConstraints IP with a bad mask", false, oidNameConstraints, false, "300ea00c300a87080a000000ff00ff00", "")
	extCase("nameConstraints IP of length 5", false, oidNameConstraints, false, "300ba009300787050a000000ff", "")
	extCase("nameConstraints DNS with an empty label", false, oidNameConstraints, false, "3012a010300e820c6578616d706c652e2e636f6d", "")
	extCase("nameConstraints URI that is an IP", false, oidNameConstraints, false, "300fa00d300b86093132372e302e302e31", "")
	extCase("basicConstraints not a sequence", false, oidBasicConstraints, true, "0401ff", "")
	extCase("basicConstraints with a path length only, negative", false, oidBasicConstraints, true, "30030201ff", "")
	extCase("basicConstraints trailing data after pathlen", false, oidBasicConstraints, true, "30090101ff020100040100",
		"basicConstraints must be exact DER; Go ignores what follows the path length")
	extCase("basicConstraints negative pathlen", false, oidBasicConstraints, true, "30060101ff0201ff",
		"a negative pathLenConstraint is malformed; Go reads it as no limit")
	extCase("subjectAltName IP of length 5", true, oidSubjectAltName, false, "300787050a00000001", "")
	extCase("subjectAltName URI Go cannot parse", true, oidSubjectAltName, false, "300686043a2f2f78", "")
	extCase("unknown critical extension", true, asn1.ObjectIdentifier{1, 3, 6, 1, 4, 1, 99999, 2}, true, "0500", "")
	extCase("unknown non-critical extension", true, asn1.ObjectIdentifier{1, 3, 6, 1, 4, 1, 99999, 2}, false, "0500", "")

	// --- Finding the chain.
	add(testCase{name: "chain intermediate missing", build: func() material {
		m := simple(nil, nil, nil)
		m.intermediates = nil
		return m
	}})
	add(testCase{name: "chain anchor with the same subject but another key, and the right one", build: func() material {
		root := ca("root", nil, "p256")
		other := ca("root", nil, "p256")
		mid := ca("issuer", root, "p256")
		return chain(leaf(mid, "p256"), []*node{mid}, other, root)
	}})
	add(testCase{name: "chain right anchor breaks pathlen, impostor anchor has the subject", build: func() material {
		root := ca("root", nil, "p256", pathLen(0))
		other := ca("root", nil, "p256")
		mid := ca("issuer", root, "p256")
		return chain(leaf(mid, "p256"), []*node{mid}, root, other)
	}})
	return list
}

type verdict struct {
	accept bool
	reason string
}

func readAll(ders [][]byte) ([]*x509.Certificate, error) {
	var out []*x509.Certificate
	for _, d := range ders {
		c, err := x509.ParseCertificate(d)
		if err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, nil
}

func goVerify(c testCase, m material) verdict {
	l, err := x509.ParseCertificate(m.leaf)
	if err != nil {
		return verdict{false, "parse: " + err.Error()}
	}
	inter, err := readAll(m.intermediates)
	if err != nil {
		return verdict{false, "parse: " + err.Error()}
	}
	roots, err := readAll(m.roots)
	if err != nil {
		return verdict{false, "parse: " + err.Error()}
	}
	opts := x509.VerifyOptions{Roots: x509.NewCertPool(), Intermediates: x509.NewCertPool(), CurrentTime: m.at, DNSName: c.dnsName}
	for _, r := range roots {
		opts.Roots.AddCert(r)
	}
	for _, i := range inter {
		opts.Intermediates.AddCert(i)
	}
	switch c.usage {
	case "client":
		opts.KeyUsages = []x509.ExtKeyUsage{x509.ExtKeyUsageClientAuth}
	case "any":
		opts.KeyUsages = []x509.ExtKeyUsage{x509.ExtKeyUsageAny}
	}
	if _, err := l.Verify(opts); err != nil {
		return verdict{false, err.Error()}
	}
	return verdict{true, "valid"}
}

func writePEM(path string, ders ...[]byte) {
	var b bytes.Buffer
	for _, d := range ders {
		must(pem.Encode(&b, &pem.Block{Type: "CERTIFICATE", Bytes: d}))
	}
	must(os.WriteFile(path, b.Bytes(), 0o644))
}

func trustVerify(command []string, dir string, c testCase, m material) verdict {
	writePEM(filepath.Join(dir, "chain.pem"), append([][]byte{m.leaf}, m.intermediates...)...)
	writePEM(filepath.Join(dir, "anchors.pem"), m.roots...)
	usage := c.usage
	if usage == "" {
		usage = "server"
	}
	args := append(append([]string{}, command[1:]...), "verify", filepath.Join(dir, "chain.pem"),
		"--anchors", filepath.Join(dir, "anchors.pem"), "--at", m.at.Format(time.RFC3339), "--usage", usage)
	if c.dnsName != "" {
		args = append(args, "--name", c.dnsName)
	}
	cmd := exec.Command(command[0], args...)
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	err := cmd.Run()
	reason := strings.TrimSpace(out.String())
	code := 0
	if exit, ok := err.(*exec.ExitError); ok {
		code = exit.ExitCode()
	} else if err != nil {
		return verdict{false, "cannot run trust: " + err.Error()}
	}
	switch code {
	case 0:
		return verdict{true, reason}
	case 1, 2: // invalid, or unreadable input (what Go's parser refuses)
		return verdict{false, fmt.Sprintf("exit %d: %s", code, reason)}
	default:
		return verdict{false, fmt.Sprintf("UNEXPECTED exit %d: %s", code, reason)}
	}
}

func word(accept bool) string {
	if accept {
		return "accept"
	}
	return "refuse"
}

func main() {
	verbose := flag.Bool("v", false, "print every case")
	dir := flag.String("dir", "", "work directory (default: a temporary one, removed afterwards)")
	only := flag.String("run", "", "run only the cases whose name contains this text")
	flag.Parse()
	command := flag.Args()
	if len(command) == 0 {
		fmt.Fprintln(os.Stderr, "usage: go run main.go [-v] [-run TEXT] [-dir DIR] -- TRUST-COMMAND...")
		os.Exit(2)
	}
	if *dir == "" {
		d, err := os.MkdirTemp("", "x509diff")
		must(err)
		defer os.RemoveAll(d)
		*dir = d
	}

	var list []testCase
	for _, c := range cases() {
		if strings.Contains(c.name, *only) {
			list = append(list, c)
		}
	}
	type result struct {
		line     string
		ok       bool
		stricter bool
	}
	results := make([]result, len(list))
	var wg sync.WaitGroup
	work := make(chan int)
	for w := 0; w < 2; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range work {
				c := list[i]
				caseDir := filepath.Join(*dir, fmt.Sprintf("%03d", i))
				must(os.MkdirAll(caseDir, 0o755))
				m := c.build()
				g := goVerify(c, m)
				t := trustVerify(command, caseDir, c, m)
				var ok bool
				if c.stricter != "" {
					ok = g.accept && !t.accept
				} else {
					ok = g.accept == t.accept && !strings.HasPrefix(t.reason, "UNEXPECTED")
				}
				status := "ok  "
				if !ok {
					status = "FAIL"
				}
				expected := word(g.accept)
				if c.stricter != "" {
					expected = "refuse (stricter than Go: " + c.stricter + ")"
				}
				results[i] = result{
					line:     fmt.Sprintf("%s %s: go %s, trust %s, expected %s\n       go:    %s\n       trust: %s", status, c.name, word(g.accept), word(t.accept), expected, g.reason, t.reason),
					ok:       ok,
					stricter: c.stricter != "",
				}
			}
		}()
	}
	for i := range list {
		work <- i
	}
	close(work)
	wg.Wait()

	passed, failed, stricter := 0, 0, 0
	for _, r := range results {
		if r.ok {
			passed++
		} else {
			failed++
		}
		if r.stricter {
			stricter++
		}
		if *verbose || !r.ok {
			fmt.Println(r.line)
		}
	}
	fmt.Printf("x509diff: %d cases agree with Go's x509.Verify (%s), %d of them deliberately stricter (docs/checks.md); %d failed\n",
		passed, runtime.Version(), stricter, failed)
	fmt.Printf("x509diff: %d passed, %d failed\n", passed, failed)
	if failed > 0 {
		os.Exit(1)
	}
}
