namespace Trust.Keys;

/// <summary>How a private key was stored in PEM.</summary>
public enum KeyPemFormat
{
    /// <summary>SEC1 <c>EC PRIVATE KEY</c>.</summary>
    Sec1,
    /// <summary>PKCS#1 <c>RSA PRIVATE KEY</c>.</summary>
    Pkcs1,
    /// <summary>PKCS#8 <c>PRIVATE KEY</c>.</summary>
    Pkcs8,
    /// <summary>PKCS#8 <c>ENCRYPTED PRIVATE KEY</c> (Linkerd cannot read this form).</summary>
    EncryptedPkcs8,
    /// <summary>
    /// SEC1 <c>EC PRIVATE KEY</c> or PKCS#1 <c>RSA PRIVATE KEY</c> with legacy RFC 1423 encryption
    /// (<c>Proc-Type: 4,ENCRYPTED</c>, <c>DEK-Info</c> headers), as <c>openssl ec -aes256</c> and Go's
    /// x509.EncryptPEMBlock write it. Read only; Linkerd cannot read this form either.
    /// </summary>
    LegacyEncrypted,
}
