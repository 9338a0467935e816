using System.Text;
using Trust.Findings;
using Trust.Identity;
using Trust.Keys;
using Trust.Pem;
using Trust.Tests.Support;

namespace Trust.Tests.Identity;

/// <summary>
/// Edges of the Secret layout and of identity sets: the exact findings a Secret read gives (with their sources and
/// remedies), compose's refusals, which certificate becomes <c>ca.crt</c>, and the keys a set owns.
/// </summary>
public class IdentityMutationTests
{
    private const string Source = "linkerd/linkerd-identity-issuer";

    private static readonly Lazy<(Issued Anchor, Issued Issuer)> Pair = new(() =>
    {
        var anchor = Pki.Anchor();
        return (anchor, Pki.Issuer(anchor));
    });

    private static Dictionary<string, byte[]> Data(string? crt, string? key)
    {
        var data = new Dictionary<string, byte[]>();
        if (crt is not null) data[TlsSecret.CertificateKey] = Encoding.UTF8.GetBytes(crt);
        if (key is not null) data[TlsSecret.PrivateKeyKey] = Encoding.UTF8.GetBytes(key);
        return data;
    }

    [Fact]
    public void Compose_refuses_an_empty_chain_and_a_key_of_another_certificate()
    {
        var (anchor, issuer) = Pair.Value;
        var empty = Assert.Throws<ArgumentException>(() => TlsSecret.Compose([], issuer.Key));
        Assert.Equal("chain", empty.ParamName);
        Assert.StartsWith("the chain is empty", empty.Message);
        var foreign = Assert.Throws<ArgumentException>(() => TlsSecret.Compose([issuer.Certificate, anchor.Certificate], anchor.Key));
        Assert.Equal("key", foreign.ParamName);
        Assert.StartsWith("the key does not belong to the certificate", foreign.Message);
    }

    [Fact]
    public void The_ca_of_a_composed_secret_is_the_self_signed_certificate_wherever_it_stands()
    {
        var (anchor, issuer) = Pair.Value;
        var secret = TlsSecret.Compose([anchor.Certificate, issuer.Certificate], anchor.Key);
        Assert.Equal(CertificatePem.Write([anchor.Certificate]), secret.Ca);
        Assert.Equal(CertificatePem.Write([anchor.Certificate]), TlsSecret.Compose([issuer.Certificate, anchor.Certificate], issuer.Key).Ca);
    }

    [Fact]
    public void A_secret_without_a_certificate_names_the_layout_to_use()
    {
        var (_, issuer) = Pair.Value;
        var read = TlsSecret.Parse(Data(null, issuer.KeyPem), Source);
        Assert.Null(read.Value);
        var expected = new Finding(FindingIds.TlsSecretLayout, "has no tls.crt",
            new Remedy(RemedyAction.CreateIssuer, "rewrite the Secret in cert-manager's layout (tls.crt without the root, tls.key, ca.crt = the root)"))
        { Source = Source };
        Assert.Equal(expected, Assert.Single(read.Findings));
    }

    [Fact]
    public void An_encrypted_key_in_a_secret_is_refused_with_the_key_named()
    {
        var (_, issuer) = Pair.Value;
        const string encrypted = "-----BEGIN ENCRYPTED PRIVATE KEY-----\nAAAA\n-----END ENCRYPTED PRIVATE KEY-----\n";
        var read = TlsSecret.Parse(Data(issuer.Pem, encrypted), Source);
        Assert.Null(read.Value);
        var expected = new Finding(FindingIds.KeyPasswordRequired, "the key is encrypted; a Secret's tls.key must not be (Linkerd cannot read it)",
            new Remedy(RemedyAction.DecryptKey, "store the key unencrypted in the Secret"))
        { Source = $"{Source} tls.key" };
        Assert.Equal(expected, Assert.Single(read.Findings));
    }

    [Fact]
    public void A_malformed_key_in_a_secret_is_attributed_to_its_key()
    {
        var (_, issuer) = Pair.Value;
        const string garbage = "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n";
        var read = TlsSecret.Parse(Data(issuer.Pem, garbage), Source);
        Assert.Null(read.Value);
        Assert.Equal($"{Source} tls.key", Assert.Single(read.Findings).Source);
    }

    [Fact]
    public void A_key_of_another_certificate_in_a_secret_names_the_certificate_and_the_fix()
    {
        var (anchor, issuer) = Pair.Value;
        var read = TlsSecret.Parse(Data(issuer.Pem, anchor.KeyPem), Source);
        var expected = new Finding(FindingIds.KeyMismatch, $"tls.key does not belong to the first certificate of tls.crt ('{issuer.Certificate.Subject}')",
            new Remedy(RemedyAction.ProvideMatchingKey, "store the key of the certificate, or issue a new pair"))
        { Source = Source };
        Assert.Contains(expected, read.Findings);
    }

    [Fact]
    public void Disposing_an_identity_set_disposes_both_keys()
    {
        var result = IdentitySet.Create(new IdentitySetOptions(), TestClock.Epoch);
        var set = result.Set!;
        set.Dispose();
        Assert.Throws<ObjectDisposedException>(() => set.AnchorKey.ExportPkcs8Pem());
        Assert.Throws<ObjectDisposedException>(() => set.IssuerKey.ExportPkcs8Pem());
    }

    [Fact]
    public void An_anchor_that_ends_before_the_moment_of_creation_cannot_sign_the_issuer()
    {
        // Half a second past a whole second, a 100 ms anchor ends (truncated to the second) before now.
        var now = TestClock.Epoch.AddMilliseconds(500);
        var options = new IdentitySetOptions { AnchorLifetime = TimeSpan.FromMilliseconds(100) };
        var error = Assert.Throws<TrustInputException>(() => IdentitySet.Create(options, now));
        Assert.Equal(FindingIds.CaExpired, error.Finding.Id);
    }
}
