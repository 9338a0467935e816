using Trust.Certificates;
using Trust.Findings;
using Trust.Pem;
using Trust.Validation;

namespace Trust.Bundles;

/// <summary>
/// An immutable set of trust anchors. Identity is the SHA-256 of each certificate's DER; the order is by that hash, so
/// the same set always renders the same text whatever order the inputs came in (as trust-manager does). Set operations
/// return a new bundle; the counters describe how the bundle was built by <see cref="Merge"/> or <see cref="From"/>.
/// </summary>
public sealed class TrustBundle
{
    // Sorted by key; a bundle built by TrustBundleBuilder parses its certificates only when they are asked for.
    private readonly Sha256Key[] _keys;
    private readonly ReadOnlyMemory<byte>[] _ders;
    private CertificateInfo[]? _sorted;
    private IReadOnlyList<CertificateInfo>? _view;

    private TrustBundle(CertificateInfo[] sorted, int read, int duplicates, int expired, int notCa)
        : this(KeysOf(sorted), DersOf(sorted), sorted, read, duplicates, expired, notCa)
    {
    }

    internal TrustBundle(Sha256Key[] keys, ReadOnlyMemory<byte>[] ders, CertificateInfo[]? sorted, int read, int duplicates, int expired, int notCa)
    {
        _keys = keys;
        _ders = ders;
        _sorted = sorted;
        CertificatesRead = read;
        DuplicatesDropped = duplicates;
        ExpiredDropped = expired;
        NonCaDropped = notCa;
    }

    /// <summary>A bundle with no certificate.</summary>
    public static TrustBundle Empty { get; } = new([], 0, 0, 0, 0);

    /// <summary>The certificates, sorted by SHA-256 of the DER, no duplicates.</summary>
    public IReadOnlyList<CertificateInfo> Certificates => _view ??= Array.AsReadOnly(Parsed());

    /// <summary>How many certificates the bundle holds.</summary>
    public int Count => _keys.Length;

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
    /// <exception cref="ArgumentNullException"><paramref name="inputs"/> is null.</exception>
    /// <exception cref="TrustInputException">An input holds no certificate, a block of another kind, or a malformed block.</exception>
    public static TrustBundle Merge(IEnumerable<BundleInput> inputs, BundleOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        var certificates = new List<CertificateInfo>();
        foreach (var input in inputs) certificates.AddRange(CertificatePem.Read(input.Text, input.Source));
        return From(certificates, options);
    }

    /// <summary>Reads a bundle's PEM text (such as a trust-roots ConfigMap's <c>ca-bundle.crt</c>), returning problems as findings.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="text"/> or <paramref name="source"/> is null.</exception>
    public static ReadResult<TrustBundle> TryParse(string text, string source)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(source);
        var read = CertificatePem.TryRead(text, source);
        return read.Value is { } certificates ? ReadResult.Ok(From(certificates)) : ReadResult.Fail<TrustBundle>(read.Findings[0]);
    }

    /// <summary>Builds a bundle from parsed certificates.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="certificates"/> is null.</exception>
    public static TrustBundle From(IEnumerable<CertificateInfo> certificates, BundleOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(certificates);
        options ??= new BundleOptions();
        var byHash = new Dictionary<byte[], CertificateInfo>(ByteArrayComparer.Instance);
        int read = 0, expired = 0, notCa = 0;
        foreach (var certificate in certificates)
        {
            ArgumentNullException.ThrowIfNull(certificate, nameof(certificates));
            read++;
            if (options.DropExpiredAt is { } at && certificate.NotAfter < at) { expired++; continue; }
            if (options.CaOnly && !certificate.IsCertificateAuthority) { notCa++; continue; }
            byHash.TryAdd(certificate.Sha256Bytes, certificate);
        }
        var sorted = byHash.Values.ToArray();
        Array.Sort(sorted, CompareByHash);
        return new TrustBundle(sorted, read, read - expired - notCa - sorted.Length, expired, notCa);
    }

    /// <summary>True when the exact certificate (by SHA-256 of its DER) is in the bundle.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="certificate"/> is null.</exception>
    public bool Contains(CertificateInfo certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        return IndexOf(certificate.Sha256Bytes) >= 0;
    }

    /// <summary>True when a certificate with this SHA-256 fingerprint (32 bytes) is in the bundle.</summary>
    public bool Contains(ReadOnlySpan<byte> sha256) => IndexOf(sha256) >= 0;

    /// <summary>The certificate with this SHA-256 fingerprint (lowercase or uppercase hex, colons allowed), or null.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="fingerprint"/> is null.</exception>
    public CertificateInfo? Find(string fingerprint)
    {
        ArgumentNullException.ThrowIfNull(fingerprint);
        return ParseFingerprint(fingerprint) is { } hash && IndexOf(hash) is var i and >= 0 ? Parsed()[i] : null;
    }

    /// <summary>This bundle with <paramref name="certificate"/> added (the same bundle when already present).</summary>
    /// <exception cref="ArgumentNullException"><paramref name="certificate"/> is null.</exception>
    public TrustBundle Add(CertificateInfo certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        var at = IndexOf(certificate.Sha256Bytes);
        if (at >= 0) return this;
        var insert = ~at;
        var parsed = _sorted is null ? null : Inserted(_sorted, insert, certificate);
        return new TrustBundle(Inserted(_keys, insert, Sha256Key.From(certificate.Sha256Bytes)), Inserted(_ders, insert, certificate.Der),
            parsed, _keys.Length + 1, 0, 0, 0);
    }

    /// <summary>This bundle without the certificate whose SHA-256 fingerprint is given (the same bundle when absent).</summary>
    public TrustBundle Remove(ReadOnlySpan<byte> sha256)
    {
        var at = IndexOf(sha256);
        if (at < 0) return this;
        var parsed = _sorted is null ? null : Removed(_sorted, at);
        return new TrustBundle(Removed(_keys, at), Removed(_ders, at), parsed, _keys.Length - 1, 0, 0, 0);
    }

    /// <summary>This bundle without the certificate with this fingerprint (hex, colons allowed); the same bundle when absent.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="fingerprint"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="fingerprint"/> is not 32 bytes of hex.</exception>
    public TrustBundle Remove(string fingerprint)
    {
        ArgumentNullException.ThrowIfNull(fingerprint);
        return Remove(ParseFingerprint(fingerprint) ?? throw new ArgumentException("not a SHA-256 fingerprint (64 hex digits)", nameof(fingerprint)));
    }

    /// <summary>
    /// The anchors of this bundle that <paramref name="certificate"/> (with optional <paramref name="intermediates"/>)
    /// chains to at <paramref name="at"/>: path validation as <see cref="ChainVerifier"/> does it, for any purpose.
    /// What an anchor rotation asks before dropping an anchor: does any live issuer or leaf still chain to it?
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="certificate"/> is null.</exception>
    public IReadOnlyList<CertificateInfo> AnchorsFor(CertificateInfo certificate, IEnumerable<CertificateInfo>? intermediates, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        return ChainVerifier.AnchorsReached(certificate, intermediates ?? [], new CertificatePool(Parsed()), at);
    }

    /// <summary>The bundle as Linkerd-safe PEM: only CERTIFICATE blocks, LF, one trailing newline (empty bundle: empty text).</summary>
    public string ToPem() => PemText.Write("CERTIFICATE", _ders);

    /// <summary>
    /// Writes the same text as <see cref="ToPem"/>, UTF-8 encoded, to <paramref name="output"/> in chunks: a bundle of
    /// 100,000 certificates needs no 120 MB string.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="output"/> is null.</exception>
    public void WritePem(Stream output)
    {
        ArgumentNullException.ThrowIfNull(output);
        PemText.Write(output, "CERTIFICATE", _ders);
    }

    /// <inheritdoc />
    public override string ToString() => $"trust bundle of {Count} certificate(s)";

    private int IndexOf(ReadOnlySpan<byte> sha256) =>
        sha256.Length == Sha256Key.Size ? Array.BinarySearch(_keys, Sha256Key.From(sha256)) : ~0;

    private CertificateInfo[] Parsed()
    {
        if (_sorted is { } parsed) return parsed;
        var all = new CertificateInfo[_ders.Length];
        for (var i = 0; i < all.Length; i++) all[i] = CertificateInfo.ParseOwned(_ders[i]);
        return Interlocked.CompareExchange(ref _sorted, all, null) ?? all;
    }

    private static Sha256Key[] KeysOf(CertificateInfo[] sorted)
    {
        var keys = new Sha256Key[sorted.Length];
        for (var i = 0; i < keys.Length; i++) keys[i] = Sha256Key.From(sorted[i].Sha256Bytes);
        return keys;
    }

    private static ReadOnlyMemory<byte>[] DersOf(CertificateInfo[] sorted)
    {
        var ders = new ReadOnlyMemory<byte>[sorted.Length];
        for (var i = 0; i < ders.Length; i++) ders[i] = sorted[i].Der;
        return ders;
    }

    private static T[] Inserted<T>(T[] items, int at, T item)
    {
        var next = new T[items.Length + 1];
        Array.Copy(items, next, at);
        next[at] = item;
        Array.Copy(items, at, next, at + 1, items.Length - at);
        return next;
    }

    private static T[] Removed<T>(T[] items, int at)
    {
        var next = new T[items.Length - 1];
        Array.Copy(items, next, at);
        Array.Copy(items, at + 1, next, at, items.Length - at - 1);
        return next;
    }

    private static int CompareByHash(CertificateInfo a, CertificateInfo b) => a.Sha256Bytes.AsSpan().SequenceCompareTo(b.Sha256Bytes);

    private static byte[]? ParseFingerprint(string text)
    {
        var hex = text.Replace(":", "", StringComparison.Ordinal).Trim();
        if (hex.Length != 64) return null;
        try { return Convert.FromHexString(hex); }
        catch (FormatException) { return null; }
    }
}
