using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Trust.Certificates;
using Trust.Keys;
using Trust.Tests.Support;

namespace Trust.Tests.Validation;

/// <summary>
/// Certificates written field by field around any SubjectPublicKeyInfo (a DSA key, an RSA key of 512 bits, an EC point
/// that is not on its curve) and signed by a real key, for keys no certificate API will put in a certificate.
/// </summary>
internal static class HandMadeCertificate
{
    /// <summary>The ECDSA or RSA key of <paramref name="signer"/> as a platform key.</summary>
    public static AsymmetricAlgorithm PlatformKey(SigningKey signer)
    {
        if (signer.Kind.Algorithm == PublicKeyAlgorithm.Rsa)
        {
            var rsa = RSA.Create();
            rsa.ImportFromPem(signer.ExportPkcs8Pem());
            return rsa;
        }
        var ec = ECDsa.Create();
        ec.ImportFromPem(signer.ExportPkcs8Pem());
        return ec;
    }

    /// <summary>A certificate for <paramref name="spki"/> named <c>CN=<paramref name="subject"/></c>, issued and signed by <paramref name="signer"/>.</summary>
    public static CertificateInfo Issue(Issued signer, string subject, byte[] spki, bool ca = false, params X509Extension[] extensions)
    {
        using var key = PlatformKey(signer.Key);
        return CertificateInfo.Parse(Der(new X500DistinguishedName("CN=" + subject).RawData, signer.Certificate.SubjectDer.ToArray(), spki,
            key, HashAlgorithmName.SHA256, ca, extensions));
    }

    /// <summary>A self-signed certificate for <paramref name="key"/> (RSA or ECDSA) with any hash.</summary>
    public static CertificateInfo SelfSigned(string subject, AsymmetricAlgorithm key, HashAlgorithmName hash, bool ca = true)
    {
        var name = new X500DistinguishedName("CN=" + subject).RawData;
        return CertificateInfo.Parse(Der(name, name, key.ExportSubjectPublicKeyInfo(), key, hash, ca, []));
    }

    /// <summary>A SubjectPublicKeyInfo of <paramref name="algorithmOid"/> with <paramref name="parametersDer"/> and <paramref name="keyBits"/>.</summary>
    public static byte[] Spki(string algorithmOid, byte[]? parametersDer, byte[] keyBits)
    {
        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence())
        {
            using (writer.PushSequence())
            {
                writer.WriteObjectIdentifier(algorithmOid);
                if (parametersDer is not null) writer.WriteEncodedValue(parametersDer);
            }
            writer.WriteBitString(keyBits);
        }
        return writer.Encode();
    }

    /// <summary>A subjectAltName extension with names as (GeneralName tag, text): 1 email, 2 DNS, 6 URI; no validation.</summary>
    public static X509Extension SubjectAltName(params (int Tag, string Text)[] names)
    {
        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence())
            foreach (var (tag, text) in names)
                writer.WriteCharacterString(UniversalTagNumber.IA5String, text, new Asn1Tag(TagClass.ContextSpecific, tag));
        return new X509Extension("2.5.29.17", writer.Encode(), critical: false);
    }

    private static byte[] Der(byte[] subject, byte[] issuer, byte[] spki, AsymmetricAlgorithm signer, HashAlgorithmName hash, bool ca,
        IReadOnlyList<X509Extension> extensions)
    {
        List<X509Extension> all = ca
            ? [new X509BasicConstraintsExtension(true, false, 0, true), new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign, true), .. extensions]
            : [new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true), .. extensions];
        return new RawCertificate
        {
            SubjectDer = subject, IssuerDer = issuer, SubjectPublicKeyInfo = spki, SignerKey = signer, Hash = hash,
            Serial = RandomNumberGenerator.GetInt32(1, int.MaxValue),
            NotBefore = Pki.Now.AddMinutes(-1), NotAfter = Pki.Now.AddDays(365),
            Extensions = [.. all.Select(e => (e.Oid!.Value!, e.Critical, e.RawData))],
        }.Der();
    }
}
