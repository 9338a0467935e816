using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Security.Cryptography.Pkcs;
using Trust.Certificates;
using Trust.Findings;
using Trust.Pem;

namespace Trust.Keys;

/// <summary>Reads and writes private keys as PEM text.</summary>
public static class PrivateKeyPem
{
    /// <summary>PBKDF2 iterations used when writing encrypted keys (OWASP 2023 guidance for PBKDF2-HMAC-SHA256).</summary>
    public const int DefaultIterations = 600_000;

    /// <summary>Labels of PEM blocks that hold private keys.</summary>
    internal static bool IsPrivateKeyLabel(string label) => label is "PRIVATE KEY" or "EC PRIVATE KEY" or "RSA PRIVATE KEY"
        or "ENCRYPTED PRIVATE KEY";

    /// <summary>Finds the format of the first key block without decrypting it, or null when there is none.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="pem"/> is null.</exception>
    /// <exception cref="TrustInputException">The text holds a malformed PEM block.</exception>
    public static KeyPemFormat? DetectFormat(string pem)
    {
        ArgumentNullException.ThrowIfNull(pem);
        foreach (var block in PemBlocks.Read(pem, "key").Blocks)
        {
            var format = FormatOf(block);
            if (format is not null) return format;
        }
        return null;
    }

    private static KeyPemFormat? FormatOf(PemBlock block) => block.Label switch
    {
        _ when block.Headers.Count > 0 && IsPrivateKeyLabel(block.Label) => KeyPemFormat.LegacyEncrypted,
        "EC PRIVATE KEY" => KeyPemFormat.Sec1,
        "RSA PRIVATE KEY" => KeyPemFormat.Pkcs1,
        "PRIVATE KEY" => KeyPemFormat.Pkcs8,
        "ENCRYPTED PRIVATE KEY" => KeyPemFormat.EncryptedPkcs8,
        _ => null,
    };

    /// <summary>
    /// Reads the first private key in <paramref name="pem"/>: SEC1, PKCS#1, PKCS#8, encrypted PKCS#8, or SEC1/PKCS#1
    /// with legacy RFC 1423 encryption (<c>DEK-Info</c> AES-128/192/256-CBC or DES-EDE3-CBC). An encrypted key needs
    /// <paramref name="password"/>. Errors, a wrong or missing password among them, are <see cref="TrustInputException"/>
    /// prefixed with <paramref name="source"/>.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="pem"/> or <paramref name="source"/> is null.</exception>
    /// <exception cref="TrustInputException">No key, a malformed key, an unsupported algorithm, or a missing or wrong
    /// password (ids <c>key-missing</c>, <c>key-malformed</c>, <c>key-algorithm-unsupported</c>,
    /// <c>key-password-required</c>, <c>key-password-wrong</c>).</exception>
    public static SigningKey Read(string pem, string source, ReadOnlySpan<char> password = default) =>
        Read(pem, source, out _, password);

    /// <summary>Like <see cref="Read(string,string,ReadOnlySpan{char})"/>, also telling which format was found.</summary>
    internal static SigningKey Read(string pem, string source, out KeyPemFormat format, ReadOnlySpan<char> password = default)
    {
        ArgumentNullException.ThrowIfNull(pem);
        ArgumentNullException.ThrowIfNull(source);
        var blocks = PemBlocks.Read(pem, source).Blocks;
        var block = blocks.FirstOrDefault(b => FormatOf(b) is not null);
        if (block is null)
        {
            var found = blocks.Count == 0 ? "no PEM block" : $"a '{blocks[0].Label}' block";
            throw TrustInputException.At(source, FindingIds.KeyMissing, $"expected a private key, found {found}");
        }
        format = FormatOf(block)!.Value;
        try
        {
            return format switch
            {
                KeyPemFormat.Sec1 => FromEc(k => k.ImportECPrivateKey(block.Der, out _)),
                KeyPemFormat.Pkcs1 => FromRsa(k => k.ImportRSAPrivateKey(block.Der, out _)),
                KeyPemFormat.Pkcs8 => FromPkcs8(block.Der),
                KeyPemFormat.LegacyEncrypted => FromLegacy(block, source, password),
                _ => FromEncrypted(block.Der, source, password),
            };
        }
        catch (TrustInputException e)
        {
            throw e.WithSource(source);
        }
        // PlatformNotSupportedException: a curve the platform does not know (an odd or corrupted curve OID).
        catch (Exception e) when (e is CryptographicException or AsnContentException or PlatformNotSupportedException)
        {
            throw TrustInputException.At(source, FindingIds.KeyMalformed, $"the {block.Label} block is not a valid key ({KeyProblem(e)})");
        }
    }

    /// <summary>
    /// Our words for why the platform refused a key: its own texts are stripped from trimmed builds (resource keys such
    /// as <c>ContentException_WrongTag</c>) or are raw OpenSSL error strings, neither of which helps a user.
    /// </summary>
    private static string KeyProblem(Exception e) => e switch
    {
        AsnContentException => "malformed DER",
        PlatformNotSupportedException => "its elliptic curve is not supported",
        CryptographicException when e.Message.Contains("curve", StringComparison.OrdinalIgnoreCase) =>
            "its elliptic curve or point is not valid",
        _ => "the key's values do not form a valid key",
    };

    private static SigningKey FromEncrypted(byte[] der, string source, ReadOnlySpan<char> password)
    {
        if (password.IsEmpty)
            throw TrustInputException.At(source, FindingIds.KeyPasswordRequired, "the key is encrypted; a password is needed",
                new Remedy(RemedyAction.ProvidePassword, "give the password of the encrypted key"));
        if (EncryptedPkcs8.IterationCount(der) is { } iterations && iterations > EncryptedPkcs8.MaxIterations)
            throw TrustInputException.At(source, FindingIds.KeyMalformed,
                $"the key's encryption asks for {iterations} key-derivation iterations; at most {EncryptedPkcs8.MaxIterations:N0} are read (more would keep each password attempt busy for minutes)",
                new Remedy(RemedyAction.FixInput, "re-encrypt the key with fewer iterations (trust writes 600,000, openssl 2,048 by default)"));
        Pkcs8PrivateKeyInfo info;
        try
        {
            info = Pkcs8PrivateKeyInfo.DecryptAndDecode(password, der, out _);
        }
        catch (Exception e) when (e is CryptographicException or PlatformNotSupportedException)
        {
            throw TrustInputException.At(source, FindingIds.KeyPasswordWrong, "cannot decrypt the key: wrong password or unsupported encryption",
                new Remedy(RemedyAction.ProvidePassword, "give the password the key was encrypted with"));
        }
        return FromPkcs8(info.Encode());
    }

    private static SigningKey FromLegacy(PemBlock block, string source, ReadOnlySpan<char> password)
    {
        var der = LegacyPemEncryption.Decrypt(block, source, password);
        try
        {
            return block.Label == "EC PRIVATE KEY"
                ? FromEc(k => k.ImportECPrivateKey(der, out _))
                : FromRsa(k => k.ImportRSAPrivateKey(der, out _));
        }
        finally
        {
            CryptographicOperations.ZeroMemory(der);
        }
    }

    private static SigningKey FromPkcs8(byte[] der)
    {
        var sequence = new AsnReader(der, AsnEncodingRules.DER).ReadSequence();
        sequence.ReadInteger();
        var oid = sequence.ReadSequence().ReadObjectIdentifier();
        return oid switch
        {
            Oids.EcPublicKey => FromEc(k => k.ImportPkcs8PrivateKey(der, out _)),
            Oids.RsaEncryption => FromRsa(k => k.ImportPkcs8PrivateKey(der, out _)),
            _ => throw new TrustInputException(FindingIds.KeyAlgorithmUnsupported, $"key algorithm {Oids.Describe(oid)} is not supported; use ECDSA or RSA"),
        };
    }

    private static SigningKey FromEc(Action<ECDsa> import)
    {
        var key = ECDsa.Create();
        try { import(key); } catch { key.Dispose(); throw; }
        return SigningKey.FromEcdsa(key);
    }

    private static SigningKey FromRsa(Action<RSA> import)
    {
        var key = RSA.Create();
        try { import(key); } catch { key.Dispose(); throw; }
        return SigningKey.FromRsa(key);
    }

    /// <summary>
    /// Finds the format of the first key block without decrypting it; returns null with a finding when the text is not
    /// PEM or holds no private key.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="pem"/> is null.</exception>
    public static KeyPemFormat? TryDetectFormat(string pem, string source, out Finding? problem)
    {
        ArgumentNullException.ThrowIfNull(pem);
        problem = null;
        try
        {
            if (DetectFormat(pem) is { } format) return format;
            problem = new Finding(FindingIds.KeyMissing, "no private key block found") { Source = source };
        }
        catch (TrustInputException e)
        {
            problem = e.Finding with { Source = source };
        }
        return null;
    }

    /// <summary>
    /// Reads the first private key in <paramref name="pem"/> like <see cref="Read(string,string,ReadOnlySpan{char})"/>,
    /// returning the problem (no key, malformed, password needed or wrong) as a finding instead of throwing.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="pem"/> or <paramref name="source"/> is null.</exception>
    public static ReadResult<SigningKey> TryRead(string pem, string source, ReadOnlySpan<char> password = default)
    {
        ArgumentNullException.ThrowIfNull(pem);
        ArgumentNullException.ThrowIfNull(source);
        try
        {
            return ReadResult.Ok(Read(pem, source, password));
        }
        catch (TrustInputException e)
        {
            return ReadResult.Fail<SigningKey>(e.Finding);
        }
    }

    /// <summary>
    /// Writes a key: unencrypted PKCS#8 when <paramref name="password"/> is empty, else PKCS#8 PBES2
    /// (AES-256-CBC, PBKDF2-HMAC-SHA256, <paramref name="iterations"/> rounds). LF line endings, one trailing newline.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="key"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="iterations"/> is below <see cref="DefaultIterations"/>, or above
    /// 2,000,000 (the most this reader accepts back), with a password.</exception>
    public static string Write(SigningKey key, ReadOnlySpan<char> password = default, int iterations = DefaultIterations)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (iterations is < DefaultIterations or > EncryptedPkcs8.MaxIterations && !password.IsEmpty)
            throw new ArgumentOutOfRangeException(nameof(iterations), iterations, $"between {DefaultIterations} and {EncryptedPkcs8.MaxIterations} iterations");
        return password.IsEmpty ? key.ExportPkcs8Pem() : key.ExportEncryptedPkcs8Pem(password, iterations);
    }
}
