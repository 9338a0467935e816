using System.Security.Cryptography;
using Trust.Tests.Support;
using Trust.Validation;

namespace Trust.Tests.Validation;

public sealed class SignatureCheckTests : IDisposable
{
    private readonly ECDsa _parentEc = ECDsa.Create(ECCurve.NamedCurves.nistP256);
    private readonly ECDsa _otherEc = ECDsa.Create(ECCurve.NamedCurves.nistP256);
    private readonly RSA _parentRsa = RSA.Create(2048);
    private readonly ECDsa _childKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);

    public void Dispose()
    {
        _parentEc.Dispose();
        _otherEc.Dispose();
        _parentRsa.Dispose();
        _childKey.Dispose();
    }

    private Trust.Certificates.CertificateInfo Parent(AsymmetricAlgorithm key) => key switch
    {
        ECDsa ec => new RawCertificate { Subject = "CN=parent", SubjectKey = ec }.Build(),
        _ => Pki.Odd(null, "parent-rsa", key: "rsa2048").Certificate,
    };

    private Trust.Certificates.CertificateInfo Child(AsymmetricAlgorithm signer, HashAlgorithmName hash, string? inner = null, string? outer = null) =>
        new RawCertificate { Subject = "CN=child", Issuer = "CN=parent", SubjectKey = _childKey, SignerKey = signer, Hash = hash, InnerAlgorithm = inner, OuterAlgorithm = outer }.Build();

    [Theory]
    [InlineData("SHA256")]
    [InlineData("SHA384")]
    [InlineData("SHA512")]
    public void An_ECDSA_signature_verifies_with_its_parents_key_and_not_another(string hash)
    {
        var child = Child(_parentEc, new HashAlgorithmName(hash));
        Assert.True(SignatureCheck.IsSignedBy(child, Parent(_parentEc)));
        Assert.False(SignatureCheck.IsSignedBy(child, Parent(_otherEc)));
    }

    [Theory]
    [InlineData("SHA256")]
    [InlineData("SHA384")]
    [InlineData("SHA512")]
    public void An_RSA_signature_verifies_with_its_parents_key_and_not_another(string hash)
    {
        var child = Child(_parentRsa, new HashAlgorithmName(hash));
        var parent = new RawCertificate { Subject = "CN=parent", SubjectKey = _otherEc }.Build();
        Assert.False(SignatureCheck.IsSignedBy(child, parent));
        var rsaParent = Trust.Certificates.CertificateInfo.Parse(RsaSelfSigned(_parentRsa));
        Assert.True(SignatureCheck.IsSignedBy(child, rsaParent));
    }

    [Fact]
    public void Certificates_made_by_the_platform_verify_in_both_algorithms()
    {
        var rsaRoot = Pki.Odd(null, "rsa-root", key: "rsa2048");
        Assert.True(SignatureCheck.IsSignedBy(Pki.Odd(rsaRoot, "child").Certificate, rsaRoot.Certificate));
        var p384Child = Pki.Odd(Pki.Odd(null, "ec-root"), "child", key: "p384");
        Assert.Equal("1.2.840.10045.4.3.3", p384Child.Certificate.SignatureAlgorithm);
    }

    [Fact]
    public void An_ECDSA_signature_against_an_RSA_parent_and_the_reverse_do_not_verify()
    {
        var ecSigned = Child(_parentEc, HashAlgorithmName.SHA256);
        var rsaParent = Trust.Certificates.CertificateInfo.Parse(RsaSelfSigned(_parentRsa));
        Assert.False(SignatureCheck.IsSignedBy(ecSigned, rsaParent));
        // Claims RSA but carries an ECDSA signature by the EC parent: the algorithm decides, not the key.
        var mislabelled = Child(_parentEc, HashAlgorithmName.SHA256, inner: "1.2.840.113549.1.1.11");
        Assert.False(SignatureCheck.IsSignedBy(mislabelled, Parent(_parentEc)));
    }

    [Fact]
    public void Disagreeing_inner_and_outer_algorithms_never_verify()
    {
        var child = Child(_parentEc, HashAlgorithmName.SHA256, outer: "1.2.840.10045.4.3.3");
        Assert.False(child.SignatureAlgorithmsAgree);
        Assert.False(SignatureCheck.IsSignedBy(child, Parent(_parentEc)));
    }

    [Theory]
    [InlineData("1.3.101.112")]
    [InlineData("1.2.840.10045.4.1")]
    [InlineData("1.2.840.113549.1.1.5")]
    public void An_unsupported_signature_algorithm_never_verifies(string oid)
    {
        var child = Child(_parentEc, HashAlgorithmName.SHA256, inner: oid);
        Assert.True(child.SignatureAlgorithmsAgree);
        Assert.False(SignatureCheck.IsSignedBy(child, Parent(_parentEc)));
    }

    [Fact]
    public void A_parent_checked_twice_gives_the_same_answer()
    {
        var parent = Parent(_parentEc);
        Assert.True(SignatureCheck.IsSignedBy(Child(_parentEc, HashAlgorithmName.SHA256), parent));
        Assert.True(SignatureCheck.IsSignedBy(Child(_parentEc, HashAlgorithmName.SHA384), parent));
        Assert.False(SignatureCheck.IsSignedBy(Child(_otherEc, HashAlgorithmName.SHA256), parent));
    }

    [Fact]
    public void Null_arguments_are_programmer_mistakes()
    {
        var parent = Parent(_parentEc);
        Assert.Throws<ArgumentNullException>(() => SignatureCheck.IsSignedBy(null!, parent));
        Assert.Throws<ArgumentNullException>(() => SignatureCheck.IsSignedBy(parent, null!));
    }

    private static byte[] RsaSelfSigned(RSA key)
    {
        var request = new System.Security.Cryptography.X509Certificates.CertificateRequest("CN=parent", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var cert = request.CreateSelfSigned(TestClock.Epoch.AddDays(-1), TestClock.Epoch.AddDays(1));
        return cert.RawData;
    }
}
