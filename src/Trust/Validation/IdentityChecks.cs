using Trust.Certificates;
using Trust.Findings;
using Trust.Keys;
using Trust.Time;

namespace Trust.Validation;

/// <summary>
/// The checks <c>linkerd check</c> runs in its linkerd-identity category (same titles, thresholds and severities),
/// run offline on files, plus checks for the mistakes that have broken real meshes. Pure: "now" is an argument.
/// </summary>
public static class IdentityChecks
{
    /// <summary>Linkerd warns when an anchor or the issuer expires within this window.</summary>
    public static readonly TimeSpan ExpiryWarning = TimeSpan.FromDays(60);

    private const string PlainPem = "rewrite it as plain PEM: only CERTIFICATE blocks, no indentation, nothing after the last END line but one line break";

    /// <summary>Runs every check at the time <paramref name="time"/> gives.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="material"/> or <paramref name="time"/> is null.</exception>
    /// <exception cref="ArgumentException">The material has no anchor or no issuer certificate.</exception>
    public static CheckReport Run(IdentityMaterial material, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(time);
        return Run(material, time.GetUtcNow());
    }

    /// <summary>Runs every check as of <paramref name="now"/>.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="material"/> is null.</exception>
    /// <exception cref="ArgumentException">The material has no anchor or no issuer certificate.</exception>
    public static CheckReport Run(IdentityMaterial material, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(material);
        if (material.Anchors.Count == 0) throw new ArgumentException("no trust anchors", nameof(material));
        if (material.IssuerChain.Count == 0) throw new ArgumentException("no issuer certificate", nameof(material));
        var issuer = material.IssuerChain[0];
        var anchors = material.Anchors;
        var pool = new CertificatePool(anchors);
        var chain = ChainVerifier.Verify(issuer, material.IssuerChain.Skip(1), pool, now, KeyPurpose.Server);
        var anchorOfIssuer = chain.IsValid ? chain.Chain[^1] : FindAnchorLoosely(issuer, pool, anchors);
        var anchorsRead = material.AnchorsContent is { } anchorsContent ? LinkerdPem.Read(anchorsContent.Span) : null;
        var issuerRead = material.IssuerContent is { } issuerContent ? LinkerdPem.Read(issuerContent.Span) : null;

        return new CheckReport(
        [
            ConfigValid(material, issuer, anchorsRead, issuerRead),
            All("anchors-algorithm", "trust anchors are using supported crypto algorithm", CheckSeverity.Fatal, anchors,
                a => AnchorAlgorithmProblem(a), Fix(RemedyAction.UseSupportedAlgorithm, "use ECDSA P-256 (or RSA 2048/4096) trust anchors")),
            All("anchors-validity", "trust anchors are within their validity period", CheckSeverity.Fatal, anchors,
                a => ValidityProblem(a, now), Fix(RemedyAction.RemoveExpiredAnchors, "remove expired anchors from the bundle, or create a new anchor")),
            All("anchors-expiry", "trust anchors are valid for at least 60 days", CheckSeverity.Warning, anchors,
                a => ExpiryProblem(a, now), Fix(RemedyAction.RotateAnchor, "rotate the trust anchor before it expires")),
            One("issuer-algorithm", "issuer cert is using supported crypto algorithm", CheckSeverity.Fatal,
                IssuerAlgorithmProblem(issuer), Fix(RemedyAction.CreateIssuer, "issue the issuer with an ECDSA P-256 key")),
            One("issuer-validity", "issuer cert is within its validity period", CheckSeverity.Fatal,
                ValidityProblem(issuer, now), Fix(RemedyAction.CreateIssuer, "issue a new issuer certificate")),
            One("issuer-expiry", "issuer cert is valid for at least 60 days", CheckSeverity.Warning,
                ExpiryProblem(issuer, now), Fix(RemedyAction.CreateIssuer, "renew the issuer soon")),
            One("issuer-signed-by-anchor", "issuer cert is issued by the trust anchor", CheckSeverity.Error,
                chain.IsValid ? null : chain.Failure,
                Fix(RemedyAction.CreateIssuer, "sign the issuer with an anchor that is in the bundle, and keep serverAuth allowed on CA certificates")),
            One("issuer-is-ca", "issuer cert is an intermediate CA", CheckSeverity.Fatal,
                IssuerCaProblem(issuer), Fix(RemedyAction.CreateIssuer, "the identity controller requires an issuer with CA:TRUE and keyCertSign")),
            One("distinct-subjects", "anchor and issuer subjects differ", CheckSeverity.Error,
                SubjectProblem(issuer, anchors), Fix(RemedyAction.UseDistinctSubject, "give the issuer its own subject (linkerd2#5350)")),
            All("ca-extended-key-usage", "CA certificates allow serverAuth and clientAuth", CheckSeverity.Error,
                [.. anchors, .. material.IssuerChain], CaEkuProblem,
                Fix(RemedyAction.FixExtendedKeyUsage, "leave extendedKeyUsage off CA certificates, or include serverAuth and clientAuth")),
            One("path-length", "path lengths allow the issuer to sign workload certificates", CheckSeverity.Error,
                PathLengthProblem(material.IssuerChain, anchorOfIssuer), Fix(RemedyAction.FixPathLength, "anchors need pathlen >= 1 (or none), issuers pathlen >= 0")),
            One("path-length-within-signer", "CA path lengths fit inside what their signers allow", CheckSeverity.Warning,
                PathLengthBeyondSigner(material.IssuerChain, anchorOfIssuer),
                Fix(RemedyAction.FixPathLength, "give each CA a path length below its signer's, such as pathlen 0 for an issuer under a pathlen 1 anchor")),
            WorkloadNamesPermitted(material.IssuerChain, anchorOfIssuer),
            One("issuer-within-anchor", "issuer cert expires no later than its trust anchor", CheckSeverity.Warning,
                anchorOfIssuer is not null && issuer.NotAfter > anchorOfIssuer.NotAfter
                    ? $"issuer expires {Rfc3339.Format(issuer.NotAfter)}, after its anchor '{anchorOfIssuer.Subject}' ({Rfc3339.Format(anchorOfIssuer.NotAfter)}); workload certificates stop at the anchor's expiry"
                    : null, Fix(RemedyAction.RotateAnchor, "rotate the anchor before it expires; issuers created by this library are clamped to their anchor")),
            One("pem-format", "certificate PEM text is readable by Linkerd", CheckSeverity.Fatal,
                PemProblem(("trust anchors", anchorsRead, anchors), ("issuer certificate", issuerRead, material.IssuerChain)),
                Fix(RemedyAction.RewritePem, PlainPem)),
        ]);
    }

    private static Remedy Fix(RemedyAction action, string advice) => new(action, advice);

    private static CertificateInfo? FindAnchorLoosely(CertificateInfo issuer, CertificatePool pool, IReadOnlyList<CertificateInfo> anchors) =>
        pool.PotentialParents(issuer).FirstOrDefault() ?? (anchors.Count == 1 ? anchors[0] : null);

    private static CheckFinding One(string id, string title, CheckSeverity severity, string? problem, Remedy remedy) =>
        problem is null
            ? new CheckFinding(id, title, severity, true, "ok", null)
            : new CheckFinding(id, title, severity, false, problem, remedy);

    private static CheckFinding All(string id, string title, CheckSeverity severity, IReadOnlyList<CertificateInfo> certificates,
        Func<CertificateInfo, string?> problem, Remedy remedy)
    {
        string? first = null;
        var count = 0;
        foreach (var c in certificates)
        {
            if (problem(c) is not { } p) continue;
            first ??= $"'{c.Subject}' ({c.Fingerprint[..16]}): {p}";
            count++;
        }
        return One(id, title, severity, count <= 1 ? first : $"{first} (and {count - 1} more)", remedy);
    }

    private static CheckFinding ConfigValid(IdentityMaterial material, CertificateInfo issuer, LinkerdPemVerdict? anchorsRead, LinkerdPemVerdict? issuerRead)
    {
        const string id = "certificate-config-valid", title = "certificate config is valid";
        if (material.IssuerKeyFormat is KeyPemFormat.EncryptedPkcs8 or KeyPemFormat.LegacyEncrypted)
            return One(id, title, CheckSeverity.Fatal,
                $"the issuer key is encrypted ({(material.IssuerKeyFormat == KeyPemFormat.EncryptedPkcs8 ? "ENCRYPTED PRIVATE KEY" : "Proc-Type: 4,ENCRYPTED")}); Linkerd cannot read it",
                Fix(RemedyAction.DecryptKey, "store the issuer key unencrypted and protect it as a Secret"));
        // Linkerd reads the issuer certificate, then the anchors; what it cannot read fails this check (pem-format says why).
        foreach (var (what, read) in new[] { ("issuer certificate", issuerRead), ("trust anchors", anchorsRead) })
            if (read is { Readable: false })
                return One(id, title, CheckSeverity.Fatal, $"{what}: {read.Error} (Linkerd cannot read it; see pem-format)",
                    Fix(RemedyAction.RewritePem, PlainPem));
        if (material.IssuerKey is null)
            return new CheckFinding(id, title, CheckSeverity.Fatal, true, "certificates parse; issuer key not given, so not matched", null);
        if (!material.IssuerKey.Matches(issuer.SubjectPublicKeyInfo.Span))
            return One(id, title, CheckSeverity.Fatal, "tls: Public and private key do not match",
                Fix(RemedyAction.ProvideMatchingKey, "give the key that belongs to the issuer certificate, or create a new issuer pair"));
        return One(id, title, CheckSeverity.Fatal, null, Fix(RemedyAction.FixInput, ""));
    }

    private static string? AnchorAlgorithmProblem(CertificateInfo c) => LinkerdAlgorithms.AnchorProblem(c);

    private static string? IssuerAlgorithmProblem(CertificateInfo c) => LinkerdAlgorithms.IssuerProblem(c);

    private static string? ValidityProblem(CertificateInfo c, DateTimeOffset now) =>
        now < c.NotBefore ? $"not valid before: {Rfc3339.Format(c.NotBefore)}"
        : now > c.NotAfter ? $"not valid anymore. Expired on {Rfc3339.Format(c.NotAfter)}"
        : null;

    private static string? ExpiryProblem(CertificateInfo c, DateTimeOffset now) =>
        c.NotAfter - now < ExpiryWarning ? $"will expire on {Rfc3339.Format(c.NotAfter)}" : null;

    /// <summary>The identity controller signs leaves with the issuer: the one signing rule, validity judged by its own check.</summary>
    private static string? IssuerCaProblem(CertificateInfo c) =>
        SigningAuthority.Check(c, CaRole.Intermediate, 0, at: null) switch
        {
            null => null,
            { Id: FindingIds.CaNotCa } problem => $"{problem.Message}; identity fails with 'it must be an intermediate-CA'",
            var problem => problem.Message,
        };

    private static string? SubjectProblem(CertificateInfo issuer, IReadOnlyList<CertificateInfo> anchors)
    {
        foreach (var anchor in anchors)
        {
            if (issuer.IsSelfIssued && anchor.Sha256.Span.SequenceEqual(issuer.Sha256.Span))
                return "the issuer is the trust anchor itself (one self-signed certificate as both, as 'linkerd install' makes without certs)";
            // Compare names as text too: the same name in PrintableString and UTF8String differs in bytes only.
            if (anchor.SubjectDer.Span.SequenceEqual(issuer.SubjectDer.Span)
                || string.Equals(anchor.Subject, issuer.Subject, StringComparison.OrdinalIgnoreCase))
                return $"the issuer and an anchor share the subject '{issuer.Subject}'";
        }
        return null;
    }

    private static string? CaEkuProblem(CertificateInfo c)
    {
        if (!c.IsCertificateAuthority || c.ExtendedKeyUsage is not { Count: > 0 } ekus || ekus.Contains(Oids.AnyExtendedKeyUsage)) return null;
        var server = ekus.Contains(Oids.ServerAuth);
        var client = ekus.Contains(Oids.ClientAuth);
        if (server && client) return null;
        var missing = !server && !client ? "serverAuth and clientAuth" : server ? "clientAuth" : "serverAuth";
        return $"extendedKeyUsage excludes {missing}; Go and rustls reject chains through it";
    }

    /// <summary>
    /// A CA whose own path length is larger than its signer leaves room for: the signer's limit wins, so the depth the
    /// CA advertises can never be used, and material that says one thing while doing another hides mistakes.
    /// </summary>
    private static string? PathLengthBeyondSigner(IReadOnlyList<CertificateInfo> issuerChain, CertificateInfo? anchor)
    {
        var cas = new List<CertificateInfo>(issuerChain);
        if (anchor is not null && !issuerChain.Contains(anchor)) cas.Add(anchor);
        for (var i = 0; i + 1 < cas.Count; i++)
        {
            var (child, signer) = (cas[i], cas[i + 1]);
            if (child.PathLength is { } own && signer.PathLength is { } limit && limit >= 1 && own > limit - 1)
                return $"'{child.Subject}' has pathlen {own}, but its signer '{signer.Subject}' (pathlen {limit}) allows at most {limit - 1} below it; the signer's limit applies";
        }
        return null;
    }

    /// <summary>
    /// Linkerd's identity controller signs workload certificates whose DNS name is
    /// <c>SA.NS.serviceaccount.identity.linkerd.DOMAIN</c>; a nameConstraints extension on the issuer or its anchor that
    /// does not permit such names makes every workload certificate fail verification, although the issuer itself
    /// verifies. The trust domain is read from the issuer's common name (<c>identity.linkerd.DOMAIN</c>).
    /// </summary>
    private static CheckFinding WorkloadNamesPermitted(IReadOnlyList<CertificateInfo> issuerChain, CertificateInfo? anchor)
    {
        const string id = "workload-names-permitted", title = "name constraints permit workload identities";
        const string prefix = "identity.linkerd.";
        var cn = issuerChain[0].CommonName;
        if (cn is null || !cn.StartsWith(prefix, StringComparison.Ordinal) || cn.Length == prefix.Length)
            return new CheckFinding(id, title, CheckSeverity.Error, true,
                "not checked: the trust domain is not known (the issuer's common name is not identity.linkerd.DOMAIN)", null);
        var probe = $"default.default.serviceaccount.{cn}";
        var cas = new List<CertificateInfo>(issuerChain);
        if (anchor is not null && !issuerChain.Contains(anchor)) cas.Add(anchor);
        foreach (var ca in cas)
            if (NameConstraintCheck.CheckDnsName(ca, probe) is { } problem)
                return One(id, title, CheckSeverity.Error, $"{problem}; workload certificates (such as {probe}) will not verify",
                    Fix(RemedyAction.UseSigningCa, "use an anchor and issuer whose nameConstraints permit the mesh's identity names, or none"));
        return One(id, title, CheckSeverity.Error, null, Fix(RemedyAction.UseSigningCa, ""));
    }

    private static string? PathLengthProblem(IReadOnlyList<CertificateInfo> issuerChain, CertificateInfo? anchor)
    {
        // A workload chain is leaf -> issuer chain -> anchor: each CA must allow the CAs below it (the one signing rule).
        var cas = new List<CertificateInfo>(issuerChain);
        if (anchor is not null && !issuerChain.Contains(anchor)) cas.Add(anchor);
        for (var i = 0; i < cas.Count; i++)
        {
            var role = i == cas.Count - 1 && anchor is not null ? CaRole.Anchor : CaRole.Intermediate;
            if (SigningAuthority.Check(cas[i], role, i, at: null) is { Id: FindingIds.CaPathLength } problem) return problem.Message;
        }
        return null;
    }

    /// <summary>
    /// What Linkerd reads differently from us: text it cannot read, or reads only in part, or certificates other than
    /// those checked. One line per text; null when Linkerd reads exactly the certificates checked.
    /// </summary>
    private static string? PemProblem(params (string What, LinkerdPemVerdict? Read, IReadOnlyList<CertificateInfo> Expected)[] texts)
    {
        var problems = new List<string>();
        foreach (var (what, read, expected) in texts)
        {
            if (read is null) continue;
            var same = read.Certificates.Count == expected.Count
                       && read.Certificates.Zip(expected).All(p => p.First.Sha256.Span.SequenceEqual(p.Second.Sha256.Span));
            if (read.Outcome == LinkerdPemOutcome.Read && same) continue;
            var count = read.Readable && read.Certificates.Count != expected.Count ? $" (the text holds {expected.Count})" : "";
            problems.Add(read.Outcome == LinkerdPemOutcome.Read
                ? $"{what}: Linkerd reads other certificates from the text than the {expected.Count} checked"
                : $"{what}: {read.Explanation}{count}");
        }
        return problems.Count == 0 ? null : string.Join("; ", problems);
    }
}
