using System.Security.Cryptography;
using Trust.Certificates;

namespace Trust.Validation;

/// <summary>Checks a certificate's signature against a parent's public key.</summary>
public static class SignatureCheck
{
    /// <summary>True when <paramref name="parent"/>'s key verifies <paramref name="child"/>'s signature.</summary>
    public static bool IsSignedBy(CertificateInfo child, CertificateInfo parent)
    {
        ArgumentNullException.ThrowIfNull(child);
        ArgumentNullException.ThrowIfNull(parent);
        if (!child.SignatureAlgorithmsAgree) return false;
        var hash = child.SignatureAlgorithm switch
        {
            Oids.EcdsaWithSha256 or Oids.Sha256WithRsa => HashAlgorithmName.SHA256,
            Oids.EcdsaWithSha384 or Oids.Sha384WithRsa => HashAlgorithmName.SHA384,
            Oids.EcdsaWithSha512 or Oids.Sha512WithRsa => HashAlgorithmName.SHA512,
            _ => default,
        };
        if (hash == default) return false;
        try
        {
            switch (parent.PublicKey.Algorithm)
            {
                case "ECDSA" when child.SignatureAlgorithm.StartsWith("1.2.840.10045.4.3", StringComparison.Ordinal):
                    using (var ec = ECDsa.Create())
                    {
                        ec.ImportSubjectPublicKeyInfo(parent.SubjectPublicKeyInfo, out _);
                        return ec.VerifyData(child.TbsDer.Span, child.Signature, hash, DSASignatureFormat.Rfc3279DerSequence);
                    }
                case "RSA" when child.SignatureAlgorithm.StartsWith("1.2.840.113549.1.1.", StringComparison.Ordinal):
                    using (var rsa = RSA.Create())
                    {
                        rsa.ImportSubjectPublicKeyInfo(parent.SubjectPublicKeyInfo, out _);
                        return rsa.VerifyData(child.TbsDer.Span, child.Signature, hash, RSASignaturePadding.Pkcs1);
                    }
                default:
                    return false;
            }
        }
        catch (CryptographicException)
        {
            return false;
        }
    }
}
