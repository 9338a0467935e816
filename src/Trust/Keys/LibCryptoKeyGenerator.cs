using System.Runtime.InteropServices;
using System.Security.Cryptography;

namespace Trust.Keys;

/// <summary>
/// Fast P-256 key generation straight from the OpenSSL libcrypto that System.Security.Cryptography already uses on
/// Linux. The in-box API builds a new curve group for every key (~80 µs); generating on one shared group costs
/// ~14 µs. Used only when libcrypto.so.3 loads, every function resolves, and a self-test (the generated pair imported
/// into the in-box ECDsa, which checks that D and Q belong together, then a signature verified) passes; otherwise
/// callers fall back to <see cref="ECDsa.Create(ECCurve)"/>.
/// </summary>
internal static unsafe class LibCryptoKeyGenerator
{
    private const int NidPrime256v1 = 415;
    private const int PointConversionUncompressed = 4;

    /// <summary>The OpenSSL 3 libcrypto that the in-box cryptography loads on Linux.</summary>
    internal const string LibraryName = "libcrypto.so.3";

    private static readonly Lazy<Api?> Loaded =
        new(() => Load(Environment.GetEnvironmentVariable, LibraryName), LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>True when the fast path is in use.</summary>
    public static bool IsAvailable => Loaded.Value is not null;

    /// <summary>Generates a P-256 key into <paramref name="d"/> (32 bytes) and <paramref name="q"/> (65 bytes, 04||X||Y).</summary>
    public static bool TryGenerateP256(Span<byte> d, Span<byte> q) => Loaded.Value is { } api && api.Generate(d, q);

    /// <summary>The libcrypto functions on one shared P-256 group.</summary>
    internal sealed class Api
    {
        public IntPtr Group;
        public delegate* unmanaged<IntPtr> KeyNew;
        public delegate* unmanaged<IntPtr, IntPtr, int> SetGroup;
        public delegate* unmanaged<IntPtr, int> GenerateKey;
        public delegate* unmanaged<IntPtr, IntPtr> PublicKey;
        public delegate* unmanaged<IntPtr, IntPtr> PrivateKey;
        public delegate* unmanaged<IntPtr, IntPtr, int, byte*, nuint, IntPtr, nuint> PointToOctets;
        public delegate* unmanaged<IntPtr, byte*, int, int> BigNumToBinary;
        public delegate* unmanaged<IntPtr, void> KeyFree;

        public bool Generate(Span<byte> d, Span<byte> q)
        {
            if (d.Length != 32 || q.Length != 65) throw new ArgumentException("P-256 needs 32 + 65 bytes");
            var key = KeyNew();
            if (key == IntPtr.Zero) return false;
            try
            {
                if (SetGroup(key, Group) != 1 || GenerateKey(key) != 1) return false;
                fixed (byte* qp = q)
                    if (PointToOctets(Group, PublicKey(key), PointConversionUncompressed, qp, 65, IntPtr.Zero) != 65) return false;
                fixed (byte* dp = d)
                    if (BigNumToBinary(PrivateKey(key), dp, 32) != 32) return false;
                return true;
            }
            finally
            {
                KeyFree(key); // EC_KEY_free clears the private scalar
            }
        }
    }

    /// <summary>
    /// The fast path from <paramref name="library"/>, or null: off Linux, when <c>TRUST_NATIVE_KEYGEN=0</c> (read
    /// through <paramref name="environment"/>), when the library or a function is missing, or when the self-test fails.
    /// The process loads it once (<see cref="IsAvailable"/>); tests call it directly with their own inputs.
    /// </summary>
    internal static Api? Load(Func<string, string?> environment, string library)
    {
        if (!OperatingSystem.IsLinux() || environment("TRUST_NATIVE_KEYGEN") == "0") return null;
        if (!NativeLibrary.TryLoad(library, out var lib)) return null;
        try
        {
            IntPtr Export(string name) => NativeLibrary.GetExport(lib, name);
            var groupNew = (delegate* unmanaged<int, IntPtr>)Export("EC_GROUP_new_by_curve_name");
            var api = new Api
            {
                KeyNew = (delegate* unmanaged<IntPtr>)Export("EC_KEY_new"),
                SetGroup = (delegate* unmanaged<IntPtr, IntPtr, int>)Export("EC_KEY_set_group"),
                GenerateKey = (delegate* unmanaged<IntPtr, int>)Export("EC_KEY_generate_key"),
                PublicKey = (delegate* unmanaged<IntPtr, IntPtr>)Export("EC_KEY_get0_public_key"),
                PrivateKey = (delegate* unmanaged<IntPtr, IntPtr>)Export("EC_KEY_get0_private_key"),
                PointToOctets = (delegate* unmanaged<IntPtr, IntPtr, int, byte*, nuint, IntPtr, nuint>)Export("EC_POINT_point2oct"),
                BigNumToBinary = (delegate* unmanaged<IntPtr, byte*, int, int>)Export("BN_bn2binpad"),
                KeyFree = (delegate* unmanaged<IntPtr, void>)Export("EC_KEY_free"),
            };
            api.Group = groupNew(NidPrime256v1); // shared for the process lifetime, read-only
            if (api.Group == IntPtr.Zero) return null;
            return SelfTest(api) ? api : null;
        }
        catch (EntryPointNotFoundException)
        {
            return null;
        }
    }

    private static bool SelfTest(Api api)
    {
        Span<byte> d = stackalloc byte[32];
        Span<byte> q = stackalloc byte[65];
        if (!api.Generate(d, q) || q[0] != 4) return false;
        try
        {
            using var key = ECDsa.Create(new ECParameters
            {
                Curve = ECCurve.NamedCurves.nistP256, D = d.ToArray(),
                Q = new ECPoint { X = q[1..33].ToArray(), Y = q[33..].ToArray() },
            });
            ReadOnlySpan<byte> data = "trust self-test"u8;
            return key.VerifyData(data, key.SignData(data, HashAlgorithmName.SHA256), HashAlgorithmName.SHA256);
        }
        catch (CryptographicException)
        {
            return false;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(d);
        }
    }
}
