using Trust.Pem;
using System.Security.Cryptography.X509Certificates;

namespace Trust.Cli.Tests;

public class VerifyNameConstraintTests
{
    [Fact]
    public void Verify_name_evil_org_is_refused_when_the_root_permits_only_example_com()
    {
        using var dir = new TempDir();
        var root = Pki.Odd(null, "root", r => r.CertificateExtensions.Add(NameConstraintsExtension.PermitDns(false, "example.com")), pathLength: 1);
        var issuer = Pki.Odd(root, "issuer");
        Issued Leaf(string name) => Pki.Odd(issuer, "leaf", r =>
        {
            var san = new SubjectAlternativeNameBuilder();
            san.AddDnsName(name);
            r.CertificateExtensions.Add(san.Build());
        }, ca: false);
        var anchors = dir.Write("root.crt", root.Pem);
        var evil = dir.Write("evil.crt", CertificatePem.Write([Leaf("evil.org").Certificate, issuer.Certificate]));
        var good = dir.Write("good.crt", CertificatePem.Write([Leaf("web.example.com").Certificate, issuer.Certificate]));
        var at = Pki.Now.AddHours(1).ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture);

        var refused = CliRun.Run("verify", evil, "--anchors", anchors, "--name", "evil.org", "--at", at);
        Assert.Equal(1, refused.Exit);
        Assert.Equal("invalid: 'CN=root' is not authorized to sign for this name: DNS name 'evil.org' is not permitted by any constraint (permitted: 'example.com')\n", refused.Out);

        var accepted = CliRun.Run("verify", good, "--anchors", anchors, "--name", "web.example.com", "--at", at);
        Assert.True(accepted.Exit == 0, accepted.Out);
    }
}
