using System.Formats.Asn1;
using System.Security.Cryptography;
using Trust.Certificates;

namespace Trust.Keys;

/// <summary>
/// An ECDSA P-256 key pair for a workload certificate, cheap to create in bulk: it holds the raw private scalar and
/// public point, gives the SubjectPublicKeyInfo for issuance and writes the private key as PKCS#8 PEM. Create a
/// <see cref="SigningKey"/> from it only when it must sign. Dispose clears the private scalar.
/// </summary>
internal sealed class EcKeyPair : IDisposable
{
    // SEQUENCE { SEQUENCE { id-ecPublicKey, prime256v1 }, BIT STRING (65 bytes) } up to the point itself.
    private static readonly byte[] SpkiPrefix = Convert.FromHexString("3059301306072A8648CE3D020106082A8648CE3D030107034200");

    private readonly byte[] _d;
    private readonly byte[] _q;

    private EcKeyPair(byte[] d, byte[] q)
    {
        _d = d;
        _q = q;
        SubjectPublicKeyInfo = [.. SpkiPrefix, .. q];
    }

    /// <summary>The public key as DER SubjectPublicKeyInfo.</summary>
    public byte[] SubjectPublicKeyInfo { get; }

    /// <summary>True when keys come from the fast libcrypto path (else from the in-box ECDsa API).</summary>
    public static bool UsesFastPath => LibCryptoKeyGenerator.IsAvailable;

    /// <summary>Generates a new P-256 key pair.</summary>
    public static EcKeyPair GenerateP256()
    {
        var d = new byte[32];
        var q = new byte[65];
        return LibCryptoKeyGenerator.TryGenerateP256(d, q) ? new EcKeyPair(d, q) : GenerateWithPlatform();
    }

    /// <summary>
    /// Generates a P-256 key pair with the in-box ECDsa API: the fallback when the fast path is not available (internal
    /// so that tests run it on machines where the fast path is in use).
    /// </summary>
    internal static EcKeyPair GenerateWithPlatform()
    {
        var d = new byte[32];
        var q = new byte[65];
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var parameters = key.ExportParameters(includePrivateParameters: true);
        parameters.D.AsSpan().CopyTo(d.AsSpan(32 - parameters.D!.Length));
        q[0] = 4;
        parameters.Q.X!.CopyTo(q, 1);
        parameters.Q.Y!.CopyTo(q, 33);
        CryptographicOperations.ZeroMemory(parameters.D);
        return new EcKeyPair(d, q);
    }

    /// <summary>The private key as unencrypted PKCS#8 PEM (<c>PRIVATE KEY</c>, RFC 5915 inside RFC 5208).</summary>
    public string ExportPkcs8Pem()
    {
        var ec = new AsnWriter(AsnEncodingRules.DER);
        using (ec.PushSequence())
        {
            ec.WriteInteger(1);
            ec.WriteOctetString(_d);
            using (ec.PushSequence(new Asn1Tag(TagClass.ContextSpecific, 1, isConstructed: true)))
                ec.WriteBitString(_q);
        }
        var inner = ec.Encode();
        var pkcs8 = new AsnWriter(AsnEncodingRules.DER);
        using (pkcs8.PushSequence())
        {
            pkcs8.WriteInteger(0);
            using (pkcs8.PushSequence())
            {
                pkcs8.WriteObjectIdentifier(Oids.EcPublicKey);
                pkcs8.WriteObjectIdentifier(Oids.CurveP256);
            }
            pkcs8.WriteOctetString(inner);
        }
        CryptographicOperations.ZeroMemory(inner);
        return SigningKey.SecretPem("PRIVATE KEY", pkcs8.Encode());
    }

    /// <summary>A signing key with this pair (imports into the platform; ~80 µs).</summary>
    public SigningKey ToSigningKey() => SigningKey.FromEcdsa(ECDsa.Create(new ECParameters
    {
        Curve = ECCurve.NamedCurves.nistP256, D = (byte[])_d.Clone(),
        Q = new ECPoint { X = _q[1..33], Y = _q[33..] },
    }));

    /// <inheritdoc />
    public void Dispose() => CryptographicOperations.ZeroMemory(_d);

    /// <inheritdoc />
    public override string ToString() => "ECDSA P-256 key pair";
}
