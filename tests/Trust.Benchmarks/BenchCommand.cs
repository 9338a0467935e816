using Trust.Pem;
using System.Diagnostics;
using System.Globalization;
using Trust.Bundles;
using Trust.Certificates;
using Trust.Keys;
using Trust.Validation;

namespace Trust.Benchmarks;

/// <summary>
/// Plain side-by-side bench commands, one line per figure, in a fixed format other tools' scripts can print too:
/// <c>issue certs_per_s=… n=…</c>, <c>issue-signonly certs_per_s=…</c>, <c>merge certs_in=… certs_out=… ms=…</c>,
/// <c>verify pool_ms=… verifies_per_s=…</c>. Times exclude process start-up; one thread.
/// </summary>
public static class BenchCommand
{
    private static string F(double v) => v.ToString("0.###", CultureInfo.InvariantCulture);

    public static int Run(string[] args)
    {
        try
        {
            return args[0] switch
            {
                "issue" => Issue(Int(args, "-n", 10_000), args.Contains("--sign-only")),
                "merge" => Merge(Value(args, "--out") ?? throw new ArgumentException("merge needs --out FILE"), Positional(args), args.Contains("--cold")),
                "verify" => Verify(Value(args, "--bundle")!, Value(args, "--chain")!, Int(args, "-n", 10_000), args.Contains("--cold")),
                "gen-bundle" => GenBundle(Value(args, "--out")!, Int(args, "-n", 10_000), Int(args, "--duplicates", 1_000)),
                "gen-chain" => GenChain(Value(args, "--bundle-out")!, Value(args, "--chain-out")!, Int(args, "-n", 10_000)),
                _ => Usage(),
            };
        }
        catch (Exception e) when (e is ArgumentException or IOException or TrustInputException or FormatException)
        {
            Console.Error.WriteLine($"bench: {e.Message}");
            return 2;
        }
    }

    private static int Usage()
    {
        Console.Error.WriteLine("""
            usage: Trust.Benchmarks issue -n N [--sign-only]
                   Trust.Benchmarks merge --out FILE IN... [--cold]
                   Trust.Benchmarks verify --bundle FILE --chain FILE -n N [--cold]
                   Trust.Benchmarks gen-bundle --out FILE -n DISTINCT [--duplicates D]
                   Trust.Benchmarks gen-chain --bundle-out FILE --chain-out FILE -n ANCHORS
                   Trust.Benchmarks [BenchmarkDotNet arguments, e.g. --filter '*Merge*']
            """);
        return 2;
    }

    /// <summary>Linkerd-shaped leaves: new P-256 key (unless sign-only), sign, PEM.</summary>
    private static int Issue(int n, bool signOnly)
    {
        var set = Fixtures.Issuer();
        var factory = new CertificateFactory();
        var chain = new[] { set.Issuer, set.Anchor };
        var profile = new LeafProfile { DnsNames = ["web.default.serviceaccount.identity.linkerd.cluster.local"] };
        using var reused = SigningKey.Generate(KeyAlgorithm.EcdsaP256);
        var reusedSpki = reused.SubjectPublicKeyInfo.ToArray();
        long bytes = 0;
        void One()
        {
            byte[] spki;
            if (signOnly) spki = reusedSpki;
            else
            {
                using var key = EcKeyPair.GenerateP256();
                spki = key.SubjectPublicKeyInfo;
            }
            var leaf = factory.CreateLeaf(profile, spki, chain, set.IssuerKey, Fixtures.Now).Certificate;
            bytes += CertificatePem.Write([leaf]).Length;
        }
        for (var i = 0; i < Math.Min(n, 500); i++) One(); // warm-up (JIT tiers)
        var watch = Stopwatch.StartNew();
        for (var i = 0; i < n; i++) One();
        watch.Stop();
        var rate = n / watch.Elapsed.TotalSeconds;
        Console.WriteLine(signOnly ? $"issue-signonly certs_per_s={F(rate)}" : $"issue certs_per_s={F(rate)} n={n}");
        if (!signOnly && !EcKeyPair.UsesFastPath) Console.Error.WriteLine("note: libcrypto fast key generation unavailable; used the in-box ECDsa API");
        GC.KeepAlive(bytes);
        return 0;
    }

    /// <summary>
    /// The merge <c>trust bundle</c> does (<see cref="TrustBundleBuilder"/>: file bytes in, PEM bytes out). Reading the
    /// files is I/O, not merge work: excluded, like Go's; writing the PEM into memory is included.
    /// </summary>
    private static int Merge(string output, IReadOnlyList<string> inputs, bool cold)
    {
        if (inputs.Count == 0) throw new ArgumentException("merge needs input files");
        var contents = inputs.Select(File.ReadAllBytes).ToList();
        if (!cold) WarmUp(contents[0]);
        var pem = new MemoryStream();
        var watch = Stopwatch.StartNew();
        var builder = new TrustBundleBuilder();
        for (var i = 0; i < contents.Count; i++) builder.Add(contents[i], inputs[i]);
        var bundle = builder.ToBundle();
        bundle.WritePem(pem);
        watch.Stop();
        File.WriteAllBytes(output, pem.ToArray());
        Console.WriteLine($"merge certs_in={bundle.CertificatesRead} certs_out={bundle.Count} ms={F(watch.Elapsed.TotalMilliseconds)}");
        return 0;
    }

    /// <summary>
    /// Go is compiled ahead of time; .NET compiles on first call. Merging the first few blocks of the input once
    /// before timing moves JIT compilation into start-up (as the spec excludes start-up). --cold skips it.
    /// </summary>
    private static void WarmUp(byte[] content)
    {
        var end = 0;
        for (var i = 0; i < 20 && end >= 0; i++)
        {
            var next = content.AsSpan(end).IndexOf("-----END CERTIFICATE-----"u8);
            end = next < 0 ? -1 : end + next + 26;
        }
        var sample = end > 0 ? content[..end] : content;
        for (var i = 0; i < 3; i++) new TrustBundleBuilder().Add(sample, "warm-up").ToBundle().WritePem(Stream.Null);
    }

    private static void WarmUp(string text) => WarmUp(System.Text.Encoding.UTF8.GetBytes(text));

    private static int Verify(string bundleFile, string chainFile, int n, bool cold)
    {
        var bundleText = File.ReadAllText(bundleFile);
        var chainText = File.ReadAllText(chainFile);
        if (!cold)
        {
            // JIT warm-up on a small pool of other anchors (see WarmUp): moves compilation out of pool_ms.
            var set = Fixtures.Issuer();
            var small = new CertificatePool([.. Fixtures.Anchors(8), set.Anchor]);
            CertificatePem.Read(CertificatePem.Write([set.Issuer]), "warm-up");
            ChainVerifier.Verify(set.Issuer, [], small, DateTimeOffset.UtcNow);
            WarmUp(CertificatePem.Write(Fixtures.Anchors(20)));
        }
        var watch = Stopwatch.StartNew();
        var pool = new CertificatePool(CertificatePem.Read(bundleText, bundleFile));
        var chain = CertificatePem.Read(chainText, chainFile);
        var first = ChainVerifier.Verify(chain[0], chain.Skip(1), pool, DateTimeOffset.UtcNow);
        var poolMs = watch.Elapsed.TotalMilliseconds;
        if (!first.IsValid) throw new ArgumentException($"chain does not verify: {first.Failure}");
        var intermediates = chain.Skip(1).ToArray();
        for (var i = 0; i < Math.Min(n, 200); i++) ChainVerifier.Verify(chain[0], intermediates, pool, DateTimeOffset.UtcNow);
        watch.Restart();
        for (var i = 0; i < n; i++)
            if (!ChainVerifier.Verify(chain[0], intermediates, pool, DateTimeOffset.UtcNow).IsValid) throw new InvalidOperationException();
        var rate = n / watch.Elapsed.TotalSeconds;
        Console.WriteLine($"verify pool_ms={F(poolMs)} verifies_per_s={F(rate)}");
        return 0;
    }

    private static int GenBundle(string output, int distinct, int duplicates)
    {
        File.WriteAllText(output, Fixtures.BundleText(Fixtures.Anchors(distinct), duplicates));
        Console.Error.WriteLine($"wrote {output}: {distinct} distinct anchors, {duplicates} duplicates, with comments");
        return 0;
    }

    /// <summary>A bundle of N anchors of which one signed an issuer; the chain file is the issuer (as Linkerd checks it).</summary>
    private static int GenChain(string bundleOut, string chainOut, int anchors)
    {
        var set = Fixtures.Issuer();
        var all = Fixtures.Anchors(anchors - 1).Append(set.Anchor).ToList();
        File.WriteAllText(bundleOut, TrustBundle.From(all).ToPem());
        File.WriteAllText(chainOut, CertificatePem.Write([set.Issuer]));
        Console.Error.WriteLine($"wrote {bundleOut} ({anchors} anchors) and {chainOut}");
        return 0;
    }

    private static string? Value(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }

    private static int Int(string[] args, string name, int fallback) =>
        Value(args, name) is { } v ? int.Parse(v, CultureInfo.InvariantCulture) : fallback;

    private static List<string> Positional(string[] args)
    {
        var list = new List<string>();
        for (var i = 1; i < args.Length; i++)
        {
            if (args[i].StartsWith('-')) { if (args[i] is "--out" or "-n") i++; continue; }
            list.Add(args[i]);
        }
        return list;
    }
}
