using Trust.Certificates;

namespace Trust.Bundles;

/// <summary>
/// A set of trust anchors. Identity is the SHA-256 of each certificate's DER; the order is by that hash, so the
/// same set always renders the same text whatever order the inputs came in (as trust-manager does).
/// </summary>
public sealed class TrustBundle
{
    private TrustBundle(IReadOnlyList<CertificateInfo> certificates, int read, int duplicates, int expired, int notCa)
    {
        Certificates = certificates;
        CertificatesRead = read;
        DuplicatesDropped = duplicates;
        ExpiredDropped = expired;
        NonCaDropped = notCa;
    }

    /// <summary>The certificates, sorted by SHA-256 of the DER, no duplicates.</summary>
    public IReadOnlyList<CertificateInfo> Certificates { get; }

    /// <summary>How many certificates the inputs held.</summary>
    public int CertificatesRead { get; }

    /// <summary>How many were duplicates of another input certificate.</summary>
    public int DuplicatesDropped { get; }

    /// <summary>How many were dropped as expired.</summary>
    public int ExpiredDropped { get; }

    /// <summary>How many were dropped as not a CA.</summary>
    public int NonCaDropped { get; }

    /// <summary>
    /// Reads every input strictly (one bad block rejects the whole merge, naming the source and block) and
    /// builds the deduplicated, sorted bundle.
    /// </summary>
    public static TrustBundle Merge(IEnumerable<BundleInput> inputs, BundleOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        var certificates = new List<CertificateInfo>();
        foreach (var input in inputs) certificates.AddRange(CertificatePem.Read(input.Text, input.Source));
        return From(certificates, options);
    }

    /// <summary>Builds a bundle from parsed certificates.</summary>
    public static TrustBundle From(IEnumerable<CertificateInfo> certificates, BundleOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(certificates);
        options ??= new BundleOptions();
        var byHash = new Dictionary<byte[], CertificateInfo>(ByteArrayComparer.Instance);
        int read = 0, expired = 0, notCa = 0;
        foreach (var certificate in certificates)
        {
            read++;
            if (options.DropExpiredAt is { } at && certificate.NotAfter < at) { expired++; continue; }
            if (options.CaOnly && !certificate.IsCertificateAuthority) { notCa++; continue; }
            byHash.TryAdd(certificate.Sha256, certificate);
        }
        var sorted = byHash.Values.ToArray();
        Array.Sort(sorted, (a, b) => a.Sha256.AsSpan().SequenceCompareTo(b.Sha256));
        return new TrustBundle(sorted, read, read - expired - notCa - sorted.Length, expired, notCa);
    }

    /// <summary>The bundle as Linkerd-safe PEM: only CERTIFICATE blocks, LF, one trailing newline (empty bundle: empty text).</summary>
    public string ToPem() => CertificatePem.Write(Certificates);
}
