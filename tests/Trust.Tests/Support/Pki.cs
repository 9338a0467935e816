using Trust.Pem;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Trust.Certificates;
using Trust.Keys;
using Trust.Time;

namespace Trust.Tests.Support;

/// <summary>A certificate with its key.</summary>
public sealed record Issued(CertificateInfo Certificate, SigningKey Key)
{
    public string Pem => CertificatePem.Write([Certificate]);
    public string KeyPem => PrivateKeyPem.Write(Key);
}

/// <summary>Builds certificate sets for tests: ours through the factory, odd ones through .NET's CertificateRequest.</summary>
public static class Pki
{
    public static readonly DateTimeOffset Now = TestClock.Epoch;
    private static readonly CertificateFactory Factory = new();

    public static Issued Anchor(string subject = "root.linkerd.cluster.local", TimeSpan? lifetime = null, KeyAlgorithm? spec = null,
        int? pathLength = 1, DateTimeOffset? now = null)
    {
        var key = SigningKey.Generate(spec ?? KeyAlgorithm.EcdsaP256);
        var cert = Factory.CreateAnchor(new AnchorProfile
        {
            Subject = subject, PathLength = pathLength,
            NotAfter = ValidityTime.After(lifetime ?? AnchorProfile.DefaultLifetime),
        }, key, now ?? Now).Certificate;
        return new Issued(cert, key);
    }

    public static Issued Issuer(Issued anchor, string subject = "identity.linkerd.cluster.local", TimeSpan? lifetime = null,
        DateTimeOffset? now = null, int? pathLength = 0)
    {
        var key = SigningKey.Generate(KeyAlgorithm.EcdsaP256);
        var cert = Factory.CreateIssuer(new IssuerProfile
        {
            Subject = subject, PathLength = pathLength,
            NotAfter = ValidityTime.After(lifetime ?? IssuerProfile.DefaultLifetime),
        }, key.SubjectPublicKeyInfo.Span, [anchor.Certificate], anchor.Key, now ?? Now).Certificate;
        return new Issued(cert, key);
    }

    public static Issued Leaf(Issued issuer, string dns = "web.default.serviceaccount.identity.linkerd.cluster.local",
        params CertificateInfo[] chainAbove)
    {
        var key = SigningKey.Generate(KeyAlgorithm.EcdsaP256);
        var cert = Factory.CreateLeaf(new LeafProfile { DnsNames = [dns] }, key.SubjectPublicKeyInfo.Span,
            [issuer.Certificate, .. chainAbove], issuer.Key, Now).Certificate;
        return new Issued(cert, key);
    }

    /// <summary>
    /// A certificate made by .NET's CertificateRequest (an implementation we did not write), for shapes our factory
    /// refuses to make: non-CA issuers, CA certificates with an EKU, RSA or P-384 issuers, odd validity.
    /// </summary>
    public static Issued Odd(Issued? signer, string subject, Action<CertificateRequest>? extensions = null,
        string key = "p256", DateTimeOffset? notBefore = null, DateTimeOffset? notAfter = null, bool ca = true, int pathLength = 0)
    {
        AsymmetricAlgorithm k = key switch
        {
            "p384" => ECDsa.Create(ECCurve.NamedCurves.nistP384),
            "p192" => ECDsa.Create(ECCurve.CreateFromValue("1.2.840.10045.3.1.1")),
            "rsa2048" => RSA.Create(2048),
            "rsa3072" => RSA.Create(3072),
            _ => ECDsa.Create(ECCurve.NamedCurves.nistP256),
        };
        var name = new X500DistinguishedName("CN=" + subject);
        var request = k is RSA rsa
            ? new CertificateRequest(name, rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1)
            : new CertificateRequest(name, (ECDsa)k, key == "p384" ? HashAlgorithmName.SHA384 : HashAlgorithmName.SHA256);
        if (ca)
        {
            request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, true, pathLength, true));
            request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        }
        else
        {
            request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        }
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        extensions?.Invoke(request);
        var from = notBefore ?? Now.AddMinutes(-1);
        var to = notAfter ?? Now.AddDays(365);
        X509Certificate2 cert;
        if (signer is null)
        {
            cert = k is RSA r ? request.CreateSelfSigned(from, to) : request.CreateSelfSigned(from, to);
        }
        else
        {
            var parent = signer.Certificate.ToX509Certificate2();
            request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(parent, true, false));
            var generator = signer.Certificate.PublicKey.Algorithm == PublicKeyAlgorithm.Rsa
                ? X509SignatureGenerator.CreateForRSA(RsaOf(signer.Key), RSASignaturePadding.Pkcs1)
                : X509SignatureGenerator.CreateForECDsa(EcOf(signer.Key));
            var serial = RandomNumberGenerator.GetBytes(16);
            serial[0] &= 0x7F;
            cert = request.Create(parent.SubjectName, generator, from, to, serial);
        }
        var info = CertificateInfo.Parse(cert.RawData);
        var signing = k switch { ECDsa ec => SigningKey.FromEcdsa(ec), RSA r2 => SigningKey.FromRsa(r2), _ => throw new InvalidOperationException() };
        return new Issued(info, signing);
    }

    private static ECDsa EcOf(SigningKey key)
    {
        var ec = ECDsa.Create();
        ec.ImportFromPem(key.ExportPkcs8Pem());
        return ec;
    }

    private static RSA RsaOf(SigningKey key)
    {
        var rsa = RSA.Create();
        rsa.ImportFromPem(key.ExportPkcs8Pem());
        return rsa;
    }
}
