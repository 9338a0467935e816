using System.Collections.Concurrent;
using Trust.Certificates;
using Trust.Validation;

namespace Trust.Rotation;

/// <summary>
/// Memoizes whether an issuer chain has a valid path to an anchor, apart from time: the path is verified at a moment
/// inside every certificate's validity, and the caller checks validity at its own now. A job plans hourly against the
/// same few certificates; signature checks dominate otherwise. Bounded: cleared when full.
/// </summary>
internal sealed class IssuerPaths
{
    /// <summary>A run sees a handful of pairs; a long-lived planner forgets them all once this many are held.</summary>
    private const int Capacity = 1024;

    private readonly ConcurrentDictionary<string, bool> _known = new(StringComparer.Ordinal);

    /// <summary>True when <paramref name="chain"/> (issuer first) verifies against <paramref name="anchor"/>; the caller
    /// has checked that every certificate is valid at <paramref name="now"/>.</summary>
    public bool Verify(IReadOnlyList<CertificateInfo> chain, CertificateInfo anchor, DateTimeOffset now)
    {
        var key = string.Join(",", chain.Select(c => c.Fingerprint).Append(anchor.Fingerprint));
        if (_known.TryGetValue(key, out var valid)) return valid;
        valid = ChainVerifier.Verify(chain[0], chain.Skip(1), new CertificatePool([anchor]), now, KeyPurpose.Server).IsValid;
        if (_known.Count >= Capacity) _known.Clear();
        _known[key] = valid;
        return valid;
    }
}
