using Trust.Certificates;

namespace Trust.Validation;

/// <summary>
/// Certificates indexed by subject name (DER) for parent lookup, as Go's x509.CertPool does; candidates whose
/// subjectKeyIdentifier matches the child's authorityKeyIdentifier come first. Never scans every certificate.
/// </summary>
public sealed class CertificatePool
{
    private readonly Dictionary<ReadOnlyMemory<byte>, List<CertificateInfo>> _bySubject = new(ByteArrayComparer.Instance);
    private readonly HashSet<byte[]> _fingerprints = new(ByteArrayComparer.Instance);

    /// <summary>Creates a pool from certificates (duplicates by SHA-256 are ignored).</summary>
    public CertificatePool(IEnumerable<CertificateInfo> certificates)
    {
        ArgumentNullException.ThrowIfNull(certificates);
        foreach (var c in certificates) Add(c);
    }

    /// <summary>Number of distinct certificates.</summary>
    public int Count => _fingerprints.Count;

    /// <summary>Adds a certificate unless an identical one is present.</summary>
    public void Add(CertificateInfo certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        if (!_fingerprints.Add(certificate.Sha256)) return;
        if (!_bySubject.TryGetValue(certificate.SubjectDer, out var list)) _bySubject[certificate.SubjectDer] = list = [];
        list.Add(certificate);
    }

    /// <summary>True when the exact certificate (by SHA-256) is in the pool.</summary>
    public bool Contains(CertificateInfo certificate) => _fingerprints.Contains(certificate.Sha256);

    /// <summary>Certificates that may have signed <paramref name="child"/>: same subject as its issuer, key-id matches first.</summary>
    public IReadOnlyList<CertificateInfo> PotentialParents(CertificateInfo child)
    {
        if (!_bySubject.TryGetValue(child.IssuerDer, out var list)) return [];
        if (list.Count == 1 || child.AuthorityKeyId is not { } aki) return list;
        return [.. list.Where(c => KeyIdMatches(c, aki)), .. list.Where(c => !KeyIdMatches(c, aki))];
    }

    private static bool KeyIdMatches(CertificateInfo candidate, byte[] authorityKeyId) =>
        candidate.SubjectKeyId is { } ski && ski.AsSpan().SequenceEqual(authorityKeyId);
}

/// <summary>Compares byte arrays and memory by content.</summary>
internal sealed class ByteArrayComparer : IEqualityComparer<byte[]>, IEqualityComparer<ReadOnlyMemory<byte>>
{
    public static readonly ByteArrayComparer Instance = new();

    public bool Equals(byte[]? x, byte[]? y) => x.AsSpan().SequenceEqual(y);

    public int GetHashCode(byte[] value) => GetHashCode((ReadOnlyMemory<byte>)value);

    public bool Equals(ReadOnlyMemory<byte> x, ReadOnlyMemory<byte> y) => x.Span.SequenceEqual(y.Span);

    public int GetHashCode(ReadOnlyMemory<byte> value)
    {
        var hash = new HashCode();
        hash.AddBytes(value.Span);
        return hash.ToHashCode();
    }
}
