using System.Text;
using Trust.Certificates;
using Trust.Findings;
using Trust.Keys;
using Trust.Pem;
using Trust.Validation;

namespace Trust.Identity;

/// <summary>
/// The data of a <c>kubernetes.io/tls</c> Secret exactly as cert-manager writes it for a certificate from a CA issuer:
/// <c>tls.crt</c> = the certificate then its intermediates, the self-signed root left out; <c>tls.key</c> = its key
/// (PKCS#1/SEC1 by default, as cert-manager's default <c>privateKey.encoding</c>); <c>ca.crt</c> = the self-signed root of
/// the chain (else the highest certificate given). Linkerd with <c>identity.issuer.scheme=kubernetes.io/tls</c> reads
/// this layout. Data only: no Kubernetes types. <see cref="ToString"/> never shows the key.
/// </summary>
public sealed class TlsSecret
{
    /// <summary>The Secret key of the certificate chain.</summary>
    public const string CertificateKey = "tls.crt";

    /// <summary>The Secret key of the private key.</summary>
    public const string PrivateKeyKey = "tls.key";

    /// <summary>The Secret key of the CA certificate.</summary>
    public const string CaKey = "ca.crt";

    private TlsSecret(string certificate, string privateKey, string ca)
    {
        Certificate = certificate;
        PrivateKey = privateKey;
        Ca = ca;
    }

    /// <summary>The <c>tls.crt</c> text.</summary>
    public string Certificate { get; }

    /// <summary>The <c>tls.key</c> text. Secret.</summary>
    public string PrivateKey { get; }

    /// <summary>The <c>ca.crt</c> text.</summary>
    public string Ca { get; }

    /// <summary>
    /// Composes the layout from a chain (the certificate first, then the CAs above it in order, the root last when
    /// known) and the certificate's key.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="chain"/> or <paramref name="key"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="chain"/> is empty, or <paramref name="key"/> does not belong to its first certificate.</exception>
    public static TlsSecret Compose(IReadOnlyList<CertificateInfo> chain, SigningKey key, TlsKeyEncoding encoding = TlsKeyEncoding.Pkcs1)
    {
        ArgumentNullException.ThrowIfNull(chain);
        ArgumentNullException.ThrowIfNull(key);
        if (chain.Count == 0) throw new ArgumentException("the chain is empty", nameof(chain));
        if (!key.Matches(chain[0].SubjectPublicKeyInfo.Span)) throw new ArgumentException("the key does not belong to the certificate", nameof(key));
        var keyPem = encoding == TlsKeyEncoding.Pkcs8 ? key.ExportPkcs8Pem() : key.ExportTraditionalPem();
        return new TlsSecret(CertificatePem.Write(ChainWithoutRoot(chain)), keyPem, CertificatePem.Write([CaOf(chain)]));
    }

    /// <summary>The certificates that belong in <c>tls.crt</c>: all but a self-signed root (cert-manager leaves it out).</summary>
    /// <exception cref="ArgumentNullException"><paramref name="chain"/> is null.</exception>
    public static IReadOnlyList<CertificateInfo> ChainWithoutRoot(IReadOnlyList<CertificateInfo> chain)
    {
        ArgumentNullException.ThrowIfNull(chain);
        var kept = new List<CertificateInfo>(chain.Count);
        for (var i = 0; i < chain.Count; i++)
            if (i == 0 || !chain[i].IsSelfIssued) kept.Add(chain[i]);
        return kept;
    }

    private static CertificateInfo CaOf(IReadOnlyList<CertificateInfo> chain)
    {
        for (var i = chain.Count - 1; i >= 0; i--)
            if (chain[i].IsSelfIssued) return chain[i];
        return chain[^1];
    }

    /// <summary>The Secret's data map (fresh arrays each call).</summary>
    public IReadOnlyDictionary<string, byte[]> ToData() => new Dictionary<string, byte[]>
    {
        [CertificateKey] = Encoding.UTF8.GetBytes(Certificate),
        [PrivateKeyKey] = Encoding.UTF8.GetBytes(PrivateKey),
        [CaKey] = Encoding.UTF8.GetBytes(Ca),
    };

    /// <summary>
    /// Reads a <c>kubernetes.io/tls</c> Secret's data back. Fails (no value) when <c>tls.crt</c> or <c>tls.key</c> is
    /// missing or unreadable, or the key is encrypted. Returns the contents WITH findings (id <c>tls-secret-layout</c>,
    /// <c>key-mismatch</c>) when they can be read but the layout is not cert-manager's: no <c>ca.crt</c>, the root inside
    /// <c>tls.crt</c>, a chain out of order, a <c>ca.crt</c> that is not the chain's root, a key that does not match.
    /// </summary>
    /// <param name="data">The Secret's data (decoded bytes per key).</param>
    /// <param name="source">The Secret's name for findings, e.g. <c>linkerd/linkerd-identity-issuer</c>.</param>
    /// <exception cref="ArgumentNullException"><paramref name="data"/> or <paramref name="source"/> is null.</exception>
    public static ReadResult<TlsSecretContents> Parse(IReadOnlyDictionary<string, byte[]> data, string source)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(source);
        var findings = new List<Finding>();
        Finding Layout(string message) => new(FindingIds.TlsSecretLayout, message,
            new Remedy(RemedyAction.CreateIssuer, "rewrite the Secret in cert-manager's layout (tls.crt without the root, tls.key, ca.crt = the root)"))
        { Source = source };

        if (!data.TryGetValue(CertificateKey, out var crtBytes) || crtBytes.Length == 0) findings.Add(Layout($"has no {CertificateKey}"));
        if (!data.TryGetValue(PrivateKeyKey, out var keyBytes) || keyBytes.Length == 0) findings.Add(Layout($"has no {PrivateKeyKey}"));
        if (findings.Count > 0) return ReadResult.Of<TlsSecretContents>(null, findings);

        var chainRead = CertificatePem.TryReadBytes(crtBytes, $"{source} {CertificateKey}");
        var keyText = Encoding.UTF8.GetString(keyBytes!);
        var format = PrivateKeyPem.TryDetectFormat(keyText, $"{source} {PrivateKeyKey}", out var formatProblem);
        ReadResult<SigningKey>? keyRead = null;
        if (formatProblem is not null) findings.Add(formatProblem);
        else if (format is KeyPemFormat.EncryptedPkcs8 or KeyPemFormat.LegacyEncrypted)
            findings.Add(new Finding(FindingIds.KeyPasswordRequired, "the key is encrypted; a Secret's tls.key must not be (Linkerd cannot read it)",
                new Remedy(RemedyAction.DecryptKey, "store the key unencrypted in the Secret")) { Source = $"{source} {PrivateKeyKey}" });
        else
        {
            keyRead = PrivateKeyPem.TryRead(keyText, $"{source} {PrivateKeyKey}");
            findings.AddRange(keyRead.Findings);
        }
        findings.AddRange(chainRead.Findings);
        if (chainRead.Value is not { } chain || keyRead?.Value is not { } key)
        {
            keyRead?.Value?.Dispose();
            return ReadResult.Of<TlsSecretContents>(null, findings);
        }

        if (!key.Matches(chain[0].SubjectPublicKeyInfo.Span))
            findings.Add(new Finding(FindingIds.KeyMismatch, $"{PrivateKeyKey} does not belong to the first certificate of {CertificateKey} ('{chain[0].Subject}')",
                new Remedy(RemedyAction.ProvideMatchingKey, "store the key of the certificate, or issue a new pair")) { Source = source });
        for (var i = 0; i < chain.Count; i++)
        {
            if (i > 0 && chain[i].IsSelfIssued)
                findings.Add(Layout($"{CertificateKey} holds the self-signed root '{chain[i].Subject}'; cert-manager leaves the root out (it belongs in {CaKey})"));
            if (i + 1 < chain.Count && !chain[i].IssuerDer.Span.SequenceEqual(chain[i + 1].SubjectDer.Span))
                findings.Add(Layout($"{CertificateKey} is out of order: certificate {i + 2} ('{chain[i + 1].Subject}') did not issue certificate {i + 1} ('{chain[i].Subject}')"));
        }

        CertificateInfo? ca = null;
        string? caText = null;
        if (!data.TryGetValue(CaKey, out var caBytes) || caBytes.Length == 0)
            findings.Add(Layout($"has no {CaKey}; Linkerd's CLI and checks need it with the kubernetes.io/tls scheme"));
        else
        {
            var caRead = CertificatePem.TryReadBytes(caBytes, $"{source} {CaKey}");
            findings.AddRange(caRead.Findings);
            if (caRead.Value is { } cas)
            {
                ca = cas[0];
                caText = Encoding.UTF8.GetString(caBytes);
                if (cas.Count > 1) findings.Add(Layout($"{CaKey} holds {cas.Count} certificates; cert-manager writes only the root"));
                var top = chain[^1];
                var completes = ca.Sha256.Span.SequenceEqual(top.Sha256.Span)
                    || top.IssuerDer.Span.SequenceEqual(ca.SubjectDer.Span) && SignatureCheck.IsSignedBy(top, ca);
                if (!completes)
                    findings.Add(Layout($"{CaKey} ('{ca.Subject}') is not the CA that issued the top of {CertificateKey} ('{top.Subject}', issued by '{top.Issuer}')"));
            }
        }
        return ReadResult.Of(new TlsSecretContents(chain, key, format!.Value, ca, Encoding.UTF8.GetString(crtBytes!), caText), findings);
    }

    /// <inheritdoc />
    public override string ToString() => $"kubernetes.io/tls data ({CertificateKey}, {PrivateKeyKey}, {CaKey})";
}
