using Trust.Certificates;

namespace Trust.Validation;

/// <summary>
/// Certificates indexed by subject name (DER) for parent lookup, as Go's x509.CertPool does; candidates whose
/// subjectKeyIdentifier matches the child's authorityKeyIdentifier come first. Never scans every certificate.
/// </summary>
public sealed class CertificatePool
{
    private readonly Dictionary<NameKey, List<CertificateInfo>> _bySubject = new();
    private readonly HashSet<byte[]> _fingerprints = new(ByteArrayComparer.Instance);

    /// <summary>Creates a pool from certificates (duplicates by SHA-256 are ignored).</summary>
    /// <exception cref="ArgumentNullException"><paramref name="certificates"/> or one of them is null.</exception>
    public CertificatePool(IEnumerable<CertificateInfo> certificates)
    {
        ArgumentNullException.ThrowIfNull(certificates);
        foreach (var c in certificates) Add(c);
    }

    /// <summary>Number of distinct certificates.</summary>
    public int Count => _fingerprints.Count;

    /// <summary>Adds a certificate unless an identical one is present.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="certificate"/> is null.</exception>
    public void Add(CertificateInfo certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        if (!_fingerprints.Add(certificate.Sha256Bytes)) return;
        if (!_bySubject.TryGetValue(new NameKey(certificate.SubjectDer), out var list)) _bySubject[new NameKey(certificate.SubjectDer)] = list = [];
        list.Add(certificate);
    }

    /// <summary>True when the exact certificate (by SHA-256) is in the pool.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="certificate"/> is null.</exception>
    public bool Contains(CertificateInfo certificate) => _fingerprints.Contains((certificate ?? throw new ArgumentNullException(nameof(certificate))).Sha256Bytes);

    /// <summary>Certificates that may have signed <paramref name="child"/>: same subject as its issuer, key-id matches first.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="child"/> is null.</exception>
    public IReadOnlyList<CertificateInfo> PotentialParents(CertificateInfo child)
    {
        ArgumentNullException.ThrowIfNull(child);
        if (!_bySubject.TryGetValue(new NameKey(child.IssuerDer), out var list)) return [];
        if (list.Count == 1 || child.AuthorityKeyId is not { } aki) return list;
        return [.. list.Where(c => KeyIdMatches(c, aki)), .. list.Where(c => !KeyIdMatches(c, aki))];
    }

    /// <summary>A DER name compared by content (a type of this assembly, so its dictionary is precompiled, not JIT-compiled at start-up).</summary>
    private readonly struct NameKey(ReadOnlyMemory<byte> der) : IEquatable<NameKey>
    {
        private readonly ReadOnlyMemory<byte> _der = der;
        public bool Equals(NameKey other) => _der.Span.SequenceEqual(other._der.Span);
        public override bool Equals(object? obj) => obj is NameKey other && Equals(other);
        public override int GetHashCode() => ByteArrayComparer.Instance.GetHashCode(_der);
    }

    private static bool KeyIdMatches(CertificateInfo candidate, ReadOnlyMemory<byte> authorityKeyId) =>
        candidate.SubjectKeyId is { } ski && ski.Span.SequenceEqual(authorityKeyId.Span);
}
