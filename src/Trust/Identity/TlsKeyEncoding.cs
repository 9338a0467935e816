namespace Trust.Identity;

/// <summary>How <c>tls.key</c> is encoded, as cert-manager's <c>privateKey.encoding</c>.</summary>
public enum TlsKeyEncoding
{
    /// <summary>PKCS#1 for RSA, SEC1 (<c>EC PRIVATE KEY</c>) for ECDSA: cert-manager's default.</summary>
    Pkcs1,

    /// <summary>PKCS#8 (<c>PRIVATE KEY</c>).</summary>
    Pkcs8,
}
