using System.Runtime.InteropServices;
using System.Security.Cryptography;
using Trust.Certificates;
using Trust.Pem;

namespace Trust.Bundles;

/// <summary>
/// Builds a <see cref="TrustBundle"/> from file contents, one input at a time, keeping only what a bundle needs: each
/// distinct certificate's DER, its SHA-256 and the two fields the filters read. A block is hashed before it is parsed,
/// so a certificate repeated many times is parsed once; a stream is read in 1 MiB chunks. The result is the same
/// bundle, with the same counters, as <see cref="TrustBundle.From"/> over every certificate that
/// <see cref="CertificatePem.ReadBytes"/> returns for the same inputs, and the same errors.
/// </summary>
/// <remarks>
/// Memory: about the DER of the distinct certificates plus ~150 bytes each, whatever the number of duplicates
/// (issue 8: 100,000 certificates in less than 150 MB; a 256 MiB input must not cost 5 times its size).
/// </remarks>
public sealed class TrustBundleBuilder
{
    private const int ArenaChunk = 1 << 20;
    private readonly BundleOptions _options;
    private readonly Dictionary<Sha256Key, int> _index = [];
    private readonly List<Candidate> _candidates = [];
    private readonly List<int> _repeatedInInput = [];
    private readonly CertificateDerHandler _handler;
    private byte[] _arena = [];
    private int _arenaUsed;
    private int _read;

    /// <summary>A builder that applies <paramref name="options"/> when the bundle is made.</summary>
    public TrustBundleBuilder(BundleOptions? options = null)
    {
        _options = options ?? new BundleOptions();
        _handler = OnCertificate;
    }

    /// <summary>
    /// Adds the certificates of one input: PEM text or a single DER certificate, read strictly (one bad block rejects
    /// this input, naming <paramref name="source"/> and the block; the builder is then as it was before the call).
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="source"/> is null.</exception>
    /// <exception cref="TrustInputException">As <see cref="CertificatePem.ReadBytes"/>.</exception>
    public TrustBundleBuilder Add(ReadOnlyMemory<byte> content, string source)
    {
        ArgumentNullException.ThrowIfNull(source);
        return Transaction(() => CertificatePemScanner.Read(content, source, _handler));
    }

    /// <summary>
    /// Adds the certificates of one input read from <paramref name="content"/> to its end, in chunks (see
    /// <see cref="Add(ReadOnlyMemory{byte}, string)"/>). The stream's own exceptions (I/O, a size limit) pass through,
    /// leaving the builder as it was.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="content"/> or <paramref name="source"/> is null.</exception>
    /// <exception cref="TrustInputException">As <see cref="CertificatePem.ReadBytes"/>.</exception>
    public TrustBundleBuilder Add(Stream content, string source)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentNullException.ThrowIfNull(source);
        return Transaction(() => CertificatePemScanner.Read(content, source, _handler));
    }

    /// <summary>The bundle of everything added so far: filtered, deduplicated, sorted by SHA-256 of the DER.</summary>
    public TrustBundle ToBundle()
    {
        int expired = 0, notCa = 0, kept = 0;
        var candidates = CollectionsMarshal.AsSpan(_candidates);
        var keep = new bool[candidates.Length];
        for (var i = 0; i < candidates.Length; i++)
        {
            ref readonly var c = ref candidates[i];
            if (_options.DropExpiredAt is { } at && c.NotAfter < at) expired += c.Count;
            else if (_options.CaOnly && !c.IsCertificateAuthority) notCa += c.Count;
            else { keep[i] = true; kept++; }
        }
        var keys = new Sha256Key[kept];
        var ders = new ReadOnlyMemory<byte>[kept];
        for (int i = 0, j = 0; i < candidates.Length; i++)
        {
            if (!keep[i]) continue;
            keys[j] = candidates[i].Key;
            ders[j++] = candidates[i].Der;
        }
        Array.Sort(keys, ders);
        return new TrustBundle(keys, ders, null, _read, _read - expired - notCa - kept, expired, notCa);
    }

    private TrustBundleBuilder Transaction(Action add)
    {
        var distinct = _candidates.Count;
        var read = _read;
        _repeatedInInput.Clear();
        try
        {
            add();
        }
        catch
        {
            var candidates = CollectionsMarshal.AsSpan(_candidates);
            foreach (var i in _repeatedInInput) candidates[i].Count--;
            for (var i = distinct; i < candidates.Length; i++) _index.Remove(candidates[i].Key);
            _candidates.RemoveRange(distinct, _candidates.Count - distinct);
            _read = read;
            throw;
        }
        return this;
    }

    private void OnCertificate(int index, ReadOnlySpan<byte> der)
    {
        Span<byte> hash = stackalloc byte[Sha256Key.Size];
        SHA256.HashData(der, hash);
        var key = Sha256Key.From(hash);
        if (_index.TryGetValue(key, out var seen))
        {
            CollectionsMarshal.AsSpan(_candidates)[seen].Count++;
            _repeatedInInput.Add(seen);
            _read++;
            return;
        }
        var stored = Store(der);
        var certificate = CertificateInfo.ParseOwned(stored); // validates it as every reader does; only two fields are kept
        _index.Add(key, _candidates.Count);
        _candidates.Add(new Candidate(key, stored, certificate.NotAfter, certificate.IsCertificateAuthority));
        _read++;
    }

    /// <summary>Copies a DER into 1 MiB chunks: one array per megabyte instead of one per certificate.</summary>
    private ReadOnlyMemory<byte> Store(ReadOnlySpan<byte> der)
    {
        if (der.Length > ArenaChunk / 4) return der.ToArray();
        if (_arena.Length - _arenaUsed < der.Length)
        {
            _arena = new byte[ArenaChunk];
            _arenaUsed = 0;
        }
        var stored = _arena.AsMemory(_arenaUsed, der.Length);
        der.CopyTo(_arena.AsSpan(_arenaUsed));
        _arenaUsed += der.Length;
        return stored;
    }

    private struct Candidate(Sha256Key key, ReadOnlyMemory<byte> der, DateTimeOffset notAfter, bool isCertificateAuthority)
    {
        public readonly Sha256Key Key = key;
        public readonly ReadOnlyMemory<byte> Der = der;
        public readonly DateTimeOffset NotAfter = notAfter;
        public readonly bool IsCertificateAuthority = isCertificateAuthority;
        public int Count = 1;
    }
}
