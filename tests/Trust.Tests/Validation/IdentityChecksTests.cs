using Trust.Pem;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Trust.Certificates;
using Trust.Keys;
using Trust.Tests.Support;
using Trust.Validation;

namespace Trust.Tests.Validation;

public class IdentityChecksTests
{
    private static readonly DateTimeOffset Now = Pki.Now;

    private static CheckReport Run(IEnumerable<CertificateInfo> anchors, Issued issuer, SigningKey? key = null,
        KeyPemFormat? format = null, string? anchorsText = null, string? issuerText = null, DateTimeOffset? at = null) =>
        IdentityChecks.Run(new IdentityMaterial
        {
            Anchors = anchors.ToList(),
            AnchorsContent = System.Text.Encoding.UTF8.GetBytes(anchorsText ?? CertificatePem.Write(anchors)),
            IssuerChain = [issuer.Certificate],
            IssuerContent = System.Text.Encoding.UTF8.GetBytes(issuerText ?? issuer.Pem),
            IssuerKey = key ?? issuer.Key,
            IssuerKeyFormat = format ?? KeyPemFormat.Pkcs8,
        }, at ?? Now);

    private static string[] Failed(CheckReport report) => report.Findings.Where(f => !f.Passed).Select(f => f.Id).ToArray();

    [Fact]
    public void A_fresh_set_passes_every_check()
    {
        var anchor = Pki.Anchor();
        var report = Run([anchor.Certificate], Pki.Issuer(anchor));
        Assert.True(report.Passed);
        Assert.Empty(Failed(report));
        Assert.Equal(16, report.Findings.Count);
        Assert.Equal(report.Findings.Count, report.Findings.Select(f => f.Id).Distinct().Count());
    }

    [Fact]
    public void Linkerds_checks_keep_their_exact_titles_and_severities()
    {
        var anchor = Pki.Anchor();
        var byTitle = Run([anchor.Certificate], Pki.Issuer(anchor)).Findings.ToDictionary(f => f.Title, f => f.Severity);
        Assert.Equal(CheckSeverity.Fatal, byTitle["certificate config is valid"]);
        Assert.Equal(CheckSeverity.Fatal, byTitle["trust anchors are using supported crypto algorithm"]);
        Assert.Equal(CheckSeverity.Fatal, byTitle["trust anchors are within their validity period"]);
        Assert.Equal(CheckSeverity.Warning, byTitle["trust anchors are valid for at least 60 days"]);
        Assert.Equal(CheckSeverity.Fatal, byTitle["issuer cert is using supported crypto algorithm"]);
        Assert.Equal(CheckSeverity.Fatal, byTitle["issuer cert is within its validity period"]);
        Assert.Equal(CheckSeverity.Warning, byTitle["issuer cert is valid for at least 60 days"]);
        Assert.Equal(CheckSeverity.Error, byTitle["issuer cert is issued by the trust anchor"]);
    }

    [Fact]
    public void An_expired_anchor_left_in_the_bundle_fails_as_linkerd2_5800()
    {
        var old = Pki.Anchor(subject: "old", lifetime: TimeSpan.FromDays(1), now: Now.AddDays(-30));
        var anchor = Pki.Anchor();
        var report = Run([anchor.Certificate, old.Certificate], Pki.Issuer(anchor));
        Assert.False(report.Passed);
        Assert.Contains("anchors-validity", Failed(report));
        Assert.Contains("not valid anymore. Expired on", report.Findings.Single(f => f.Id == "anchors-validity").Message);
    }

    [Theory]
    [InlineData(59, false)]
    [InlineData(61, true)]
    public void Expiry_within_60_days_warns_but_passes(int days, bool clean)
    {
        var anchor = Pki.Anchor(lifetime: TimeSpan.FromDays(days));
        var report = Run([anchor.Certificate], Pki.Issuer(anchor));
        Assert.True(report.Passed);
        Assert.Equal(clean, !report.Warnings.Any());
        if (!clean) Assert.Contains("will expire on", report.Warnings.First().Message);
    }

    [Fact]
    public void Mismatched_key_fails_config()
    {
        var anchor = Pki.Anchor();
        var report = Run([anchor.Certificate], Pki.Issuer(anchor), key: SigningKey.Generate(KeyAlgorithm.EcdsaP256));
        Assert.Equal(["certificate-config-valid"], Failed(report));
        Assert.Equal("tls: Public and private key do not match", report.Findings[0].Message);
    }

    [Fact]
    public void Encrypted_issuer_key_fails_config()
    {
        var anchor = Pki.Anchor();
        var report = Run([anchor.Certificate], Pki.Issuer(anchor), format: KeyPemFormat.EncryptedPkcs8);
        Assert.Equal(["certificate-config-valid"], Failed(report));
    }

    [Fact]
    public void Same_subject_for_anchor_and_issuer_fails()
    {
        var anchor = Pki.Anchor(subject: "mesh");
        var issuer = Pki.Odd(anchor, "mesh");
        Assert.Contains("distinct-subjects", Failed(Run([anchor.Certificate], issuer)));
    }

    [Fact]
    public void The_anchor_used_as_issuer_fails()
    {
        var anchor = Pki.Anchor();
        var report = Run([anchor.Certificate], anchor);
        Assert.False(report.Passed, string.Join(",", Failed(report)));
        Assert.Contains("distinct-subjects", Failed(report));
    }

    [Fact]
    public void A_ca_eku_without_server_auth_fails_the_linkerd_check_and_ours()
    {
        var anchor = Pki.Anchor();
        var issuer = Pki.Odd(anchor, "identity", r => r.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(
            new OidCollection { new Oid(Oids.ClientAuth) }, false)));
        var failed = Failed(Run([anchor.Certificate], issuer));
        Assert.Contains("issuer-signed-by-anchor", failed);
        Assert.Contains("ca-extended-key-usage", failed);
    }

    [Fact]
    public void A_non_ca_issuer_fails_fatally()
    {
        var anchor = Pki.Anchor();
        var issuer = Pki.Odd(anchor, "identity", ca: false);
        var report = Run([anchor.Certificate], issuer);
        Assert.Contains("issuer-is-ca", Failed(report));
        Assert.Equal(CheckSeverity.Fatal, report.Findings.Single(f => f.Id == "issuer-is-ca").Severity);
    }

    [Theory]
    [InlineData("p384", "must use P-256 curve")]
    [InlineData("rsa2048", "must be ECDSA P-256")]
    public void Issuers_other_than_p256_fail_the_algorithm_check(string key, string message)
    {
        var anchor = Pki.Anchor();
        var issuer = Pki.Odd(anchor, "identity", key: key);
        var finding = Run([anchor.Certificate], issuer).Findings.Single(f => f.Id == "issuer-algorithm");
        Assert.False(finding.Passed);
        Assert.Contains(message, finding.Message);
    }

    [Fact]
    public void Rsa_2048_anchor_passes_but_rsa_3072_fails()
    {
        var good = Pki.Odd(null, "rsa-root", key: "rsa2048", pathLength: 1);
        Assert.DoesNotContain("anchors-algorithm", Failed(Run([good.Certificate], Pki.Issuer(good))));
        var odd = Pki.Odd(null, "rsa-odd", key: "rsa3072", pathLength: 1);
        Assert.Contains("anchors-algorithm", Failed(Run([odd.Certificate], Pki.Issuer(odd))));
    }

    [Fact]
    public void An_anchor_with_pathlen_0_cannot_have_an_issuer_below_it()
    {
        var anchor = Pki.Odd(null, "root", pathLength: 0);
        var issuer = Pki.Odd(anchor, "identity", pathLength: 0);
        var failed = Failed(Run([anchor.Certificate], issuer));
        Assert.Contains("path-length", failed);
    }

    [Fact]
    public void An_issuer_outliving_its_anchor_warns()
    {
        var anchor = Pki.Odd(null, "root", notAfter: Now.AddDays(100), pathLength: 1);
        var issuer = Pki.Odd(anchor, "identity", notAfter: Now.AddDays(200));
        var report = Run([anchor.Certificate], issuer);
        Assert.Contains("issuer-within-anchor", report.Warnings.Select(w => w.Id));
    }

    [Theory]
    [InlineData("trailing-blank-line", "not a PEM certificate")]
    [InlineData("trailing-spaces", "not a PEM certificate")]
    [InlineData("indent-all-lines", "BEGIN line is indented")]
    [InlineData("indent-body", null)]
    [InlineData("crlf-one", null)]
    [InlineData("cr-one", "CR alone")]
    [InlineData("der", "binary DER")]
    [InlineData("text-before", null)]
    public void Text_linkerd_cannot_read_fails_the_fatal_pem_check_and_linkerds_own(string variant, string? problem)
    {
        var anchor = Pki.Anchor();
        var content = LinkerdPemVariants.Build(anchor).Single(v => v.Name == variant).Content;
        var report = IdentityChecks.Run(new IdentityMaterial
        {
            Anchors = [anchor.Certificate], AnchorsContent = content,
            IssuerChain = [Pki.Issuer(anchor).Certificate],
        }, Now);
        var pem = report.Findings.Single(f => f.Id == "pem-format");
        Assert.Equal(CheckSeverity.Fatal, pem.Severity);
        if (problem is null)
        {
            Assert.True(report.Passed, string.Join("; ", report.Findings.Where(f => !f.Passed).Select(f => f.Message)));
            return;
        }
        Assert.False(pem.Passed);
        Assert.StartsWith("trust anchors: Linkerd fails with", pem.Message);
        Assert.Contains(problem, pem.Message);
        var config = report.Findings.Single(f => f.Id == "certificate-config-valid");
        Assert.False(config.Passed);
        Assert.Equal("trust anchors: not a PEM certificate (Linkerd cannot read it; see pem-format)", config.Message);
    }

    [Fact]
    public void Text_linkerd_reads_only_in_part_fails_the_pem_check_naming_both_counts()
    {
        var anchor = Pki.Anchor();
        var old = Pki.Anchor("old");
        var text = "  " + anchor.Pem + old.Pem;
        var report = Run([anchor.Certificate, old.Certificate], Pki.Issuer(anchor), anchorsText: text);
        var pem = report.Findings.Single(f => f.Id == "pem-format");
        Assert.False(pem.Passed);
        Assert.Equal("trust anchors: Linkerd reads 1 certificate and ignores the rest of the text: Go's PEM decoder passes over a block: "
                     + "block 1's BEGIN line is indented; Go's PEM decoder sees a BEGIN line only at the start of a line (the text holds 2)", pem.Message);
        Assert.True(report.Findings.Single(f => f.Id == "certificate-config-valid").Passed);
        Assert.False(report.Passed);
    }

    [Fact]
    public void Checks_take_now_from_the_caller()
    {
        var anchor = Pki.Anchor();
        var issuer = Pki.Issuer(anchor);
        Assert.True(Run([anchor.Certificate], issuer).Passed);
        var later = Run([anchor.Certificate], issuer, at: Now.AddDays(366));
        Assert.Contains("issuer-validity", Failed(later));
    }

    [Theory]
    [InlineData(1, 0, true)]
    [InlineData(1, 1, false)]
    [InlineData(1, 5, false)]
    [InlineData(2, 1, true)]
    [InlineData(2, 2, false)]
    public void An_issuer_pathlen_beyond_what_its_anchor_allows_warns_but_passes(int anchorPath, int issuerPath, bool clean)
    {
        var anchor = Pki.Anchor(pathLength: anchorPath);
        var report = Run([anchor.Certificate], Pki.Odd(anchor, "identity", pathLength: issuerPath));
        var finding = Assert.Single(report.Findings, f => f.Id == "path-length-within-signer");
        Assert.Equal(CheckSeverity.Warning, finding.Severity);
        Assert.Equal(clean, finding.Passed);
        Assert.True(report.Passed);
        if (!clean) Assert.Contains($"pathlen {issuerPath}, but its signer 'CN=root.linkerd.cluster.local' (pathlen {anchorPath}) allows at most {anchorPath - 1}", finding.Message);
    }

    [Fact]
    public void An_issuer_without_pathlen_or_under_an_anchor_without_one_draws_no_warning()
    {
        var unlimited = Pki.Anchor(pathLength: null);
        Assert.True(Assert.Single(Run([unlimited.Certificate], Pki.Odd(unlimited, "identity", pathLength: 7)).Findings,
            f => f.Id == "path-length-within-signer").Passed);
        var anchor = Pki.Anchor();
        var issuer = Pki.Odd(anchor, "identity", r =>
        {
            r.CertificateExtensions.Remove(r.CertificateExtensions.OfType<X509BasicConstraintsExtension>().Single());
            r.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        });
        Assert.True(Assert.Single(Run([anchor.Certificate], issuer).Findings, f => f.Id == "path-length-within-signer").Passed);
    }

    private static X509Extension PermittedDns(string domain)
    {
        var writer = new System.Formats.Asn1.AsnWriter(System.Formats.Asn1.AsnEncodingRules.DER);
        using (writer.PushSequence())
        using (writer.PushSequence(new System.Formats.Asn1.Asn1Tag(System.Formats.Asn1.TagClass.ContextSpecific, 0)))
        using (writer.PushSequence())
            writer.WriteCharacterString(System.Formats.Asn1.UniversalTagNumber.IA5String, domain,
                new System.Formats.Asn1.Asn1Tag(System.Formats.Asn1.TagClass.ContextSpecific, 2));
        return new X509Extension("2.5.29.30", writer.Encode(), critical: true);
    }

    [Theory]
    [InlineData("example.com", false)]
    [InlineData("cluster.local", true)]
    [InlineData("identity.linkerd.cluster.local", true)]
    public void Name_constraints_that_exclude_workload_identities_fail_though_the_issuer_verifies(string permitted, bool clean)
    {
        var anchor = Pki.Odd(null, "root.linkerd.cluster.local", r => r.CertificateExtensions.Add(PermittedDns(permitted)), pathLength: 1);
        var issuer = Pki.Odd(anchor, "identity.linkerd.cluster.local");
        var report = Run([anchor.Certificate], issuer);
        Assert.True(Assert.Single(report.Findings, f => f.Id == "issuer-signed-by-anchor").Passed);
        var finding = Assert.Single(report.Findings, f => f.Id == "workload-names-permitted");
        Assert.Equal(clean, finding.Passed);
        Assert.Equal(clean, report.Passed);
        if (!clean) Assert.Contains("default.default.serviceaccount.identity.linkerd.cluster.local", finding.Message);
    }

    [Fact]
    public void Without_a_trust_domain_in_the_issuer_name_the_workload_names_are_not_judged()
    {
        var anchor = Pki.Odd(null, "root", r => r.CertificateExtensions.Add(PermittedDns("example.com")), pathLength: 1);
        var finding = Assert.Single(Run([anchor.Certificate], Pki.Odd(anchor, "mesh-issuer")).Findings, f => f.Id == "workload-names-permitted");
        Assert.True(finding.Passed);
        Assert.StartsWith("not checked", finding.Message);
    }
}
