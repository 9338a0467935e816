using System.Security.Cryptography;

namespace Trust.Cli;

/// <summary>
/// Initialises OpenSSL and the P-256 ECDSA path on a second thread while the main thread parses the command line.
/// </summary>
/// <remarks>
/// The first cryptographic call in a process loads and initialises OpenSSL (~7 ms of <c>trust init</c>'s ~30 ms in
/// <c>Main</c>); started first, it overlaps with console and command-line set-up. The warm-up key is thrown away and
/// never leaves this method. Nothing here is needed for correctness: any failure is ignored and happens again, with
/// context, where the command really uses the key. <c>TRUST_WARMUP=0</c> turns it off.
/// </remarks>
internal static class CryptoWarmUp
{
    private static Thread? running;

    public static void Start(string[] args)
    {
        if (args.Length == 0 || args[0].StartsWith('-') || Environment.GetEnvironmentVariable("TRUST_WARMUP") == "0") return;
        foreach (var a in args) if (a is "-h" or "--help" or "-?" or "/h" or "/?") return;
        running = new Thread(Run) { IsBackground = true, Name = "crypto warm-up" };
        running.Start();
    }

    /// <summary>
    /// Waits (at most 2 s) for the warm-up to end, so that a command that fails fast never exits while the other
    /// thread is still inside OpenSSL's initialisation. After a normal run it ended long ago and this returns at once.
    /// </summary>
    public static void Finish() => running?.Join(TimeSpan.FromSeconds(2));

    private static void Run()
    {
        try
        {
            ReadOnlySpan<byte> data = "warm-up"u8;
            using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            var signature = key.SignData(data, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);
            using var peer = ECDsa.Create();
            peer.ImportSubjectPublicKeyInfo(key.ExportSubjectPublicKeyInfo(), out _);
            peer.VerifyData(data, signature, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);
        }
        catch (Exception)
        {
            // Deliberately ignored: see the remarks. An exception escaping a thread would end the process.
        }
    }
}
