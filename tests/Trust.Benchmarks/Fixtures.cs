using Trust.Pem;
using Trust.Certificates;
using Trust.Keys;
using Trust.Time;

namespace Trust.Benchmarks;

/// <summary>Deterministic-enough inputs for benchmarks: many distinct anchors cheaply (one key, many subjects).</summary>
public static class Fixtures
{
    public static readonly DateTimeOffset Now = DateTimeOffset.UtcNow;

    /// <summary>
    /// <paramref name="count"/> distinct self-signed anchors. Distinct keys cost ~80 µs each, so anchors share a few
    /// keys; identity (SHA-256 of DER) differs by subject and serial, which is what bundles and pools index.
    /// </summary>
    public static List<CertificateInfo> Anchors(int count, int keys = 16)
    {
        var signing = Enumerable.Range(0, Math.Min(keys, count)).Select(_ => SigningKey.Generate(KeyAlgorithm.EcdsaP256)).ToArray();
        var factory = new CertificateFactory();
        var list = new List<CertificateInfo>(count);
        for (var i = 0; i < count; i++)
        {
            var profile = new AnchorProfile { Subject = $"root-{i}.linkerd.cluster.local", NotAfter = ValidityTime.After(TimeSpan.FromDays(3650)) };
            list.Add(factory.CreateAnchor(profile, signing[i % signing.Length], Now).Certificate);
        }
        foreach (var k in signing) k.Dispose();
        return list;
    }

    /// <summary>
    /// A bundle text of <paramref name="distinct"/> anchors plus <paramref name="duplicates"/> repeats, with comments
    /// between blocks, in a shuffled order: what a merge of many clusters' bundles looks like.
    /// </summary>
    public static string BundleText(IReadOnlyList<CertificateInfo> anchors, int duplicates, int seed = 1)
    {
        var random = new Random(seed);
        var blocks = anchors.Concat(Enumerable.Range(0, duplicates).Select(_ => anchors[random.Next(anchors.Count)]))
            .OrderBy(_ => random.Next()).ToList();
        var builder = new System.Text.StringBuilder();
        var n = 0;
        foreach (var c in blocks)
        {
            if (n++ % 10 == 0) builder.Append("# cluster ").Append(n / 10).Append(" anchors\n");
            builder.Append(CertificatePem.Write([c]));
        }
        return builder.ToString();
    }

    public sealed record IssuerSet(CertificateInfo Anchor, CertificateInfo Issuer, SigningKey IssuerKey);

    public static IssuerSet Issuer(CertificateInfo? anchorCert = null)
    {
        var anchorKey = SigningKey.Generate(KeyAlgorithm.EcdsaP256);
        var factory = new CertificateFactory();
        var anchor = factory.CreateAnchor(new AnchorProfile(), anchorKey, Now).Certificate;
        var issuerKey = SigningKey.Generate(KeyAlgorithm.EcdsaP256);
        var issuer = factory.CreateIssuer(new IssuerProfile(), issuerKey.SubjectPublicKeyInfo.Span, [anchor], anchorKey, Now).Certificate;
        return new IssuerSet(anchor, issuer, issuerKey);
    }
}
