using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Text;
using Trust.Findings;
using Trust.Pem;

namespace Trust.Keys;

/// <summary>
/// Decrypts keys encrypted the legacy OpenSSL way (RFC 1423: <c>Proc-Type: 4,ENCRYPTED</c> and
/// <c>DEK-Info: CIPHER,IV</c> headers on an <c>EC PRIVATE KEY</c> or <c>RSA PRIVATE KEY</c> block), as Go's
/// x509.EncryptPEMBlock, older step and <c>openssl ec|rsa -aes256|-des3</c> write them. Read only: keys we write are
/// PKCS#8. In-box primitives only, so this one old format does not bring a second crypto stack.
/// </summary>
internal static class LegacyPemEncryption
{
    private const string ProcType = "Proc-Type";
    private const string DekInfo = "DEK-Info";

    /// <summary>The ciphers OpenSSL and Go write (Go's rfc1423Algos minus single DES, which no tool offers by default).</summary>
    private static readonly Cipher[] Ciphers =
    [
        new("AES-128-CBC", 16, 16),
        new("AES-192-CBC", 24, 16),
        new("AES-256-CBC", 32, 16),
        new("DES-EDE3-CBC", 24, 8),
    ];

    private sealed record Cipher(string Name, int KeySize, int BlockSize)
    {
        public SymmetricAlgorithm Create() => BlockSize == 8 ? TripleDES.Create() : Aes.Create();
    }

    /// <summary>
    /// The SEC1 or PKCS#1 DER inside <paramref name="block"/>, in a pinned array the caller must zero after use.
    /// Every problem, including a wrong password, is a <see cref="TrustInputException"/> prefixed with
    /// <paramref name="source"/>.
    /// </summary>
    public static byte[] Decrypt(PemBlock block, string source, ReadOnlySpan<char> password)
    {
        if (block.Label is not ("EC PRIVATE KEY" or "RSA PRIVATE KEY"))
            throw TrustInputException.At(source, FindingIds.KeyMalformed,
                $"the {block.Label} block has PEM headers; only EC PRIVATE KEY and RSA PRIVATE KEY blocks are encrypted with them (RFC 1423)");
        var (cipher, iv) = ReadHeaders(block, source);
        if (block.Der.Length % cipher.BlockSize != 0)
            throw TrustInputException.At(source, FindingIds.KeyMalformed,
                $"the encrypted key is {block.Der.Length} bytes, not a multiple of {cipher.Name}'s {cipher.BlockSize}-byte block (truncated?)");
        if (password.IsEmpty) throw TrustInputException.At(source, FindingIds.KeyPasswordRequired, "the key is encrypted; a password is needed",
            new Remedy(RemedyAction.ProvidePassword, "give the password of the encrypted key"));

        Span<byte> key = stackalloc byte[32];
        key = key[..cipher.KeySize];
        var decrypted = GC.AllocateUninitializedArray<byte>(block.Der.Length, pinned: true);
        try
        {
            DeriveKey(password, iv.AsSpan(0, 8), key);
            int length;
            try
            {
                using var algorithm = cipher.Create();
                algorithm.SetKey(key);
                length = algorithm.DecryptCbc(block.Der, iv, decrypted, PaddingMode.PKCS7);
            }
            catch (CryptographicException)
            {
                // Bad padding: with CBC a wrong key shows up here (all but about 1 in 256 wrong passwords).
                throw WrongPassword(source);
            }
            if (!IsOneSequence(decrypted.AsSpan(0, length))) throw WrongPassword(source);
            var plaintext = GC.AllocateUninitializedArray<byte>(length, pinned: true);
            decrypted.AsSpan(0, length).CopyTo(plaintext);
            return plaintext;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(key);
            CryptographicOperations.ZeroMemory(decrypted);
        }
    }

    private static TrustInputException WrongPassword(string source) =>
        TrustInputException.At(source, FindingIds.KeyPasswordWrong, "cannot decrypt the key: wrong password",
            new Remedy(RemedyAction.ProvidePassword, "give the password the key was encrypted with"));

    /// <summary>
    /// True when <paramref name="der"/> is exactly one SEQUENCE, as SEC1 and PKCS#1 keys are: the padding check lets
    /// about 1 in 256 wrong passwords through, and this catches them before the key import does.
    /// </summary>
    private static bool IsOneSequence(ReadOnlySpan<byte> der)
    {
        try
        {
            var tag = AsnDecoder.ReadEncodedValue(der, AsnEncodingRules.BER, out _, out _, out var consumed);
            return tag == Asn1Tag.Sequence && consumed == der.Length;
        }
        catch (AsnContentException)
        {
            return false;
        }
    }

    /// <summary>The cipher and IV named by the block's <c>Proc-Type</c> and <c>DEK-Info</c> headers (RFC 1421 4.6.1).</summary>
    private static (Cipher Cipher, byte[] Iv) ReadHeaders(PemBlock block, string source)
    {
        var procType = Single(block, ProcType, source)
            ?? throw TrustInputException.At(source, FindingIds.KeyMalformed,
                $"the {block.Label} block has PEM headers ({string.Join(", ", block.Headers.Select(h => h.Key))}) but no 'Proc-Type: 4,ENCRYPTED'");
        if (!IsEncrypted(procType))
            throw TrustInputException.At(source, FindingIds.KeyMalformed, $"Proc-Type '{Shorten(procType)}' is not supported; an encrypted key has 'Proc-Type: 4,ENCRYPTED'");
        var dekInfo = Single(block, DekInfo, source)
            ?? throw TrustInputException.At(source, FindingIds.KeyMalformed, "the key has 'Proc-Type: 4,ENCRYPTED' but no DEK-Info header naming its cipher and IV");
        var comma = dekInfo.IndexOf(',');
        if (comma < 0) throw TrustInputException.At(source, FindingIds.KeyMalformed, $"DEK-Info '{Shorten(dekInfo)}' is not 'CIPHER,IV in hex'");
        var name = dekInfo[..comma].Trim();
        var cipher = Ciphers.FirstOrDefault(c => c.Name.Equals(name, StringComparison.OrdinalIgnoreCase))
            ?? throw TrustInputException.At(source, FindingIds.KeyMalformed,
                $"DEK-Info cipher '{Shorten(name)}' is not supported; use {string.Join(", ", Ciphers.Select(c => c.Name))}");
        var hex = dekInfo[(comma + 1)..].Trim();
        byte[] iv;
        try
        {
            iv = Convert.FromHexString(hex);
        }
        catch (FormatException)
        {
            throw TrustInputException.At(source, FindingIds.KeyMalformed, $"DEK-Info IV '{Shorten(hex)}' is not hexadecimal");
        }
        if (iv.Length != cipher.BlockSize)
            throw TrustInputException.At(source, FindingIds.KeyMalformed, $"DEK-Info IV has {iv.Length} bytes; {cipher.Name} needs {cipher.BlockSize}");
        return (cipher, iv);
    }

    private static string? Single(PemBlock block, string name, string source)
    {
        string? found = null;
        foreach (var (key, value) in block.Headers)
        {
            if (!key.Equals(name, StringComparison.OrdinalIgnoreCase)) continue;
            if (found is not null) throw TrustInputException.At(source, FindingIds.KeyMalformed, $"the {block.Label} block has more than one {name} header");
            found = value;
        }
        return found;
    }

    /// <summary>"4,ENCRYPTED", allowing spaces around the comma.</summary>
    private static bool IsEncrypted(string procType)
    {
        var comma = procType.IndexOf(',');
        return comma > 0 && procType.AsSpan(0, comma).Trim() is "4" && procType.AsSpan(comma + 1).Trim() is "ENCRYPTED";
    }

    /// <summary>
    /// OpenSSL's EVP_BytesToKey with MD5, one iteration and the first 8 bytes of the IV as salt, which is how
    /// PEM_do_header turns the password into the key: D1 = MD5(password ‖ salt), Di = MD5(Di-1 ‖ password ‖ salt).
    /// The password is taken as UTF-8, the bytes openssl reads from a password file.
    /// </summary>
    private static void DeriveKey(ReadOnlySpan<char> password, ReadOnlySpan<byte> salt, Span<byte> key)
    {
        const int digest = 16; // MD5
        var passwordLength = Encoding.UTF8.GetByteCount(password);
        var input = GC.AllocateUninitializedArray<byte>(digest + passwordLength + salt.Length, pinned: true);
        Span<byte> block = stackalloc byte[digest];
        try
        {
            Encoding.UTF8.GetBytes(password, input.AsSpan(digest));
            salt.CopyTo(input.AsSpan(digest + passwordLength));
            for (var filled = 0; filled < key.Length; filled += digest)
            {
                // D1 hashes password ‖ salt only; later rounds prefix the previous digest.
                var round = filled == 0 ? input.AsSpan(digest) : input.AsSpan();
                if (filled > 0) block.CopyTo(input);
                MD5.HashData(round, block);
                block[..Math.Min(digest, key.Length - filled)].CopyTo(key[filled..]);
            }
        }
        finally
        {
            CryptographicOperations.ZeroMemory(input);
            CryptographicOperations.ZeroMemory(block);
        }
    }

    private static string Shorten(string text) => text.Length > 40 ? text[..40] + "…" : text;
}
