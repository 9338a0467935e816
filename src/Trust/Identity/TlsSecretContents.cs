using Trust.Certificates;
using Trust.Keys;

namespace Trust.Identity;

/// <summary>What <see cref="TlsSecret.Parse"/> read from a <c>kubernetes.io/tls</c> Secret. Owns <see cref="Key"/>.</summary>
public sealed class TlsSecretContents : IDisposable
{
    internal TlsSecretContents(IReadOnlyList<CertificateInfo> chain, SigningKey key, KeyPemFormat keyFormat, CertificateInfo? ca,
        string certificateText, string? caText)
    {
        Chain = chain;
        Key = key;
        KeyFormat = keyFormat;
        Ca = ca;
        CertificateText = certificateText;
        CaText = caText;
    }

    /// <summary>The certificates of <c>tls.crt</c>: the certificate first, then its intermediates.</summary>
    public IReadOnlyList<CertificateInfo> Chain { get; }

    /// <summary>The certificate (the first of <see cref="Chain"/>).</summary>
    public CertificateInfo Certificate => Chain[0];

    /// <summary>The private key of <c>tls.key</c>.</summary>
    public SigningKey Key { get; }

    /// <summary>How the key was stored.</summary>
    public KeyPemFormat KeyFormat { get; }

    /// <summary>The first certificate of <c>ca.crt</c>, or null when absent or unreadable.</summary>
    public CertificateInfo? Ca { get; }

    /// <summary>The <c>tls.crt</c> text as stored (for Linkerd's PEM rules).</summary>
    public string CertificateText { get; }

    /// <summary>The <c>ca.crt</c> text as stored, or null.</summary>
    public string? CaText { get; }

    /// <inheritdoc />
    public void Dispose() => Key.Dispose();

    /// <inheritdoc />
    public override string ToString() => $"'{Certificate.Subject}' with {Chain.Count - 1} intermediate(s) and its key";
}
