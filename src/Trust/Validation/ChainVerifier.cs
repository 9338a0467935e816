using Trust.Certificates;
using Trust.Time;

namespace Trust.Validation;

/// <summary>
/// Verifies a certificate against trust anchors with the semantics of Go's <c>x509.Certificate.Verify</c>, which
/// Linkerd's control plane uses, plus webpki's stricter CA rules: validity of every certificate, parents must be
/// CAs with keyCertSign (when keyUsage is present), pathLenConstraint, extended key usage narrowed along the chain
/// (a CA whose EKU omits the purpose fails), unhandled critical extensions, and an optional DNS name.
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
        if (dnsName is not null && !MatchesName(certificate, dnsName))
            return ChainResult.Fail($"'{certificate.Subject}' is not valid for {dnsName}; its DNS names are [{string.Join(", ", certificate.DnsNames)}]");

        List<List<CertificateInfo>> chains;
        string? lastError;
        if (anchors.Contains(certificate))
        {
            chains = [[certificate]];
            lastError = null;
        }
        else
        {
            chains = [];
            lastError = null;
            Build([certificate], anchors, intermediatePool, at, chains, ref lastError);
        }
        if (chains.Count == 0)
            return ChainResult.Fail(lastError ?? $"'{certificate.Subject}' is signed by an unknown authority '{certificate.Issuer}' (no anchor or intermediate with that subject)");

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
        var chains = new List<List<CertificateInfo>>();
        string? ignored = null;
        Build([certificate], anchors, new CertificatePool(intermediates), at, chains, ref ignored);
        var reached = new List<CertificateInfo>();
        foreach (var chain in chains)
            if (!reached.Contains(chain[^1])) reached.Add(chain[^1]);
        return reached;
    }

    private static void Build(List<CertificateInfo> chain, CertificatePool anchors, CertificatePool intermediates,
        DateTimeOffset at, List<List<CertificateInfo>> found, ref string? lastError)
    {
        var current = chain[^1];
        // Anchors first, as Go does: a chain that ends at an anchor is preferred over one through more intermediates.
        foreach (var candidate in anchors.PotentialParents(current))
        {
            if (InChain(chain, candidate)) continue;
            if (ParentError(current, candidate, CaRole.Anchor, chain.Count - 1, at) is { } error) { lastError = error; continue; }
            found.Add([.. chain, candidate]);
        }
        foreach (var candidate in intermediates.PotentialParents(current))
        {
            if (InChain(chain, candidate)) continue;
            if (ParentError(current, candidate, CaRole.Intermediate, chain.Count - 1, at) is { } error) { lastError = error; continue; }
            if (chain.Count + 1 >= MaxDepth) { lastError = "chain is too long"; continue; }
            Build([.. chain, candidate], anchors, intermediates, at, found, ref lastError);
        }
    }

    private static bool InChain(List<CertificateInfo> chain, CertificateInfo candidate)
    {
        foreach (var c in chain)
            if (c.Sha256Bytes.AsSpan().SequenceEqual(candidate.Sha256Bytes)) return true;
        return false;
    }

    /// <summary>Why <paramref name="parent"/> cannot be the issuer of <paramref name="child"/>, or null.</summary>
    private static string? ParentError(CertificateInfo child, CertificateInfo parent, CaRole role, int intermediatesBelow, DateTimeOffset at)
    {
        if (SigningAuthority.Check(parent, role, intermediatesBelow, at) is { } problem) return problem.Message;
        if (!SignatureCheck.IsSignedBy(child, parent))
            return $"the signature of '{child.Subject}' does not verify with the key of '{parent.Subject}'";
        return null;
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
