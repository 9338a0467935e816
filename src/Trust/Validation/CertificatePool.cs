using Trust.Certificates;

namespace Trust.Validation;

/// <summary>
/// Certificates indexed by subject name (DER) for parent lookup, as Go's x509.CertPool does; candidates whose
/// subjectKeyIdentifier matches the child's authorityKeyIdentifier come first. Never scans every certificate.
/// </summary>
public sealed class CertificatePool
{
    private readonly Dictionary<string, List<CertificateInfo>> _bySubject = new(StringComparer.Ordinal);
    private readonly HashSet<string> _fingerprints = new(StringComparer.Ordinal);

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
        if (!_fingerprints.Add(Convert.ToBase64String(certificate.Sha256))) return;
        var key = Convert.ToBase64String(certificate.SubjectDer);
        if (!_bySubject.TryGetValue(key, out var list)) _bySubject[key] = list = [];
        list.Add(certificate);
    }

    /// <summary>True when the exact certificate (by SHA-256) is in the pool.</summary>
    public bool Contains(CertificateInfo certificate) => _fingerprints.Contains(Convert.ToBase64String(certificate.Sha256));

    /// <summary>Certificates that may have signed <paramref name="child"/>: same subject as its issuer, key-id matches first.</summary>
    public IEnumerable<CertificateInfo> PotentialParents(CertificateInfo child)
    {
        if (!_bySubject.TryGetValue(Convert.ToBase64String(child.IssuerDer), out var list)) return [];
        if (list.Count == 1 || child.AuthorityKeyId is null) return list;
        return list.OrderBy(c => c.SubjectKeyId is { } ski && ski.AsSpan().SequenceEqual(child.AuthorityKeyId) ? 0 : 1);
    }
}
