using Trust.Pem;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using Trust.Bundles;
using Trust.Certificates;
using Trust.Keys;
using Trust.Renewal;
using Trust.Validation;

namespace Trust.Benchmarks;

/// <summary>Short jobs keep a full run in minutes on 2 cores; allocations are always reported.</summary>
public sealed class TrustConfig : ManualConfig
{
    public TrustConfig()
    {
        AddJob(Job.Default.WithWarmupCount(3).WithIterationCount(8).WithLaunchCount(1).WithId("trust"));
        AddDiagnoser(BenchmarkDotNet.Diagnosers.MemoryDiagnoser.Default);
        WithOptions(ConfigOptions.DisableOptimizationsValidator);
    }
}

[Config(typeof(TrustConfig))]
public class IssuanceBenchmarks
{
    private Fixtures.IssuerSet _set = null!;
    private CertificateInfo[] _chain = null!;
    private readonly CertificateFactory _factory = new();
    private readonly LeafProfile _profile = new() { DnsNames = ["web.default.serviceaccount.identity.linkerd.cluster.local"] };
    private byte[] _reusedSpki = null!;

    [GlobalSetup]
    public void Setup()
    {
        _set = Fixtures.Issuer();
        _chain = [_set.Issuer, _set.Anchor];
        using var key = EcKeyPair.GenerateP256();
        _reusedSpki = key.SubjectPublicKeyInfo;
    }

    [Benchmark(Description = "leaf: new P-256 key + sign + PEM")]
    public string LeafWithKeyGeneration()
    {
        using var key = EcKeyPair.GenerateP256();
        return CertificatePem.Write([_factory.CreateLeaf(_profile, key.SubjectPublicKeyInfo, _chain, _set.IssuerKey, Fixtures.Now).Certificate]);
    }

    [Benchmark(Description = "leaf: sign + PEM (key reused)")]
    public string LeafSignOnly() =>
        CertificatePem.Write([_factory.CreateLeaf(_profile, _reusedSpki, _chain, _set.IssuerKey, Fixtures.Now).Certificate]);

    [Benchmark(Description = "key: P-256 pair (fast path)")]
    public byte[] KeyPair()
    {
        using var key = EcKeyPair.GenerateP256();
        return key.SubjectPublicKeyInfo.ToArray();
    }

    [Benchmark(Description = "key: P-256 via in-box ECDsa.Create")]
    public byte[] KeyInBox()
    {
        using var key = SigningKey.Generate(KeyAlgorithm.EcdsaP256);
        return key.SubjectPublicKeyInfo.ToArray();
    }
}

[Config(typeof(TrustConfig))]
public class MergeBenchmarks
{
    private string _text = "";

    [Params(10, 1_000, 10_000, 100_000)]
    public int Certificates { get; set; }

    private byte[] _bytes = [];

    [GlobalSetup]
    public void Setup()
    {
        _text = Fixtures.BundleText(Fixtures.Anchors(Certificates), Certificates / 10);
        _bytes = System.Text.Encoding.UTF8.GetBytes(_text);
    }

    [Benchmark(Description = "merge: parse, dedupe, sort, write (+10% duplicates, comments)")]
    public string Merge() => TrustBundle.Merge([new BundleInput("bench", _text)]).ToPem();

    /// <summary>What <c>trust bundle</c> does since issue 8: bytes in, hash before parse, PEM streamed out.</summary>
    [Benchmark(Description = "bundle builder: file bytes in, PEM bytes out (+10% duplicates, comments)")]
    public int Builder()
    {
        var bundle = new TrustBundleBuilder().Add(_bytes, "bench").ToBundle();
        bundle.WritePem(Stream.Null);
        return bundle.Count;
    }
}

[Config(typeof(TrustConfig))]
public class IssuerCheckBenchmarks
{
    private string _bundleText = "";
    private CertificateInfo[] _anchors = [];
    private Fixtures.IssuerSet _set = null!;
    private CertificatePool _pool = null!;

    [Params(1, 1_000, 10_000)]
    public int Anchors { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _set = Fixtures.Issuer();
        _anchors = [.. Fixtures.Anchors(Anchors - 1), _set.Anchor];
        _bundleText = TrustBundle.From(_anchors).ToPem();
        _pool = new CertificatePool(_anchors);
    }

    [Benchmark(Description = "pool from PEM + verify issuer")]
    public bool PoolAndVerify()
    {
        var pool = new CertificatePool(CertificatePem.Read(_bundleText, "bundle"));
        return ChainVerifier.Verify(_set.Issuer, [], pool, Fixtures.Now).IsValid;
    }

    [Benchmark(Description = "verify issuer against built pool")]
    public bool VerifyOnly() => ChainVerifier.Verify(_set.Issuer, [], _pool, Fixtures.Now).IsValid;

    [Benchmark(Description = "all identity checks (parsed input)")]
    public bool IdentityCheck() =>
        IdentityChecks.Run(new IdentityMaterial { Anchors = _anchors, IssuerChain = [_set.Issuer] }, Fixtures.Now).Passed;
}

[Config(typeof(TrustConfig))]
public class ParseBenchmarks
{
    private string _one = "";
    private string _thousand = "";
    private byte[] _der = [];

    [GlobalSetup]
    public void Setup()
    {
        var anchors = Fixtures.Anchors(1_000);
        _one = CertificatePem.Write([anchors[0]]);
        _thousand = CertificatePem.Write(anchors);
        _der = anchors[0].Der.ToArray();
    }

    [Benchmark(Description = "parse DER certificate")]
    public CertificateInfo ParseDer() => CertificateInfo.Parse(_der);

    [Benchmark(Description = "read 1 PEM certificate")]
    public int ReadOne() => CertificatePem.Read(_one, "one").Count;

    [Benchmark(Description = "read 1,000 PEM certificates")]
    public int ReadThousand() => CertificatePem.Read(_thousand, "thousand").Count;
}

[Config(typeof(TrustConfig))]
public class RenewalBenchmarks
{
    private CertificateInfo _certificate = null!;
    private readonly RenewalPolicy _step = RenewalPolicy.ParseExpiresIn("66%");

    [GlobalSetup]
    public void Setup() => _certificate = Fixtures.Issuer().Issuer;

    [Benchmark(Description = "renewal: cert-manager default")]
    public bool CertManager() => RenewalPolicy.Default.NeedsRenewal(_certificate, Fixtures.Now);

    [Benchmark(Description = "renewal: step 66%")]
    public bool Step() => _step.NeedsRenewal(_certificate, Fixtures.Now);
}
