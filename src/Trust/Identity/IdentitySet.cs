using Trust.Certificates;
using Trust.Findings;
using Trust.Keys;
using Trust.Pem;
using Trust.Time;
using Trust.Validation;

namespace Trust.Identity;

/// <summary>
/// A complete Linkerd identity: a trust anchor and an identity issuer signed by it, with their keys and the PEM texts
/// to deploy, that passed every identity check. Owns both keys and disposes them. Never prints a key:
/// <see cref="ToString"/> names the subjects only.
/// </summary>
public sealed class IdentitySet : IDisposable
{
    private IdentitySet(IssuedCertificate anchor, SigningKey anchorKey, IssuedCertificate issuer, SigningKey issuerKey)
    {
        Anchor = anchor;
        AnchorKey = anchorKey;
        Issuer = issuer;
        IssuerKey = issuerKey;
        AnchorPem = CertificatePem.Write([anchor.Certificate]);
        IssuerPem = CertificatePem.Write([issuer.Certificate]);
    }

    /// <summary>The trust anchor (and notes on its creation).</summary>
    public IssuedCertificate Anchor { get; }

    /// <summary>The anchor's private key.</summary>
    public SigningKey AnchorKey { get; }

    /// <summary>The identity issuer (and notes, such as a NotAfter clamped to the anchor's).</summary>
    public IssuedCertificate Issuer { get; }

    /// <summary>The issuer's private key.</summary>
    public SigningKey IssuerKey { get; }

    /// <summary>The anchor as the trust bundle Linkerd reads (<c>identityTrustAnchorsPEM</c>, <c>ca-bundle.crt</c>).</summary>
    public string AnchorPem { get; }

    /// <summary>The issuer certificate as Linkerd reads it (<c>identity.issuer.tls.crtPEM</c>, <c>tls.crt</c>).</summary>
    public string IssuerPem { get; }

    /// <summary>The issuer key as unencrypted PKCS#8 PEM, the form Linkerd reads (<c>keyPEM</c>, <c>tls.key</c>). Secret.</summary>
    public string ExportIssuerKeyPem() => PrivateKeyPem.Write(IssuerKey);

    /// <summary>The anchor key as PKCS#8 PEM, encrypted when <paramref name="password"/> is given. Secret.</summary>
    public string ExportAnchorKeyPem(ReadOnlySpan<char> password = default) => PrivateKeyPem.Write(AnchorKey, password);

    /// <summary>The issuer as cert-manager's <c>kubernetes.io/tls</c> Secret data (tls.crt, tls.key, ca.crt).</summary>
    public TlsSecret ToTlsSecret() => TlsSecret.Compose([Issuer.Certificate, Anchor.Certificate], IssuerKey);

    /// <summary>
    /// Creates an anchor and an issuer as <paramref name="options"/> say, runs every identity check on them as
    /// deployed (PEM texts, key format) at <paramref name="time"/>'s now, and returns them only when the checks pass.
    /// A set that fails its checks is not returned (its keys are disposed): the result carries the report.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> or <paramref name="time"/> is null.</exception>
    /// <exception cref="TrustInputException">The options cannot make a set: an invalid trust domain, a lifetime that is
    /// not positive or too long to represent (ids <c>trust-domain-invalid</c>, <c>validity-invalid</c>).</exception>
    public static IdentitySetResult Create(IdentitySetOptions options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(time);
        return Create(options, time.GetUtcNow());
    }

    /// <summary>Like <see cref="Create(IdentitySetOptions, TimeProvider)"/>, as of <paramref name="now"/>.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> is null.</exception>
    /// <exception cref="TrustInputException">See <see cref="Create(IdentitySetOptions, TimeProvider)"/>.</exception>
    public static IdentitySetResult Create(IdentitySetOptions options, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (TrustDomain.Check(options.TrustDomain) is { } domainProblem) throw new TrustInputException(domainProblem);
        var anchorUntil = Lifetime(now, options.AnchorLifetime, "anchor");
        var issuerUntil = Lifetime(now, options.IssuerLifetime, "issuer");
        var factory = new CertificateFactory();
        var anchorKey = SigningKey.Generate(options.AnchorKeyAlgorithm);
        var issuerKey = SigningKey.Generate(KeyAlgorithm.EcdsaP256);
        var set = default(IdentitySet);
        try
        {
            var anchor = factory.CreateAnchor(new AnchorProfile { Subject = options.AnchorSubject, NotAfter = ValidityTime.At(anchorUntil) },
                anchorKey, now);
            var issuer = factory.CreateIssuer(new IssuerProfile { Subject = options.IssuerSubject, NotAfter = ValidityTime.At(issuerUntil) },
                issuerKey.SubjectPublicKeyInfo.Span, [anchor.Certificate], anchorKey, now);
            set = new IdentitySet(anchor, anchorKey, issuer, issuerKey);
            var report = IdentityChecks.Run(new IdentityMaterial
            {
                Anchors = [anchor.Certificate],
                AnchorsContent = System.Text.Encoding.UTF8.GetBytes(set.AnchorPem),
                IssuerChain = [issuer.Certificate],
                IssuerContent = System.Text.Encoding.UTF8.GetBytes(set.IssuerPem),
                IssuerKey = issuerKey,
                IssuerKeyFormat = KeyPemFormat.Pkcs8,
            }, now);
            if (report.Passed) return new IdentitySetResult(set, report);
            set.Dispose();
            return new IdentitySetResult(null, report);
        }
        catch
        {
            anchorKey.Dispose();
            issuerKey.Dispose();
            throw;
        }
    }

    private static DateTimeOffset Lifetime(DateTimeOffset now, TimeSpan lifetime, string what) =>
        CertificateTime.EndOfLifetime(now, lifetime, what);

    /// <inheritdoc />
    public void Dispose()
    {
        AnchorKey.Dispose();
        IssuerKey.Dispose();
    }

    /// <inheritdoc />
    public override string ToString() => $"identity set: anchor '{Anchor.Certificate.Subject}', issuer '{Issuer.Certificate.Subject}'";
}
