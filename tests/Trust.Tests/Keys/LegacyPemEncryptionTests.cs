using Trust.Certificates;
using Trust.Pem;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Trust.Keys;
using Trust.Tests.Support;

namespace Trust.Tests.Keys;

/// <summary>Keys encrypted the legacy way (RFC 1423 Proc-Type/DEK-Info headers), as openssl, Go and older step write them.</summary>
public class LegacyPemEncryptionTests
{
    private const string Password = "correct horse ✓";

    /// <summary>
    /// A throwaway P-256 key, written by <c>openssl ec -aes256 -passout file:pw</c> with the password
    /// <c>correct horse</c>. Fixed so that <see cref="PaddingPassingWrongPassword"/> is known.
    /// </summary>
    private const string FixedKey = """
        -----BEGIN EC PRIVATE KEY-----
        Proc-Type: 4,ENCRYPTED
        DEK-Info: AES-256-CBC,CAFD35B9C92A874D39B9F4363904A7BF

        UF0rlD0HTunwG1l2jyxI7qkq/na8Hj1jmsty3+31vG9U/pjtETp4Nw01AYBFQqLT
        nAwOj1hWSxLy53iM1eJ/k+FqW10jo552OIxXb+UJwxRcxbE7zTbNJlPv6b0VM1U2
        y2lF1LLhp9cuk2OVGwahN4TaAXX0VJhfAkfTJqV9Hoc=
        -----END EC PRIVATE KEY-----

        """;

    private const string FixedKeyPassword = "correct horse";

    /// <summary>A wrong password whose decryption of <see cref="FixedKey"/> ends in valid PKCS#7 padding (0x01) by chance.</summary>
    private const string PaddingPassingWrongPassword = "wrong 338";

    public static TheoryData<string, string, string> Keys => new()
    {
        // key, openssl cipher option, DEK-Info cipher
        { "ec256", "-aes128", "AES-128-CBC" },
        { "ec256", "-aes192", "AES-192-CBC" },
        { "ec256", "-aes256", "AES-256-CBC" },
        { "ec256", "-des3", "DES-EDE3-CBC" },
        { "ec384", "-aes128", "AES-128-CBC" },
        { "ec384", "-aes192", "AES-192-CBC" },
        { "ec384", "-aes256", "AES-256-CBC" },
        { "ec384", "-des3", "DES-EDE3-CBC" },
        { "rsa2048", "-aes256", "AES-256-CBC" },
        { "rsa2048", "-des3", "DES-EDE3-CBC" },
    };

    /// <summary>
    /// Writes a legacy encrypted key with the openssl command line (3.x writes the traditional form with Proc-Type
    /// headers for <c>openssl ec -aes256</c>; <c>openssl rsa</c> needs <c>-traditional</c>).
    /// </summary>
    internal static string WriteWithOpenSsl(TempDir dir, string key, string cipherOption, string password)
    {
        var plain = dir["plain.pem"];
        var legacy = dir["legacy.pem"];
        var passwordFile = dir.Write("pw", password + "\n");
        var (generate, generated) = key switch
        {
            "ec256" => OpenSsl.Run("ecparam", "-name", "prime256v1", "-genkey", "-noout", "-out", plain),
            "ec384" => OpenSsl.Run("ecparam", "-name", "secp384r1", "-genkey", "-noout", "-out", plain),
            _ => OpenSsl.Run("genrsa", "-traditional", "-out", plain, "2048"),
        };
        Assert.True(generate == 0, generated);
        var (encrypt, encrypted) = key.StartsWith("ec", StringComparison.Ordinal)
            ? OpenSsl.Run("ec", "-in", plain, cipherOption, "-passout", $"file:{passwordFile}", "-out", legacy)
            : OpenSsl.Run("rsa", "-in", plain, "-traditional", cipherOption, "-passout", $"file:{passwordFile}", "-out", legacy);
        Assert.True(encrypt == 0, encrypted);
        File.Delete(plain);
        return legacy;
    }

    /// <summary>The SubjectPublicKeyInfo DER openssl finds in the encrypted key (openssl decrypts it, not us).</summary>
    private static byte[] OpenSslPublicKey(TempDir dir, string path, string password)
    {
        var passwordFile = dir.Write("pw-in", password + "\n");
        var spki = dir["spki.der"];
        var (exit, output) = OpenSsl.Run("pkey", "-in", path, "-passin", $"file:{passwordFile}", "-pubout", "-outform", "DER", "-out", spki);
        Assert.True(exit == 0, output);
        return File.ReadAllBytes(spki);
    }

    [Theory]
    [MemberData(nameof(Keys))]
    public void A_key_openssl_encrypted_the_legacy_way_reads_with_its_password(string key, string cipherOption, string dekCipher)
    {
        using var dir = new TempDir();
        var path = WriteWithOpenSsl(dir, key, cipherOption, Password);
        var text = File.ReadAllText(path);
        var label = key == "rsa2048" ? "RSA PRIVATE KEY" : "EC PRIVATE KEY";
        Assert.StartsWith($"-----BEGIN {label}-----\nProc-Type: 4,ENCRYPTED\nDEK-Info: {dekCipher},", text);
        Assert.Equal(KeyPemFormat.LegacyEncrypted, PrivateKeyPem.DetectFormat(text));

        using var read = PrivateKeyPem.Read(text, path, out var format, Password);
        Assert.Equal(KeyPemFormat.LegacyEncrypted, format);
        Assert.Equal(OpenSslPublicKey(dir, path, Password), read.SubjectPublicKeyInfo);
        Assert.Equal(key switch { "ec256" => "P-256", "ec384" => "P-384", _ => null }, read.Kind.CurveName);
    }

    [Theory]
    [MemberData(nameof(Keys))]
    public void A_wrong_password_is_an_input_error_naming_the_file(string key, string cipherOption, string dekCipher)
    {
        using var dir = new TempDir();
        var path = WriteWithOpenSsl(dir, key, cipherOption, Password);
        var text = File.ReadAllText(path);
        Assert.Contains(dekCipher, text);
        var e = Assert.Throws<TrustInputException>(() => PrivateKeyPem.Read(text, path, Password + "x"));
        Assert.Equal($"{path}: cannot decrypt the key: wrong password", e.Message);
    }

    [Theory]
    [MemberData(nameof(Keys))]
    public void A_missing_password_is_an_input_error_naming_the_file(string key, string cipherOption, string dekCipher)
    {
        using var dir = new TempDir();
        var path = WriteWithOpenSsl(dir, key, cipherOption, Password);
        var text = File.ReadAllText(path);
        Assert.Contains(dekCipher, text);
        var e = Assert.Throws<TrustInputException>(() => PrivateKeyPem.Read(text, path));
        Assert.Equal($"{path}: the key is encrypted; a password is needed", e.Message);
    }

    [Fact]
    public void A_fixed_openssl_key_reads_and_matches_what_openssl_derives()
    {
        using var dir = new TempDir();
        var path = dir.Write("fixed.pem", FixedKey);
        using var read = PrivateKeyPem.Read(FixedKey, path, FixedKeyPassword);
        Assert.Equal(OpenSslPublicKey(dir, path, FixedKeyPassword), read.SubjectPublicKeyInfo);
    }

    [Fact]
    public void A_wrong_password_that_happens_to_leave_valid_padding_is_still_a_wrong_password()
    {
        var e = Assert.Throws<TrustInputException>(() => PrivateKeyPem.Read(FixedKey, "ca.key", PaddingPassingWrongPassword));
        Assert.Equal("ca.key: cannot decrypt the key: wrong password", e.Message);
    }

    [Fact]
    public void Crlf_line_endings_and_folded_headers_are_read()
    {
        var crlf = FixedKey.ReplaceLineEndings("\r\n");
        using (var k = PrivateKeyPem.Read(crlf, "k", FixedKeyPassword)) Assert.Equal("P-256", k.Kind.CurveName);
        var folded = FixedKey.Replace("DEK-Info: AES-256-CBC,", "DEK-Info: AES-256-CBC,\n    ", StringComparison.Ordinal);
        using (var k = PrivateKeyPem.Read(folded, "k", FixedKeyPassword)) Assert.Equal("P-256", k.Kind.CurveName);
    }

    [Fact]
    public void The_scanner_exposes_headers_in_order_and_none_on_plain_blocks()
    {
        var blocks = PemBlocks.Read(FixedKey + Pki.Anchor().Pem, "f").Blocks;
        Assert.Equal(
            new KeyValuePair<string, string>[] { new("Proc-Type", "4,ENCRYPTED"), new("DEK-Info", "AES-256-CBC,CAFD35B9C92A874D39B9F4363904A7BF") },
            blocks[0].Headers);
        Assert.Equal(128, blocks[0].Der.Length);
        // No header, no allocation: plain blocks share the one empty list (the 100,000-certificate path).
        Assert.Same(Array.Empty<KeyValuePair<string, string>>(), blocks[1].Headers);
    }

    /// <summary>Puts <paramref name="headers"/> and a blank line after the first BEGIN line.</summary>
    private static string WithHeaders(string pem, string headers)
    {
        var end = pem.IndexOf("-----\n", StringComparison.Ordinal) + "-----\n".Length;
        return $"{pem[..end]}{headers}\n\n{pem[end..]}";
    }

    private const string Iv16 = "00112233445566778899AABBCCDDEEFF";
    private const string Body = "\n\nAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\n"; // 32 zero bytes

    private static string Key(string headers, string label = "EC PRIVATE KEY", string body = Body) =>
        $"-----BEGIN {label}-----\n{headers}{body}-----END {label}-----\n";

    public static TheoryData<string, string> MalformedHeaders => new()
    {
        { Key("Proc-Type: 4,ENCRYPTED"), "no DEK-Info header" },
        { Key($"Proc-Type: 4,ENCRYPTED\nDEK-Info: AES-256-CBC,{Iv16[..^2]}ZZ"), "DEK-Info IV '" + Iv16[..^2] + "ZZ' is not hexadecimal" },
        { Key($"Proc-Type: 4,ENCRYPTED\nDEK-Info: AES-256-CBC,{Iv16[..^1]}"), "is not hexadecimal" },
        { Key("Proc-Type: 4,ENCRYPTED\nDEK-Info: AES-256-CBC,0011223344556677"), "DEK-Info IV has 8 bytes; AES-256-CBC needs 16" },
        { Key($"Proc-Type: 4,ENCRYPTED\nDEK-Info: DES-EDE3-CBC,{Iv16}"), "DEK-Info IV has 16 bytes; DES-EDE3-CBC needs 8" },
        { Key("Proc-Type: 4,ENCRYPTED\nDEK-Info: BF-CBC,0011223344556677"), "DEK-Info cipher 'BF-CBC' is not supported" },
        { Key("Proc-Type: 4,ENCRYPTED\nDEK-Info: DES-CBC,0011223344556677"), "DEK-Info cipher 'DES-CBC' is not supported" },
        { Key($"Proc-Type: 4,ENCRYPTED\nDEK-Info: AES-256-CBC{Iv16}"), "is not 'CIPHER,IV in hex'" },
        { Key($"Proc-Type: 4,MIC-CLEAR\nDEK-Info: AES-256-CBC,{Iv16}"), "Proc-Type '4,MIC-CLEAR' is not supported" },
        { Key($"Proc-Type: 3,ENCRYPTED\nDEK-Info: AES-256-CBC,{Iv16}"), "Proc-Type '3,ENCRYPTED' is not supported" },
        { Key($"DEK-Info: AES-256-CBC,{Iv16}"), "has PEM headers (DEK-Info) but no 'Proc-Type: 4,ENCRYPTED'" },
        { Key($"Proc-Type: 4,ENCRYPTED\nDEK-Info: AES-256-CBC,{Iv16}\nDEK-Info: AES-128-CBC,{Iv16}"), "more than one DEK-Info header" },
        { Key($"Proc-Type: 4,ENCRYPTED\nDEK-Info: AES-256-CBC,{Iv16}", body: "\nAAAA\n"), "header line 'AAAA' is not 'Name: value'" },
        { Key($"Proc-Type: 4,ENCRYPTED\nDEK-Info: AES-256-CBC,{Iv16}", body: "\n"), "not followed by a blank line" },
        { Key($"Proc Type: 4,ENCRYPTED\nDEK-Info: AES-256-CBC,{Iv16}"), "header name 'Proc Type' is not printable ASCII" },
        { Key($"Proc-Type: 4,ENCRYPTED\nDEK-Info: AES-256-CBC,{Iv16}", body: "\n\nAAAAAAAAAAAAAAAAAAAAAAAAAAA=\n"), "20 bytes, not a multiple of AES-256-CBC's 16-byte block" },
        { Key($"Proc-Type: 4,ENCRYPTED\nDEK-Info: AES-256-CBC,{Iv16}", body: "\n\n\n"), "invalid base64" },
        { Key($"Proc-Type: 4,ENCRYPTED\nDEK-Info: AES-256-CBC,{Iv16}", body: "\n\nAAAA:AAAA\n"), "not a complete PEM block" },
        { Key($"Proc-Type: 4,ENCRYPTED\nDEK-Info: AES-256-CBC,{Iv16}", "PRIVATE KEY"), "only EC PRIVATE KEY and RSA PRIVATE KEY blocks" },
        { Key($"Proc-Type: 4,ENCRYPTED\nDEK-Info: AES-256-CBC,{Iv16}", "ENCRYPTED PRIVATE KEY"), "only EC PRIVATE KEY and RSA PRIVATE KEY blocks" },
        { Key($"Proc-Type: 4,ENCRYPTED\nDEK-Info: AES-256-CBC,{Iv16}", "CERTIFICATE"),
            "block 1 ('CERTIFICATE') has PEM headers (Proc-Type, DEK-Info); a certificate block must not carry headers" },
    };

    [Theory]
    [MemberData(nameof(MalformedHeaders))]
    public void Malformed_headers_are_input_errors_naming_the_file(string text, string expected)
    {
        foreach (var password in new[] { "pw", "" })
        {
            var e = Assert.Throws<TrustInputException>(() => PrivateKeyPem.Read(text, "x.key", password));
            Assert.StartsWith("x.key: ", e.Message);
            Assert.Contains(expected, e.Message);
        }
    }

    [Fact]
    public void A_certificate_with_headers_in_a_bundle_is_refused_naming_the_block()
    {
        var pem = Pki.Anchor().Pem;
        var headed = WithHeaders(pem, "Proc-Type: 4,ENCRYPTED\nDEK-Info: AES-256-CBC,00");
        var e = Assert.Throws<TrustInputException>(() => CertificatePem.Read(pem + headed, "bundle.pem"));
        Assert.Equal("bundle.pem: block 2 ('CERTIFICATE') has PEM headers (Proc-Type, DEK-Info); a certificate block must not carry headers", e.Message);
    }

    [Property(MaxTest = 300)]
    public void Arbitrary_encrypted_bodies_and_passwords_never_escape_as_anything_but_an_input_error(
        byte[] noise, string password, bool useRightPassword, bool des)
    {
        var body = Convert.FromBase64String(string.Concat(FixedKey.Split('\n').Skip(4).Where(l => l.Length > 0 && !l.StartsWith('-'))));
        for (var i = 0; i + 1 < noise.Length; i += 2) body[noise[i] % body.Length] ^= noise[i + 1];
        var dekInfo = des ? "DES-EDE3-CBC,0011223344556677" : "AES-256-CBC,CAFD35B9C92A874D39B9F4363904A7BF";
        var bodies = new[] { body, noise, body[..(noise.Length % body.Length)] };
        foreach (var label in new[] { "EC PRIVATE KEY", "RSA PRIVATE KEY" })
        foreach (var bytes in bodies)
        {
            var text = WithHeaders(PemText.Write(label, bytes), $"Proc-Type: 4,ENCRYPTED\nDEK-Info: {dekInfo}");
            try { using var k = PrivateKeyPem.Read(text, "k", useRightPassword ? FixedKeyPassword : password ?? ""); }
            catch (TrustInputException) { }
        }
    }

    [Property(MaxTest = 300)]
    public void Arbitrary_header_text_never_escapes_as_anything_but_an_input_error(string headers, bool certificate)
    {
        var label = certificate ? "CERTIFICATE" : "EC PRIVATE KEY";
        var body = string.Concat(FixedKey.Split('\n').Skip(4).Where(l => l.Length > 0 && !l.StartsWith('-')));
        foreach (var text in new[]
                 {
                     $"-----BEGIN {label}-----\n{headers}\n\n{body}\n-----END {label}-----\n",
                     $"-----BEGIN {label}-----\nProc-Type: 4,ENCRYPTED\nDEK-Info: {headers}\n\n{body}\n-----END {label}-----\n",
                 })
        {
            try { PemBlocks.Read(text, "k"); }
            catch (TrustInputException) { }
            try { using var k = PrivateKeyPem.Read(text, "k", FixedKeyPassword); }
            catch (TrustInputException) { }
        }
    }
}
