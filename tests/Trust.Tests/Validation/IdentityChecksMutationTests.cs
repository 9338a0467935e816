using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Trust.Certificates;
using Trust.Findings;
using Trust.Keys;
using Trust.Tests.Support;
using Trust.Time;
using Trust.Validation;

namespace Trust.Tests.Validation;

/// <summary>
/// Every identity check's exact id, title, severity, message and remedy, its boundaries to the second, and which
/// anchor the issuer checks judge against when the issuer does not verify.
/// </summary>
public class IdentityChecksMutationTests
{
    private static readonly DateTimeOffset Now = Pki.Now;

    private const string PlainPem = "rewrite it as plain PEM: only CERTIFICATE blocks, no indentation, nothing after the last END line but one line break";

    private static ReadOnlyMemory<byte>? Bytes(string? text) => text is null ? default(ReadOnlyMemory<byte>?) : Encoding.UTF8.GetBytes(text); // not "? null :", which converts null to an empty memory

    private static IdentityMaterial Material(IReadOnlyList<CertificateInfo> anchors, IReadOnlyList<CertificateInfo> issuerChain,
        SigningKey? key = null, KeyPemFormat? format = null, string? anchorsText = null, string? issuerText = null) => new()
    {
        Anchors = anchors, IssuerChain = issuerChain, IssuerKey = key, IssuerKeyFormat = format,
        AnchorsContent = Bytes(anchorsText), IssuerContent = Bytes(issuerText),
    };

    private static CheckReport Run(IReadOnlyList<CertificateInfo> anchors, IReadOnlyList<CertificateInfo> issuerChain, DateTimeOffset? at = null,
        SigningKey? key = null, KeyPemFormat? format = null, string? anchorsText = null, string? issuerText = null) =>
        IdentityChecks.Run(Material(anchors, issuerChain, key, format, anchorsText, issuerText), at ?? Now);

    private static CheckReport Run(Issued anchor, Issued issuer, DateTimeOffset? at = null) => Run([anchor.Certificate], [issuer.Certificate], at);

    private static CheckFinding Find(CheckReport report, string id) => Assert.Single(report.Findings, f => f.Id == id);

    private static void AssertPassed(CheckFinding finding, string message = "ok")
    {
        Assert.True(finding.Passed, finding.Message);
        Assert.Equal(message, finding.Message);
        Assert.Null(finding.Remedy);
    }

    private static void AssertFailed(CheckFinding finding, string message, RemedyAction action, string advice)
    {
        Assert.False(finding.Passed);
        Assert.Equal(message, finding.Message);
        Assert.Equal(new Remedy(action, advice), finding.Remedy);
    }

    /// <summary>How the checks that cover every anchor name one: subject and the first 16 hex digits of its fingerprint.</summary>
    private static string Named(CertificateInfo c) => $"'{c.Subject}' ({c.Fingerprint[..16]})";

    private static string F(DateTimeOffset t) => Rfc3339.Format(t);

    private static Action<CertificateRequest> Eku(params string[] oids) => r =>
    {
        var collection = new OidCollection();
        foreach (var oid in oids) collection.Add(new Oid(oid));
        r.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(collection, false));
    };

    [Fact]
    public void A_clean_set_passes_every_check_in_order_with_its_id_title_and_severity()
    {
        var anchor = Pki.Anchor();
        var issuer = Pki.Issuer(anchor);
        var report = Run([anchor.Certificate], [issuer.Certificate], key: issuer.Key, format: KeyPemFormat.Pkcs8, anchorsText: anchor.Pem, issuerText: issuer.Pem);
        (string Id, string Title, CheckSeverity Severity)[] expected =
        [
            ("certificate-config-valid", "certificate config is valid", CheckSeverity.Fatal),
            ("anchors-algorithm", "trust anchors are using supported crypto algorithm", CheckSeverity.Fatal),
            ("anchors-validity", "trust anchors are within their validity period", CheckSeverity.Fatal),
            ("anchors-expiry", "trust anchors are valid for at least 60 days", CheckSeverity.Warning),
            ("issuer-algorithm", "issuer cert is using supported crypto algorithm", CheckSeverity.Fatal),
            ("issuer-validity", "issuer cert is within its validity period", CheckSeverity.Fatal),
            ("issuer-expiry", "issuer cert is valid for at least 60 days", CheckSeverity.Warning),
            ("issuer-signed-by-anchor", "issuer cert is issued by the trust anchor", CheckSeverity.Error),
            ("issuer-is-ca", "issuer cert is an intermediate CA", CheckSeverity.Fatal),
            ("distinct-subjects", "anchor and issuer subjects differ", CheckSeverity.Error),
            ("ca-extended-key-usage", "CA certificates allow serverAuth and clientAuth", CheckSeverity.Error),
            ("path-length", "path lengths allow the issuer to sign workload certificates", CheckSeverity.Error),
            ("path-length-within-signer", "CA path lengths fit inside what their signers allow", CheckSeverity.Warning),
            ("workload-names-permitted", "name constraints permit workload identities", CheckSeverity.Error),
            ("issuer-within-anchor", "issuer cert expires no later than its trust anchor", CheckSeverity.Warning),
            ("pem-format", "certificate PEM text is readable by Linkerd", CheckSeverity.Fatal),
        ];
        Assert.Equal(expected, report.Findings.Select(f => (f.Id, f.Title, f.Severity)));
        foreach (var finding in report.Findings) AssertPassed(finding);
    }

    [Fact]
    public void The_clock_form_runs_the_same_checks_at_the_clocks_time()
    {
        var anchor = Pki.Anchor();
        var issuer = Pki.Issuer(anchor);
        var material = Material([anchor.Certificate], [issuer.Certificate]);
        var later = Now.AddDays(366);
        var byClock = IdentityChecks.Run(material, TestClock.At(later));
        Assert.Equal(IdentityChecks.Run(material, later).Findings, byClock.Findings);
        Assert.False(Find(byClock, "issuer-validity").Passed);
        Assert.NotEqual(IdentityChecks.Run(material, Now).Findings, byClock.Findings);
    }

    [Fact]
    public void Missing_material_is_a_programmer_mistake()
    {
        var anchor = Pki.Anchor();
        var issuer = Pki.Issuer(anchor);
        Assert.Equal("time", Assert.Throws<ArgumentNullException>(() => IdentityChecks.Run(Material([anchor.Certificate], [issuer.Certificate]), (TimeProvider)null!)).ParamName);
        Assert.Equal("material", Assert.Throws<ArgumentNullException>(() => IdentityChecks.Run(null!, Now)).ParamName);
        var noAnchors = Assert.Throws<ArgumentException>(() => Run([], [issuer.Certificate]));
        Assert.Equal("material", noAnchors.ParamName);
        Assert.Equal("no trust anchors (Parameter 'material')", noAnchors.Message);
        var noIssuer = Assert.Throws<ArgumentException>(() => Run([anchor.Certificate], []));
        Assert.Equal("material", noIssuer.ParamName);
        Assert.Equal("no issuer certificate (Parameter 'material')", noIssuer.Message);
    }

    [Fact]
    public void The_config_check_passes_without_a_key_saying_the_key_was_not_matched()
    {
        var anchor = Pki.Anchor();
        AssertPassed(Find(Run(anchor, Pki.Issuer(anchor)), "certificate-config-valid"), "certificates parse; issuer key not given, so not matched");
    }

    [Fact]
    public void A_key_of_another_certificate_fails_the_config_check_with_the_remedy_to_give_the_right_one()
    {
        var anchor = Pki.Anchor();
        var issuer = Pki.Issuer(anchor);
        using var other = SigningKey.Generate(KeyAlgorithm.EcdsaP256);
        AssertFailed(Find(Run([anchor.Certificate], [issuer.Certificate], key: other), "certificate-config-valid"),
            "tls: Public and private key do not match", RemedyAction.ProvideMatchingKey,
            "give the key that belongs to the issuer certificate, or create a new issuer pair");
    }

    [Theory]
    [InlineData(KeyPemFormat.EncryptedPkcs8, "ENCRYPTED PRIVATE KEY")]
    [InlineData(KeyPemFormat.LegacyEncrypted, "Proc-Type: 4,ENCRYPTED")]
    public void An_encrypted_issuer_key_fails_the_config_check_naming_how_it_is_encrypted(KeyPemFormat format, string marker)
    {
        var anchor = Pki.Anchor();
        var issuer = Pki.Issuer(anchor);
        AssertFailed(Find(Run([anchor.Certificate], [issuer.Certificate], format: format), "certificate-config-valid"),
            $"the issuer key is encrypted ({marker}); Linkerd cannot read it", RemedyAction.DecryptKey,
            "store the issuer key unencrypted and protect it as a Secret");
    }

    [Fact]
    public void Unreadable_certificate_text_fails_the_config_check_issuer_first()
    {
        var anchor = Pki.Anchor();
        var issuer = Pki.Issuer(anchor);
        var issuerOnly = Run([anchor.Certificate], [issuer.Certificate], anchorsText: anchor.Pem, issuerText: issuer.Pem + "\n");
        AssertFailed(Find(issuerOnly, "certificate-config-valid"),
            "issuer certificate: not a PEM certificate (Linkerd cannot read it; see pem-format)", RemedyAction.RewritePem, PlainPem);
        var both = Run([anchor.Certificate], [issuer.Certificate], anchorsText: "", issuerText: issuer.Pem + "\n");
        Assert.Equal("issuer certificate: not a PEM certificate (Linkerd cannot read it; see pem-format)", Find(both, "certificate-config-valid").Message);
        var anchorsOnly = Run([anchor.Certificate], [issuer.Certificate], anchorsText: "", issuerText: issuer.Pem);
        Assert.Equal("trust anchors: No certificates found (Linkerd cannot read it; see pem-format)", Find(anchorsOnly, "certificate-config-valid").Message);
    }

    [Fact]
    public void An_RSA_3072_anchor_fails_the_algorithm_check_naming_the_anchor_and_the_size()
    {
        var odd = Pki.Odd(null, "rsa-odd", key: "rsa3072", pathLength: 1);
        AssertFailed(Find(Run(odd, Pki.Issuer(odd)), "anchors-algorithm"),
            $"{Named(odd.Certificate)}: RSA key size must be 2048 or 4096 bits, not 3072", RemedyAction.UseSupportedAlgorithm,
            "use ECDSA P-256 (or RSA 2048/4096) trust anchors");
    }

    [Fact]
    public void Anchors_outside_their_validity_fail_with_the_date_that_matters()
    {
        var anchor = Pki.Anchor();
        var issuer = Pki.Issuer(anchor);
        var old = Pki.Anchor(subject: "old", lifetime: TimeSpan.FromDays(1), now: Now.AddDays(-30));
        AssertFailed(Find(Run([old.Certificate, anchor.Certificate], [issuer.Certificate]), "anchors-validity"),
            $"{Named(old.Certificate)}: not valid anymore. Expired on {F(old.Certificate.NotAfter)}", RemedyAction.RemoveExpiredAnchors,
            "remove expired anchors from the bundle, or create a new anchor");
        var future = Pki.Odd(null, "future", notBefore: Now.AddDays(1), pathLength: 1).Certificate;
        Assert.Equal($"{Named(future)}: not valid before: {F(future.NotBefore)}",
            Find(Run([anchor.Certificate, future], [issuer.Certificate]), "anchors-validity").Message);
    }

    [Fact]
    public void Issuer_validity_is_inclusive_to_the_second_at_both_ends()
    {
        var anchor = Pki.Anchor();
        var issuer = Pki.Issuer(anchor);
        var (from, to) = (issuer.Certificate.NotBefore, issuer.Certificate.NotAfter);
        AssertPassed(Find(Run(anchor, issuer, from), "issuer-validity"));
        AssertPassed(Find(Run(anchor, issuer, to), "issuer-validity"));
        AssertFailed(Find(Run(anchor, issuer, from.AddSeconds(-1)), "issuer-validity"),
            $"not valid before: {F(from)}", RemedyAction.CreateIssuer, "issue a new issuer certificate");
        AssertFailed(Find(Run(anchor, issuer, to.AddSeconds(1)), "issuer-validity"),
            $"not valid anymore. Expired on {F(to)}", RemedyAction.CreateIssuer, "issue a new issuer certificate");
    }

    [Fact]
    public void The_expiry_warnings_start_one_second_inside_60_days()
    {
        var anchor = Pki.Anchor();
        var issuer = Pki.Issuer(anchor);
        var issuerEnd = issuer.Certificate.NotAfter;
        AssertPassed(Find(Run(anchor, issuer, issuerEnd - IdentityChecks.ExpiryWarning), "issuer-expiry"));
        AssertFailed(Find(Run(anchor, issuer, issuerEnd - IdentityChecks.ExpiryWarning + TimeSpan.FromSeconds(1)), "issuer-expiry"),
            $"will expire on {F(issuerEnd)}", RemedyAction.CreateIssuer, "renew the issuer soon");

        var anchorEnd = anchor.Certificate.NotAfter;
        AssertPassed(Find(Run(anchor, issuer, anchorEnd - IdentityChecks.ExpiryWarning), "anchors-expiry"));
        AssertFailed(Find(Run(anchor, issuer, anchorEnd - IdentityChecks.ExpiryWarning + TimeSpan.FromSeconds(1)), "anchors-expiry"),
            $"{Named(anchor.Certificate)}: will expire on {F(anchorEnd)}", RemedyAction.RotateAnchor, "rotate the trust anchor before it expires");
    }

    [Fact]
    public void A_P384_issuer_fails_the_algorithm_check_with_the_remedy_to_use_P256()
    {
        var anchor = Pki.Anchor();
        AssertFailed(Find(Run(anchor, Pki.Odd(anchor, "identity", key: "p384")), "issuer-algorithm"),
            "must use P-256 curve for public key, instead P-384 was used", RemedyAction.CreateIssuer, "issue the issuer with an ECDSA P-256 key");
    }

    [Fact]
    public void An_issuer_from_an_anchor_not_in_the_bundle_fails_with_the_chain_failure()
    {
        var issuer = Pki.Issuer(Pki.Anchor());
        AssertFailed(Find(Run(Pki.Anchor(subject: "stranger"), issuer), "issuer-signed-by-anchor"),
            "'CN=identity.linkerd.cluster.local' is signed by an unknown authority 'CN=root.linkerd.cluster.local' (no anchor or intermediate with that subject)",
            RemedyAction.CreateIssuer, "sign the issuer with an anchor that is in the bundle, and keep serverAuth allowed on CA certificates");
    }

    [Fact]
    public void An_issuer_that_is_not_a_CA_fails_with_the_identity_controllers_words()
    {
        var anchor = Pki.Anchor();
        AssertFailed(Find(Run(anchor, Pki.Odd(anchor, "identity", ca: false)), "issuer-is-ca"),
            "'CN=identity' is not a CA (basicConstraints CA:TRUE missing) and cannot sign certificates; identity fails with 'it must be an intermediate-CA'",
            RemedyAction.CreateIssuer, "the identity controller requires an issuer with CA:TRUE and keyCertSign");
        var noCertSign = Pki.Odd(anchor, "identity", r =>
        {
            r.CertificateExtensions.Remove(r.CertificateExtensions.OfType<X509KeyUsageExtension>().Single());
            r.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        });
        Assert.Equal("'CN=identity' lacks keyUsage keyCertSign and cannot sign certificates", Find(Run(anchor, noCertSign), "issuer-is-ca").Message);
    }

    [Fact]
    public void Shared_subjects_fail_and_say_whether_the_issuer_is_the_anchor_itself()
    {
        var anchor = Pki.Anchor();
        AssertFailed(Find(Run(anchor, anchor), "distinct-subjects"),
            "the issuer is the trust anchor itself (one self-signed certificate as both, as 'linkerd install' makes without certs)",
            RemedyAction.UseDistinctSubject, "give the issuer its own subject (linkerd2#5350)");
        var mesh = Pki.Odd(null, "mesh", pathLength: 1);
        var selfIssued = Pki.Odd(mesh, "mesh");
        Assert.True(selfIssued.Certificate.IsSelfIssued);
        Assert.Equal("the issuer and an anchor share the subject 'CN=mesh'", Find(Run(mesh, selfIssued), "distinct-subjects").Message);
    }

    [Theory]
    [InlineData("serverAuth", Oids.ClientAuth)]
    [InlineData("clientAuth", Oids.ServerAuth)]
    [InlineData("serverAuth and clientAuth", "1.3.6.1.5.5.7.3.3")]
    [InlineData(null, Oids.ServerAuth, Oids.ClientAuth)]
    [InlineData(null, Oids.AnyExtendedKeyUsage)]
    public void A_CA_extended_key_usage_must_allow_both_TLS_purposes(string? missing, params string[] ekus)
    {
        var anchor = Pki.Anchor();
        var issuer = Pki.Odd(anchor, "identity", Eku(ekus));
        var finding = Find(Run(anchor, issuer), "ca-extended-key-usage");
        if (missing is null)
        {
            AssertPassed(finding);
            return;
        }
        AssertFailed(finding, $"{Named(issuer.Certificate)}: extendedKeyUsage excludes {missing}; Go and rustls reject chains through it",
            RemedyAction.FixExtendedKeyUsage, "leave extendedKeyUsage off CA certificates, or include serverAuth and clientAuth");
    }

    [Fact]
    public void Path_length_failures_name_the_CA_and_the_fix()
    {
        var tight = Pki.Odd(null, "root", pathLength: 0);
        AssertFailed(Find(Run(tight, Pki.Odd(tight, "identity")), "path-length"),
            "'CN=root' has pathlen 0: it may sign leaves only, not another CA", RemedyAction.FixPathLength,
            "anchors need pathlen >= 1 (or none), issuers pathlen >= 0");
        var anchor = Pki.Odd(null, "root", pathLength: 1);
        AssertFailed(Find(Run(anchor, Pki.Odd(anchor, "identity", pathLength: 1)), "path-length-within-signer"),
            "'CN=identity' has pathlen 1, but its signer 'CN=root' (pathlen 1) allows at most 0 below it; the signer's limit applies",
            RemedyAction.FixPathLength, "give each CA a path length below its signer's, such as pathlen 0 for an issuer under a pathlen 1 anchor");
    }

    [Theory]
    [InlineData("cluster.local", "DNS name 'default.default.serviceaccount.identity.linkerd.cluster.local' is not permitted by any constraint (permitted: 'example.com')")]
    [InlineData("a..b", "cannot parse the DNS name 'default.default.serviceaccount.identity.linkerd.a..b'")]
    public void Constraints_that_refuse_workload_names_fail_naming_the_probe(string domain, string why)
    {
        var anchor = Pki.Odd(null, "root", r => r.CertificateExtensions.Add(NameConstraintsExtension.PermitDns(false, "example.com")), pathLength: 1);
        var issuer = Pki.Odd(anchor, $"identity.linkerd.{domain}");
        AssertFailed(Find(Run(anchor, issuer), "workload-names-permitted"),
            $"'CN=root' is not authorized to sign for this name: {why}; workload certificates (such as default.default.serviceaccount.identity.linkerd.{domain}) will not verify",
            RemedyAction.UseSigningCa, "use an anchor and issuer whose nameConstraints permit the mesh's identity names, or none");
    }

    [Fact]
    public void An_issuer_outliving_its_anchor_names_both_dates()
    {
        var anchor = Pki.Odd(null, "root", notAfter: Now.AddDays(100), pathLength: 1);
        var issuer = Pki.Odd(anchor, "identity", notAfter: Now.AddDays(200));
        AssertFailed(Find(Run(anchor, issuer), "issuer-within-anchor"),
            $"issuer expires {F(issuer.Certificate.NotAfter)}, after its anchor 'CN=root' ({F(anchor.Certificate.NotAfter)}); workload certificates stop at the anchor's expiry",
            RemedyAction.RotateAnchor, "rotate the anchor before it expires; issuers created by this library are clamped to their anchor");
    }

    [Fact]
    public void An_issuer_chain_with_an_intermediate_verifies_and_is_judged_against_the_anchor_it_reaches()
    {
        var root = Pki.Odd(null, "root", notAfter: Now.AddDays(100), pathLength: 2);
        var middle = Pki.Odd(root, "middle", notAfter: Now.AddDays(90), pathLength: 1);
        var issuer = Pki.Odd(middle, "identity", notAfter: Now.AddDays(200));
        var other = Pki.Odd(null, "other", notAfter: Now.AddDays(300), pathLength: 1);
        var report = Run([other.Certificate, root.Certificate], [issuer.Certificate, middle.Certificate]);
        AssertPassed(Find(report, "issuer-signed-by-anchor"));
        AssertPassed(Find(report, "path-length"));
        Assert.Equal($"issuer expires {F(issuer.Certificate.NotAfter)}, after its anchor 'CN=root' ({F(root.Certificate.NotAfter)}); workload certificates stop at the anchor's expiry",
            Find(report, "issuer-within-anchor").Message);
    }

    [Fact]
    public void An_issuer_that_does_not_verify_is_judged_against_the_anchor_named_as_its_issuer()
    {
        // The issuer fails verification (its EKU omits serverAuth), but one of two anchors is the CA named as its issuer.
        var root = Pki.Odd(null, "root", notAfter: Now.AddDays(100), pathLength: 0);
        var other = Pki.Odd(null, "other", notAfter: Now.AddDays(300), pathLength: 1);
        var issuer = Pki.Odd(root, "identity", Eku(Oids.ClientAuth), notAfter: Now.AddDays(200));
        var report = Run([other.Certificate, root.Certificate], [issuer.Certificate]);
        Assert.False(Find(report, "issuer-signed-by-anchor").Passed);
        Assert.StartsWith($"issuer expires {F(issuer.Certificate.NotAfter)}, after its anchor 'CN=root'", Find(report, "issuer-within-anchor").Message);
        Assert.Equal("'CN=root' has pathlen 0: it may sign leaves only, not another CA", Find(report, "path-length").Message);
    }

    [Fact]
    public void With_one_anchor_an_issuer_that_does_not_verify_is_judged_against_that_anchor()
    {
        var stranger = Pki.Odd(null, "stranger", notAfter: Now.AddDays(100), pathLength: 0);
        var issuer = Pki.Odd(Pki.Odd(null, "root", pathLength: 1), "identity", notAfter: Now.AddDays(200));
        var report = Run(stranger, issuer);
        Assert.False(Find(report, "issuer-signed-by-anchor").Passed);
        Assert.StartsWith($"issuer expires {F(issuer.Certificate.NotAfter)}, after its anchor 'CN=stranger'", Find(report, "issuer-within-anchor").Message);
        Assert.Equal("'CN=stranger' has pathlen 0: it may sign leaves only, not another CA", Find(report, "path-length").Message);
    }

    [Fact]
    public void With_several_anchors_none_of_which_issued_the_issuer_the_anchor_checks_are_not_guessed()
    {
        var first = Pki.Odd(null, "stranger-1", notAfter: Now.AddDays(100), pathLength: 0);
        var second = Pki.Odd(null, "stranger-2", notAfter: Now.AddDays(100), pathLength: 0);
        var issuer = Pki.Odd(Pki.Odd(null, "root", pathLength: 1), "identity.linkerd.cluster.local", notAfter: Now.AddDays(200));
        var report = Run([first.Certificate, second.Certificate], [issuer.Certificate]);
        Assert.Equal("'CN=identity.linkerd.cluster.local' is signed by an unknown authority 'CN=root' (no anchor or intermediate with that subject)",
            Find(report, "issuer-signed-by-anchor").Message);
        AssertPassed(Find(report, "path-length"));
        AssertPassed(Find(report, "path-length-within-signer"));
        AssertPassed(Find(report, "workload-names-permitted"));
        AssertPassed(Find(report, "issuer-within-anchor"));
    }

    [Fact]
    public void Text_that_Linkerd_reads_as_other_certificates_than_those_checked_fails_the_pem_check()
    {
        var (a, b, c) = (Pki.Anchor("a"), Pki.Anchor("b"), Pki.Anchor("c"));
        var issuer = Pki.Issuer(a);
        var extra = Run([a.Certificate], [issuer.Certificate], anchorsText: a.Pem + b.Pem, issuerText: issuer.Pem);
        AssertFailed(Find(extra, "pem-format"), "trust anchors: Linkerd reads other certificates from the text than the 1 checked", RemedyAction.RewritePem, PlainPem);
        var swapped = Run([a.Certificate, b.Certificate], [issuer.Certificate], anchorsText: a.Pem + c.Pem);
        Assert.Equal("trust anchors: Linkerd reads other certificates from the text than the 2 checked", Find(swapped, "pem-format").Message);
        AssertPassed(Find(Run([a.Certificate, b.Certificate], [issuer.Certificate], anchorsText: a.Pem + b.Pem), "pem-format"));
    }

    [Fact]
    public void The_pem_check_counts_the_certificates_only_when_Linkerd_reads_the_text()
    {
        var (a, b) = (Pki.Anchor("a"), Pki.Anchor("b"));
        var issuer = Pki.Issuer(a);
        var notPem = Run([a.Certificate, b.Certificate], [issuer.Certificate], anchorsText: a.Pem + "\n");
        Assert.Equal("trust anchors: Linkerd fails with 'not a PEM certificate' after reading 1 certificate: after the last END line and its line break comes more whitespace ('\\n'): an extra blank line or trailing spaces",
            Find(notPem, "pem-format").Message);
        var partly = Run([a.Certificate], [issuer.Certificate], anchorsText: a.Pem + a.KeyPem);
        Assert.Equal("trust anchors: Linkerd reads 1 certificate and ignores the rest of the text: block 2 is 'PRIVATE KEY', and Linkerd stops reading at the first block that is not CERTIFICATE",
            Find(partly, "pem-format").Message);
    }

    [Fact]
    public void Both_texts_failing_are_reported_anchors_first_separated_by_a_semicolon()
    {
        var anchor = Pki.Anchor();
        var issuer = Pki.Issuer(anchor);
        var report = Run([anchor.Certificate], [issuer.Certificate], anchorsText: "", issuerText: "  " + issuer.Pem);
        Assert.Equal("trust anchors: Linkerd fails with 'No certificates found': the text is empty; "
                     + "issuer certificate: Linkerd fails with 'not a PEM certificate': block 1's BEGIN line is indented; Go's PEM decoder sees a BEGIN line only at the start of a line",
            Find(report, "pem-format").Message);
    }
}
