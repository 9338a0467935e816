using Trust.Certificates;
using Trust.Time;

namespace Trust.Validation;

/// <summary>
/// Verifies a certificate against trust anchors with the semantics of Go's <c>x509.Certificate.Verify</c>, which
/// Linkerd's control plane uses, plus webpki's stricter CA rules: validity of every certificate, a supported key in
/// every certificate (the leaf's included), parents must be CAs with keyCertSign (when keyUsage is present),
/// pathLenConstraint, name constraints (critical or not), extended key usage narrowed along the chain (a CA whose
/// EKU omits the purpose fails), unhandled critical extensions, and an optional DNS name. docs/checks.md lists where
/// we are stricter than Go and why.
/// </summary>
public static class ChainVerifier
{
    private const int MaxDepth = 8;

    /// <summary>Verifies <paramref name="certificate"/> with optional <paramref name="intermediates"/> against <paramref name="anchors"/>.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="certificate"/> or <paramref name="anchors"/> is null.</exception>
    public static ChainResult Verify(CertificateInfo certificate, IEnumerable<CertificateInfo> intermediates,
        CertificatePool anchors, DateTimeOffset at, KeyPurpose purpose = KeyPurpose.Server, string? dnsName = null)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        ArgumentNullException.ThrowIfNull(anchors);
        var intermediatePool = new CertificatePool(intermediates ?? []);
        if (CheckValidity(certificate, at) is { } invalid) return ChainResult.Fail(invalid);
        if (certificate.UnhandledCriticalExtensions.Count > 0)
            return ChainResult.Fail($"'{certificate.Subject}' has an unhandled critical extension {certificate.UnhandledCriticalExtensions[0]}");
        if (KeySupport.Problem(certificate) is { } keyProblem) return ChainResult.Fail(keyProblem);
        if (dnsName is not null && !MatchesName(certificate, dnsName))
            return ChainResult.Fail($"'{certificate.Subject}' is not valid for {dnsName}; its DNS names are [{string.Join(", ", certificate.DnsNames)}]");

        List<List<CertificateInfo>> chains;
        if (anchors.Contains(certificate))
        {
            chains = [[certificate]];
        }
        else
        {
            var search = new ChainSearch(anchors, intermediatePool, at);
            search.Build([certificate]);
            if (search.Found.Count == 0) return ChainResult.Fail(search.Failure);
            chains = search.Found;
        }

        string? usageError = null;
        foreach (var chain in chains)
        {
            usageError = CheckUsage(chain, purpose);
            if (usageError is null) return new ChainResult(true, chain, null);
        }
        return ChainResult.Fail(usageError!);
    }

    /// <summary>Every anchor in <paramref name="anchors"/> that some valid chain from <paramref name="certificate"/> reaches (any purpose).</summary>
    internal static IReadOnlyList<CertificateInfo> AnchorsReached(CertificateInfo certificate, IEnumerable<CertificateInfo> intermediates,
        CertificatePool anchors, DateTimeOffset at)
    {
        if (CheckValidity(certificate, at) is not null) return [];
        if (anchors.Contains(certificate)) return [certificate];
        var search = new ChainSearch(anchors, new CertificatePool(intermediates), at);
        search.Build([certificate]);
        var reached = new List<CertificateInfo>();
        foreach (var chain in search.Found)
            if (!reached.Contains(chain[^1])) reached.Add(chain[^1]);
        return reached;
    }

    /// <summary>
    /// Go's buildChains: anchors first, then intermediates, depth first. When no chain is found, the reason given is
    /// the one from the attempt that got furthest: deeper in the chain first, and at the same depth a CA that signed
    /// the certificate but may not (path length, name constraints, ...) before a candidate whose signature does not
    /// verify, before no candidate at all.
    /// </summary>
    private sealed class ChainSearch(CertificatePool anchors, CertificatePool intermediates, DateTimeOffset at)
    {
        private const int NoCandidate = 0, BadSignature = 1, RuleBroken = 2;
        private int _failureDepth = -1, _failureRank = -1;

        public List<List<CertificateInfo>> Found { get; } = [];

        public string Failure { get; private set; } = "no chain found";

        public void Build(List<CertificateInfo> chain)
        {
            var current = chain[^1];
            var candidates = 0;
            // Anchors first, as Go does: a chain that ends at an anchor is preferred over one through more intermediates.
            foreach (var candidate in anchors.PotentialParents(current))
            {
                if (InChain(chain, candidate)) continue;
                candidates++;
                if (Consider(chain, candidate, CaRole.Anchor)) Found.Add([.. chain, candidate]);
            }
            foreach (var candidate in intermediates.PotentialParents(current))
            {
                if (InChain(chain, candidate)) continue;
                candidates++;
                if (!Consider(chain, candidate, CaRole.Intermediate)) continue;
                if (chain.Count + 1 >= MaxDepth) { Record(chain.Count, RuleBroken, "chain is too long"); continue; }
                Build([.. chain, candidate]);
            }
            if (candidates == 0)
                Record(chain.Count, NoCandidate, chain.Count == 1
                    ? $"'{current.Subject}' is signed by an unknown authority '{current.Issuer}' (no anchor or intermediate with that subject)"
                    : $"'{current.Subject}' is signed by an unknown authority '{current.Issuer}' (no anchor or other intermediate with that subject), so '{chain[0].Subject}' does not chain to an anchor");
        }

        /// <summary>True when <paramref name="parent"/> may be the issuer of the last certificate of <paramref name="chain"/>.</summary>
        private bool Consider(List<CertificateInfo> chain, CertificateInfo parent, CaRole role)
        {
            var child = chain[^1];
            // The rule first: it is cheap, and a signature check is only needed to rank its failure.
            var rule = SigningAuthority.Check(parent, role, chain.Count - 1, at)?.Message
                       ?? KeySupport.Problem(parent)
                       ?? SigningAuthority.CheckNames(parent, chain)?.Message;
            if (!SignatureCheck.IsSignedBy(child, parent))
            {
                Record(chain.Count, BadSignature, SignatureProblem(child, parent));
                return false;
            }
            if (rule is null) return true;
            Record(chain.Count, RuleBroken, rule);
            return false;
        }

        private void Record(int depth, int rank, string message)
        {
            if (depth < _failureDepth || (depth == _failureDepth && rank <= _failureRank)) return;
            (_failureDepth, _failureRank, Failure) = (depth, rank, message);
        }
    }

    private static string SignatureProblem(CertificateInfo child, CertificateInfo parent)
    {
        if (!child.SignatureAlgorithmsAgree)
            return $"'{child.Subject}' names different signature algorithms inside and outside its signed part";
        if (!SignatureCheck.IsSupportedAlgorithm(child.SignatureAlgorithm))
            return $"'{child.Subject}' is signed with {child.SignatureAlgorithmName}, which is not supported (ECDSA or PKCS#1 RSA with SHA-256, SHA-384 or SHA-512 are)";
        if (KeySupport.Problem(parent) is { } key)
            return $"the signature of '{child.Subject}' cannot be checked: {key}";
        return $"the signature of '{child.Subject}' does not verify with the key of '{parent.Subject}'";
    }

    private static bool InChain(List<CertificateInfo> chain, CertificateInfo candidate)
    {
        foreach (var c in chain)
            if (c.Sha256Bytes.AsSpan().SequenceEqual(candidate.Sha256Bytes)) return true;
        return false;
    }

    private static string? CheckValidity(CertificateInfo c, DateTimeOffset at)
    {
        if (at < c.NotBefore) return $"'{c.Subject}' is not valid before {Rfc3339.Format(c.NotBefore)} (checked at {Rfc3339.Format(at)})";
        if (at > c.NotAfter) return $"'{c.Subject}' expired on {Rfc3339.Format(c.NotAfter)} (checked at {Rfc3339.Format(at)})";
        return null;
    }

    /// <summary>Go's checkChainForKeyUsage: every certificate with an EKU list must allow the purpose (or anyEKU).</summary>
    private static string? CheckUsage(List<CertificateInfo> chain, KeyPurpose purpose)
    {
        if (purpose == KeyPurpose.Any) return null;
        var wanted = purpose == KeyPurpose.Server ? Oids.ServerAuth : Oids.ClientAuth;
        foreach (var c in chain)
        {
            if (c.ExtendedKeyUsage is not { Count: > 0 } ekus) continue;
            if (ekus.Contains(Oids.AnyExtendedKeyUsage) || ekus.Contains(wanted)) continue;
            return $"'{c.Subject}' specifies an incompatible key usage: its extendedKeyUsage [{string.Join(", ", ekus.Select(Oids.Describe))}] excludes {Oids.Describe(wanted)}";
        }
        return null;
    }

    /// <summary>DNS name match as Go's VerifyHostname: case-insensitive, a wildcard covers exactly one leftmost label.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="certificate"/> or <paramref name="dnsName"/> is null.</exception>
    public static bool MatchesName(CertificateInfo certificate, string dnsName)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        ArgumentNullException.ThrowIfNull(dnsName);
        var host = dnsName.TrimEnd('.').ToLowerInvariant();
        foreach (var pattern in certificate.DnsNames.Select(n => n.TrimEnd('.').ToLowerInvariant()))
        {
            if (pattern == host) return true;
            if (pattern.StartsWith("*.", StringComparison.Ordinal))
            {
                var dot = host.IndexOf('.');
                if (dot > 0 && host[(dot + 1)..] == pattern[2..]) return true;
            }
        }
        return false;
    }
}
