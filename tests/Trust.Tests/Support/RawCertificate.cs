using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Trust.Certificates;

namespace Trust.Tests.Support;

/// <summary>
/// A certificate written field by field with <see cref="AsnWriter"/>, for shapes no certificate API will make: version 1,
/// a keyUsage with no bits, an unknown critical extension. Signed with ECDSA P-256 / SHA-256.
/// </summary>
public sealed record RawCertificate
{
    public int Version { get; init; } = 3;
    public string Subject { get; init; } = "CN=raw";
    public string? Issuer { get; init; }
    public DateTimeOffset NotBefore { get; init; } = TestClock.Epoch.AddDays(-1);
    public DateTimeOffset NotAfter { get; init; } = TestClock.Epoch.AddDays(365);
    public IReadOnlyList<(string Oid, bool Critical, byte[] Value)> Extensions { get; init; } = [];
    /// <summary>The subject's key; optional when <see cref="SubjectPublicKeyInfo"/> and <see cref="SignerKey"/> are set.</summary>
    public ECDsa? SubjectKey { get; init; }
    /// <summary>The subject's key as DER, for keys no certificate API will put in a certificate; <see cref="SubjectKey"/>'s when null.</summary>
    public byte[]? SubjectPublicKeyInfo { get; init; }
    /// <summary>The issuer given as DER; otherwise <see cref="Issuer"/>, or the subject.</summary>
    public byte[]? IssuerDer { get; init; }
    public System.Numerics.BigInteger Serial { get; init; } = 0x012345;
    /// <summary>The key that signs (ECDSA or RSA); the subject key when null (self-signed).</summary>
    public AsymmetricAlgorithm? SignerKey { get; init; }
    public HashAlgorithmName Hash { get; init; } = HashAlgorithmName.SHA256;
    /// <summary>The signature algorithm written inside the TBS; derived from the signer and hash when null.</summary>
    public string? InnerAlgorithm { get; init; }
    /// <summary>The signature algorithm written outside the TBS; the inner one when null.</summary>
    public string? OuterAlgorithm { get; init; }

    /// <summary>A subject given as DER, for names no text form can write (it also serves as the issuer when none is set).</summary>
    public byte[]? SubjectDer { get; init; }

    public RawCertificate WithSubjectDer(byte[] der) => this with { SubjectDer = der };

    public const string EcdsaSha256 = "1.2.840.10045.4.3.2";

    public CertificateInfo Build() => CertificateInfo.Parse(Der());

    public byte[] Der()
    {
        AsymmetricAlgorithm signer = SignerKey ?? SubjectKey ?? throw new InvalidOperationException("no key to sign with");
        var spki = SubjectPublicKeyInfo ?? SubjectKey?.ExportSubjectPublicKeyInfo() ?? throw new InvalidOperationException("no subject key");
        var inner = InnerAlgorithm ?? AlgorithmOf(signer, Hash);
        var algorithm = AlgorithmIdentifier(inner, signer is RSA);
        var outer = OuterAlgorithm is null ? algorithm : AlgorithmIdentifier(OuterAlgorithm, signer is RSA);
        var tbs = new AsnWriter(AsnEncodingRules.DER);
        using (tbs.PushSequence())
        {
            if (Version != 1)
                using (tbs.PushSequence(new Asn1Tag(TagClass.ContextSpecific, 0, true))) tbs.WriteInteger(Version - 1);
            tbs.WriteInteger(Serial);
            tbs.WriteEncodedValue(algorithm);
            tbs.WriteEncodedValue(IssuerDer ?? (Issuer is null && SubjectDer is not null ? SubjectDer : new X500DistinguishedName(Issuer ?? Subject).RawData));
            using (tbs.PushSequence())
            {
                tbs.WriteUtcTime(NotBefore);
                tbs.WriteUtcTime(NotAfter);
            }
            tbs.WriteEncodedValue(SubjectDer ?? new X500DistinguishedName(Subject).RawData);
            tbs.WriteEncodedValue(spki);
            if (Extensions.Count > 0)
                using (tbs.PushSequence(new Asn1Tag(TagClass.ContextSpecific, 3, true)))
                using (tbs.PushSequence())
                    foreach (var (oid, critical, value) in Extensions)
                        using (tbs.PushSequence())
                        {
                            tbs.WriteObjectIdentifier(oid);
                            if (critical) tbs.WriteBoolean(true);
                            tbs.WriteOctetString(value);
                        }
        }
        var tbsDer = tbs.Encode();
        var signature = signer is RSA rsa
            ? rsa.SignData(tbsDer, Hash, RSASignaturePadding.Pkcs1)
            : ((ECDsa)signer).SignData(tbsDer, Hash, DSASignatureFormat.Rfc3279DerSequence);
        var certificate = new AsnWriter(AsnEncodingRules.DER);
        using (certificate.PushSequence())
        {
            certificate.WriteEncodedValue(tbsDer);
            certificate.WriteEncodedValue(outer);
            certificate.WriteBitString(signature);
        }
        return certificate.Encode();
    }

    private static string AlgorithmOf(AsymmetricAlgorithm signer, HashAlgorithmName hash) => (signer is RSA, hash.Name) switch
    {
        (false, "SHA256") => EcdsaSha256,
        (false, "SHA384") => "1.2.840.10045.4.3.3",
        (false, "SHA512") => "1.2.840.10045.4.3.4",
        (true, "SHA256") => "1.2.840.113549.1.1.11",
        (true, "SHA384") => "1.2.840.113549.1.1.12",
        (true, "SHA512") => "1.2.840.113549.1.1.13",
        _ => throw new ArgumentOutOfRangeException(nameof(hash)),
    };

    private static byte[] AlgorithmIdentifier(string oid, bool withNullParameters)
    {
        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence())
        {
            writer.WriteObjectIdentifier(oid);
            if (withNullParameters) writer.WriteNull();
        }
        return writer.Encode();
    }

    public static (string, bool, byte[]) BasicConstraints(bool ca, int? pathLength = null, bool critical = true)
    {
        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence())
        {
            if (ca) writer.WriteBoolean(true);
            if (pathLength is { } p) writer.WriteInteger(p);
        }
        return ("2.5.29.19", critical, writer.Encode());
    }

    /// <summary>keyUsage with exactly these bits; <see cref="X509KeyUsageFlags.None"/> writes an empty BIT STRING.</summary>
    public static (string, bool, byte[]) KeyUsage(X509KeyUsageFlags flags)
    {
        if (flags == X509KeyUsageFlags.None) return ("2.5.29.15", true, [0x03, 0x01, 0x00]);
        return ("2.5.29.15", true, new X509KeyUsageExtension(flags, true).RawData);
    }
}
