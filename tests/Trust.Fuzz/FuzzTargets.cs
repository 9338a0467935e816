using System.Text;
using Trust.Certificates;
using Trust.Findings;
using Trust.Identity;
using Trust.Keys;
using Trust.Pem;
using Trust.Validation;

namespace Trust.Fuzz;

/// <summary>
/// The fuzz targets, shared by the fuzzer (tests/Trust.Fuzz) and the corpus replay test (tests/Trust.Tests compiles
/// this file too). Each feeds arbitrary bytes to a reader and touches everything the result exposes. The invariant:
/// for any input a reader returns a value or findings, or throws its documented input error; whatever else escapes
/// from <see cref="Run"/> is a bug, and the fuzzer reports it as a crash.
/// </summary>
public static class FuzzTargets
{
    /// <summary>Separates the parts of a <c>secret</c> input: tls.crt, tls.key, ca.crt (a line no PEM or DER text holds).</summary>
    public static readonly byte[] PartSeparator = "\n--8<--\n"u8.ToArray();

    /// <summary>The target names, which are also the corpus folder names.</summary>
    public static IReadOnlyList<string> Names { get; } = ["pem", "der", "key", "secret"];

    /// <summary>Runs <paramref name="input"/> through <paramref name="target"/>.</summary>
    /// <exception cref="ArgumentException"><paramref name="target"/> is not one of <see cref="Names"/>.</exception>
    /// <exception cref="InvariantBrokenException">A reader returned neither a value nor a finding.</exception>
    public static void Run(string target, ReadOnlySpan<byte> input)
    {
        switch (target)
        {
            case "pem": Pem(input); break;
            case "der": Der(input); break;
            case "key": Key(input); break;
            case "secret": Secret(input); break;
            default: throw new ArgumentException($"unknown fuzz target '{target}'; use one of {string.Join(", ", Names)}", nameof(target));
        }
    }

    /// <summary>The PEM scanner: certificate files as bytes and as text, the block splitter itself, and the Linkerd lint.</summary>
    private static void Pem(ReadOnlySpan<byte> input)
    {
        var bytes = input.ToArray();
        Touch(CertificatePem.TryReadBytes(bytes, "fuzz"));
        // Lossy decoding: every input becomes some text, so the text readers see malformed UTF-8 too.
        var text = Encoding.UTF8.GetString(input);
        Touch(CertificatePem.TryRead(text, "fuzz"));
        try
        {
            var blocks = PemBlocks.Read(text, "fuzz");
            foreach (var block in blocks.Blocks)
            {
                Check(block.Index > 0 && block.Label.Length > 0 && block.Der.Length > 0, "an empty PEM block was returned");
                foreach (var (name, value) in block.Headers) Check(name.Length > 0 && value is not null, "an empty PEM header name");
            }
        }
        catch (TrustInputException) { }
        // Linkerd's own reading (Go's pem.Decode + codec.go), on the bytes and on the text.
        var verdict = LinkerdPem.Read(input);
        Check((verdict.Outcome == LinkerdPemOutcome.Read) == (verdict.FindingId is null), "a Linkerd verdict read whole with a finding, or not read whole without one");
        _ = (verdict.Explanation.Length, verdict.Certificates.Count, LinkerdPem.Read(text).Outcome);
    }

    /// <summary>The DER certificate reader, with every derived property read (names and OIDs are decoded lazily).</summary>
    private static void Der(ReadOnlySpan<byte> input) => Touch(CertificateInfo.TryParse(input.ToArray(), "fuzz"));

    /// <summary>
    /// The key reader in every format, without a password (encrypted keys must say so) and with one (so decryption and
    /// the decrypted DER are reached; seeds are encrypted with the password <c>fuzz</c>); input without a BEGIN line is
    /// also read as DER under every key label.
    /// </summary>
    private static void Key(ReadOnlySpan<byte> input)
    {
        var text = Encoding.UTF8.GetString(input);
        _ = PrivateKeyPem.TryDetectFormat(text, "fuzz", out _);
        Touch(PrivateKeyPem.TryRead(text, "fuzz"));
        Touch(PrivateKeyPem.TryRead(text, "fuzz", "fuzz"));
        // Raw bytes also go in as the DER of every key label, so mutations reach the key decoders without first having
        // to survive base64 (the corpus holds DER keys for this).
        if (input.IsEmpty || input.IndexOf("-----BEGIN"u8) >= 0) return;
        var der = input.ToArray();
        foreach (var label in KeyLabels) Touch(PrivateKeyPem.TryRead(PemText.Write(label, der), "fuzz", "fuzz"));
    }

    private static readonly string[] KeyLabels = ["PRIVATE KEY", "ENCRYPTED PRIVATE KEY", "EC PRIVATE KEY", "RSA PRIVATE KEY"];

    /// <summary>
    /// The composed readers: a kubernetes.io/tls Secret and identity material, from up to three parts split at
    /// <see cref="PartSeparator"/> (certificate chain, key, CA).
    /// </summary>
    private static void Secret(ReadOnlySpan<byte> input)
    {
        var parts = Split(input);
        var data = new Dictionary<string, byte[]>();
        if (parts.Count > 0) data[TlsSecret.CertificateKey] = parts[0];
        if (parts.Count > 1) data[TlsSecret.PrivateKeyKey] = parts[1];
        if (parts.Count > 2) data[TlsSecret.CaKey] = parts[2];
        var secret = TlsSecret.Parse(data, "fuzz/secret");
        Check(secret.Value is not null || secret.Findings.Count > 0, "TlsSecret.Parse returned neither contents nor a finding");
        if (secret.Value is { } contents)
        {
            using (contents)
            {
                foreach (var certificate in contents.Chain) Touch(certificate);
                if (contents.Ca is { } ca) Touch(ca);
                _ = (contents.Key.Kind, contents.KeyFormat, contents.CertificateText.Length, contents.CaText?.Length);
            }
        }

        var anchors = new IdentityInput("ca.crt", parts.Count > 2 ? parts[2] : []);
        var issuer = new IdentityInput("tls.crt", parts.Count > 0 ? parts[0] : []);
        var key = parts.Count > 1 ? new IdentityInput("tls.key", parts[1]) : null;
        var material = IdentityMaterial.Load(anchors, issuer, key);
        Check(material.Value is not null || material.Findings.Count > 0, "IdentityMaterial.Load returned neither material nor a finding");
        if (material.Value is { } loaded)
        {
            using (loaded)
            {
                foreach (var certificate in loaded.Anchors.Concat(loaded.IssuerChain)) Touch(certificate);
                _ = loaded.ToString();
            }
        }
    }

    private static List<byte[]> Split(ReadOnlySpan<byte> input)
    {
        var parts = new List<byte[]>(3);
        while (parts.Count < 2)
        {
            var at = input.IndexOf(PartSeparator);
            if (at < 0) break;
            parts.Add(input[..at].ToArray());
            input = input[(at + PartSeparator.Length)..];
        }
        parts.Add(input.ToArray());
        return parts;
    }

    private static void Touch(ReadResult<IReadOnlyList<CertificateInfo>> read)
    {
        CheckResult(read);
        if (read.Value is { } certificates)
        {
            Check(certificates.Count > 0, "a certificate read returned an empty list");
            foreach (var certificate in certificates) Touch(certificate);
        }
    }

    private static void Touch(ReadResult<CertificateInfo> read)
    {
        CheckResult(read);
        if (read.Value is { } certificate) Touch(certificate);
    }

    private static void Touch(ReadResult<SigningKey> read)
    {
        CheckResult(read);
        if (read.Value is not { } key) return;
        using (key)
        {
            _ = (key.Kind, key.Hash, key.SubjectPublicKeyInfo.Length, key.ToString());
        }
    }

    /// <summary>Reads every property a caller may read, so lazily decoded fields (names, OIDs) are fuzzed too.</summary>
    private static void Touch(CertificateInfo c)
    {
        _ = (c.Subject, c.Issuer, c.CommonName, c.Fingerprint, c.SerialHex, c.SignatureAlgorithmName, c.Version);
        _ = (c.NotBefore, c.NotAfter, c.Lifetime, c.IsSelfIssued, c.PublicKey, c.KeyUsage, c.KeyUsageCritical);
        _ = (c.HasBasicConstraints, c.IsCertificateAuthority, c.PathLength, c.BasicConstraintsCritical, c.SubjectKeyId, c.AuthorityKeyId);
        _ = (c.ExtendedKeyUsageNames?.Count, c.DnsNames.Count, c.OtherNames.Count, c.UnhandledCriticalExtensions.Count, c.Extensions.Count);
        _ = (c.TbsDer.Length, c.Signature.Length, c.SubjectPublicKeyInfo.Length, c.SignatureAlgorithmsAgree);
    }

    private static void CheckResult<T>(ReadResult<T> read) where T : class =>
        Check(read.Value is not null || read.Findings.Count > 0, $"a {typeof(T).Name} read returned neither a value nor a finding");

    private static void Check(bool condition, string message)
    {
        if (!condition) throw new InvariantBrokenException(message);
    }
}
