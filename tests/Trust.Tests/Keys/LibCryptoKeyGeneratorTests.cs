using System.Security.Cryptography;
using Trust.Keys;

namespace Trust.Tests.Keys;

/// <summary>
/// The fast P-256 path loaded the way the process loads it, but with the setting and the library given by the test
/// (the process-wide instance is loaded once, so its own inputs cannot vary per test).
/// </summary>
public class LibCryptoKeyGeneratorTests
{
    private static string? NothingSet(string name) => null;

    private static Func<string, string?> Setting(string value) => name => name == "TRUST_NATIVE_KEYGEN" ? value : null;

    private static LibCryptoKeyGenerator.Api LoadSystem() =>
        LibCryptoKeyGenerator.Load(NothingSet, LibCryptoKeyGenerator.LibraryName)
        ?? throw new InvalidOperationException("the system libcrypto did not load");

    [Fact]
    public void The_system_libcrypto_loads_when_nothing_turns_the_fast_path_off()
    {
        Assert.NotNull(LibCryptoKeyGenerator.Load(NothingSet, LibCryptoKeyGenerator.LibraryName));
        Assert.NotNull(LibCryptoKeyGenerator.Load(Setting("1"), LibCryptoKeyGenerator.LibraryName));
        Assert.NotNull(LibCryptoKeyGenerator.Load(Setting(""), LibCryptoKeyGenerator.LibraryName));
    }

    [Fact]
    public void TRUST_NATIVE_KEYGEN_0_turns_the_fast_path_off()
    {
        Assert.Null(LibCryptoKeyGenerator.Load(Setting("0"), LibCryptoKeyGenerator.LibraryName));
    }

    [Fact]
    public void A_missing_library_or_one_without_the_functions_leaves_the_fast_path_off()
    {
        Assert.Null(LibCryptoKeyGenerator.Load(NothingSet, "libtrust-no-such-library.so.0"));
        Assert.Null(LibCryptoKeyGenerator.Load(NothingSet, "libc.so.6")); // loads, but has no EC_GROUP_new_by_curve_name
    }

    [Fact]
    public void Generated_scalars_and_points_belong_together_and_differ_each_time()
    {
        var api = LoadSystem();
        var seen = new HashSet<string>();
        for (var i = 0; i < 20; i++)
        {
            var d = new byte[32];
            var q = new byte[65];
            Assert.True(api.Generate(d, q));
            Assert.Equal(4, q[0]); // uncompressed point
            Assert.True(seen.Add(Convert.ToHexString(d)));
            // The platform imports the pair only when D*G == Q, and a signature made with D verifies against Q alone.
            using var pair = ECDsa.Create(new ECParameters
            {
                Curve = ECCurve.NamedCurves.nistP256, D = d, Q = new ECPoint { X = q[1..33], Y = q[33..] },
            });
            using var publicOnly = ECDsa.Create(new ECParameters
            {
                Curve = ECCurve.NamedCurves.nistP256, Q = new ECPoint { X = q[1..33], Y = q[33..] },
            });
            Assert.True(publicOnly.VerifyData("data"u8, pair.SignData("data"u8, HashAlgorithmName.SHA256), HashAlgorithmName.SHA256));
        }
    }

    [Theory]
    [InlineData(31, 65)]
    [InlineData(33, 65)]
    [InlineData(32, 64)]
    [InlineData(32, 66)]
    [InlineData(0, 0)]
    public void Buffers_of_any_other_size_are_a_programmer_mistake(int dLength, int qLength)
    {
        var api = LoadSystem();
        var e = Assert.Throws<ArgumentException>(() => api.Generate(new byte[dLength], new byte[qLength]));
        Assert.Equal("P-256 needs 32 + 65 bytes", e.Message);
    }

    [Fact]
    public void The_process_wide_fast_path_generates_through_the_same_checks()
    {
        Assert.True(LibCryptoKeyGenerator.IsAvailable);
        var d = new byte[32];
        var q = new byte[65];
        Assert.True(LibCryptoKeyGenerator.TryGenerateP256(d, q));
        Assert.Equal(4, q[0]);
        Assert.Throws<ArgumentException>(() => LibCryptoKeyGenerator.TryGenerateP256(new byte[32], new byte[64]));
    }
}
