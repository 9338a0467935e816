using System.Formats.Asn1;
using System.Security.Cryptography;
using Trust.Certificates;
using Trust.Pem;

namespace Trust.Keys;

/// <summary>
/// A private key that can sign certificates: ECDSA (P-256, P-384) or RSA. Owns the platform key and disposes it.
/// Never prints itself: <see cref="ToString"/> shows only the algorithm.
/// </summary>
public sealed class SigningKey : IDisposable
{
    private readonly AsymmetricAlgorithm _key;
    private byte[]? _spki;

    private SigningKey(AsymmetricAlgorithm key)
    {
        _key = key;
        Kind = PublicKeyInfo.Describe(Spki);
    }

    /// <summary>Algorithm, curve and size.</summary>
    public PublicKeyKind Kind { get; }

    /// <summary>The public half as DER SubjectPublicKeyInfo.</summary>
    public ReadOnlyMemory<byte> SubjectPublicKeyInfo => Spki;

    private byte[] Spki => _spki ??= _key.ExportSubjectPublicKeyInfo();

    /// <summary>Generates a new key.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="algorithm"/> is not a defined value.</exception>
    public static SigningKey Generate(KeyAlgorithm algorithm) => algorithm switch
    {
        KeyAlgorithm.EcdsaP256 => new SigningKey(ECDsa.Create(ECCurve.NamedCurves.nistP256)),
        KeyAlgorithm.EcdsaP384 => new SigningKey(ECDsa.Create(ECCurve.NamedCurves.nistP384)),
        KeyAlgorithm.Rsa2048 => new SigningKey(RSA.Create(2048)),
        KeyAlgorithm.Rsa4096 => new SigningKey(RSA.Create(4096)),
        _ => throw new ArgumentOutOfRangeException(nameof(algorithm), algorithm, "unknown key algorithm"),
    };

    /// <summary>Wraps an existing ECDSA key; the new object owns it.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="key"/> is null.</exception>
    public static SigningKey FromEcdsa(ECDsa key) => new(key ?? throw new ArgumentNullException(nameof(key)));

    /// <summary>Wraps an existing RSA key; the new object owns it.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="key"/> is null.</exception>
    public static SigningKey FromRsa(RSA key) => new(key ?? throw new ArgumentNullException(nameof(key)));

    /// <summary>The hash used when this key signs: SHA-384 for P-384, else SHA-256.</summary>
    public HashAlgorithmName Hash => Kind.Curve == EllipticCurve.P384 ? HashAlgorithmName.SHA384 : HashAlgorithmName.SHA256;

    /// <summary>The signature algorithm OID this key writes.</summary>
    internal string SignatureAlgorithmOid => _key is RSA
        ? Oids.Sha256WithRsa
        : Hash == HashAlgorithmName.SHA384 ? Oids.EcdsaWithSha384 : Oids.EcdsaWithSha256;

    /// <summary>Writes the AlgorithmIdentifier for <see cref="SignatureAlgorithmOid"/>.</summary>
    internal void WriteSignatureAlgorithm(AsnWriter writer)
    {
        using (writer.PushSequence())
        {
            writer.WriteObjectIdentifier(SignatureAlgorithmOid);
            if (_key is RSA) writer.WriteNull(); // RFC 4055: parameters MUST be NULL for sha256WithRSAEncryption.
        }
    }

    /// <summary>Signs <paramref name="data"/> in the X.509 encoding (DER ECDSA-Sig-Value or PKCS#1 v1.5).</summary>
    internal byte[] Sign(ReadOnlySpan<byte> data) => _key switch
    {
        ECDsa ec => ec.SignData(data, Hash, DSASignatureFormat.Rfc3279DerSequence),
        RSA rsa => rsa.SignData(data.ToArray(), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1),
        _ => throw new InvalidOperationException("unsupported key"),
    };

    /// <summary>True when this key's public half equals <paramref name="spki"/>.</summary>
    public bool Matches(ReadOnlySpan<byte> spki) => Spki.AsSpan().SequenceEqual(spki);

    /// <summary>Exports unencrypted PKCS#8 PEM (<c>PRIVATE KEY</c>). The text is secret: never print or log it.</summary>
    public string ExportPkcs8Pem() => SecretPem("PRIVATE KEY", _key.ExportPkcs8PrivateKey());

    /// <summary>Exports PKCS#8 PBES2 PEM (<c>ENCRYPTED PRIVATE KEY</c>): AES-256-CBC, PBKDF2-HMAC-SHA256.</summary>
    /// <remarks>Internal: <see cref="PrivateKeyPem.Write"/> is the one public way, and it enforces the iteration floor.</remarks>
    internal string ExportEncryptedPkcs8Pem(ReadOnlySpan<char> password, int iterations) =>
        SecretPem("ENCRYPTED PRIVATE KEY", _key.ExportEncryptedPkcs8PrivateKey(password,
            new PbeParameters(PbeEncryptionAlgorithm.Aes256Cbc, HashAlgorithmName.SHA256, iterations)));

    /// <summary>Exports the traditional form: SEC1 <c>EC PRIVATE KEY</c> or PKCS#1 <c>RSA PRIVATE KEY</c>. Secret.</summary>
    /// <exception cref="ObjectDisposedException">The key has been disposed.</exception>
    public string ExportTraditionalPem() => _key switch
    {
        ECDsa ec => SecretPem("EC PRIVATE KEY", ec.ExportECPrivateKey()),
        RSA rsa => SecretPem("RSA PRIVATE KEY", rsa.ExportRSAPrivateKey()),
        _ => throw new InvalidOperationException("unsupported key"),
    };

    /// <summary>PEM for key bytes; the DER copy is cleared once encoded.</summary>
    internal static string SecretPem(string label, byte[] der)
    {
        try { return PemText.Write(label, der); }
        finally { CryptographicOperations.ZeroMemory(der); }
    }

    /// <inheritdoc />
    public void Dispose() => _key.Dispose();

    /// <inheritdoc />
    public override string ToString() => $"{Kind} private key";
}
