using System.Security.Cryptography;
using System.Text;
using Trust.Findings;
using Trust.Keys;
using Trust.Pem;
using Trust.Tests.Support;

namespace Trust.Tests.Keys;

/// <summary>
/// Legacy (RFC 1423) encrypted keys whose decrypted content is crafted: this test encrypts the way OpenSSL's
/// PEM_write does (EVP_BytesToKey with MD5, the IV's first 8 bytes as salt, AES-CBC with PKCS#7 padding), so the
/// plaintext behind the right password can be anything.
/// </summary>
public class LegacyPemEncryptionEdgeTests
{
    private const string Password = "pw ✓";
    private const string Iv16 = "00112233445566778899AABBCCDDEEFF";
    private const string AllCiphers = "AES-128-CBC, AES-192-CBC, AES-256-CBC, DES-EDE3-CBC";

    /// <summary>OpenSSL's EVP_BytesToKey(MD5, one round): D1 = MD5(pw ‖ salt), Di = MD5(Di-1 ‖ pw ‖ salt).</summary>
    private static byte[] BytesToKey(string password, byte[] salt, int length)
    {
        var pw = Encoding.UTF8.GetBytes(password);
        var key = new List<byte>();
        var previous = Array.Empty<byte>();
        while (key.Count < length)
        {
            previous = MD5.HashData([.. previous, .. pw, .. salt]);
            key.AddRange(previous);
        }
        return key.Take(length).ToArray();
    }

    private static string Encrypt(byte[] plaintext, string password = Password, string label = "EC PRIVATE KEY")
    {
        var iv = RandomNumberGenerator.GetBytes(16);
        using var aes = Aes.Create();
        aes.Key = BytesToKey(password, iv[..8], 32);
        var body = aes.EncryptCbc(plaintext, iv, PaddingMode.PKCS7);
        var pem = PemText.Write(label, body);
        var afterBegin = pem.IndexOf('\n') + 1;
        return $"{pem[..afterBegin]}Proc-Type: 4,ENCRYPTED\nDEK-Info: AES-256-CBC,{Convert.ToHexString(iv)}\n\n{pem[afterBegin..]}";
    }

    private static byte[] Sec1()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        return key.ExportECPrivateKey();
    }

    [Fact]
    public void This_tests_encryption_is_the_one_openssl_reads()
    {
        using var dir = new TempDir();
        var sec1 = Sec1();
        var path = dir.Write("k.pem", Encrypt(sec1));
        var passwordFile = dir.Write("pw", Password + "\n");
        var (exit, output) = OpenSsl.Run("ec", "-in", path, "-passin", $"file:{passwordFile}", "-outform", "DER", "-out", dir["plain.der"]);
        Assert.True(exit == 0, output);
        Assert.Equal(sec1, File.ReadAllBytes(dir["plain.der"]));
        using var read = PrivateKeyPem.Read(File.ReadAllText(path), "k.pem", Password);
        using var expected = ECDsa.Create();
        expected.ImportECPrivateKey(sec1, out _);
        Assert.True(read.Matches(expected.ExportSubjectPublicKeyInfo()));
    }

    [Fact]
    public void A_key_followed_by_more_bytes_is_taken_for_a_wrong_password()
    {
        // One SEQUENCE is what a SEC1 or PKCS#1 key is: anything after it means the password decrypted garbage.
        var e = Assert.Throws<TrustInputException>(() => PrivateKeyPem.Read(Encrypt([.. Sec1(), 0x05, 0x00]), "k.pem", Password));
        Assert.Equal(FindingIds.KeyPasswordWrong, e.Finding.Id);
        Assert.Equal("cannot decrypt the key: wrong password", e.Finding.Message);
    }

    [Fact]
    public void Decrypted_bytes_that_are_not_even_der_are_taken_for_a_wrong_password()
    {
        // A SEQUENCE header claiming 4 GiB: the DER reader throws, which counts as a wrong password, not a broken key.
        var e = Assert.Throws<TrustInputException>(() => PrivateKeyPem.Read(Encrypt([0x30, 0x84, 0xFF, 0xFF, 0xFF, 0xFF, 0x02]), "k.pem", Password));
        Assert.Equal(FindingIds.KeyPasswordWrong, e.Finding.Id);
        Assert.Equal("cannot decrypt the key: wrong password", e.Finding.Message);
        Assert.Equal(new Remedy(RemedyAction.ProvidePassword, "give the password the key was encrypted with"), e.Finding.Remedy);
    }

    [Fact]
    public void A_single_sequence_that_is_no_key_is_a_malformed_key_not_a_wrong_password()
    {
        var e = Assert.Throws<TrustInputException>(() => PrivateKeyPem.Read(Encrypt([0x30, 0x03, 0x02, 0x01, 0x00]), "k.pem", Password));
        Assert.Equal(FindingIds.KeyMalformed, e.Finding.Id);
        Assert.Equal("the EC PRIVATE KEY block is not a valid key (the key's values do not form a valid key)", e.Finding.Message);
    }

    [Fact]
    public void The_decrypted_key_is_handed_over_in_pinned_memory()
    {
        // Pinned, the GC never moves the secret and leaves no copy behind; pinned arrays live in the oldest generation.
        var sec1 = Sec1();
        var block = PemBlocks.Read(Encrypt(sec1), "k").Blocks.Single();
        var plaintext = LegacyPemEncryption.Decrypt(block, "k", Password);
        Assert.Equal(sec1, plaintext);
        Assert.Equal(GC.MaxGeneration, GC.GetGeneration(plaintext));
    }

    [Fact]
    public void A_missing_password_says_what_to_give()
    {
        var e = Assert.Throws<TrustInputException>(() => PrivateKeyPem.Read(Encrypt(Sec1()), "k.pem"));
        Assert.Equal(FindingIds.KeyPasswordRequired, e.Finding.Id);
        Assert.Equal("the key is encrypted; a password is needed", e.Finding.Message);
        Assert.Equal(new Remedy(RemedyAction.ProvidePassword, "give the password of the encrypted key"), e.Finding.Remedy);
    }

    [Fact]
    public void A_wrong_password_says_what_to_give()
    {
        var e = Assert.Throws<TrustInputException>(() => PrivateKeyPem.Read(Encrypt(Sec1(), "right"), "k.pem", "wrong"));
        Assert.Equal(FindingIds.KeyPasswordWrong, e.Finding.Id);
        Assert.Equal(new Remedy(RemedyAction.ProvidePassword, "give the password the key was encrypted with"), e.Finding.Remedy);
    }

    private static string Key(string headers) =>
        $"-----BEGIN EC PRIVATE KEY-----\n{headers}\n\nAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\n-----END EC PRIVATE KEY-----\n";

    private static string MessageFor(string headers)
    {
        var e = Assert.Throws<TrustInputException>(() => PrivateKeyPem.Read(Key(headers), "x.key", "pw"));
        Assert.Equal(FindingIds.KeyMalformed, e.Finding.Id);
        Assert.Equal("x.key", e.Finding.Source);
        return e.Finding.Message;
    }

    [Fact]
    public void Headers_without_Proc_Type_are_listed_by_name()
    {
        Assert.Equal("the EC PRIVATE KEY block has PEM headers (DEK-Info, X-Note) but no 'Proc-Type: 4,ENCRYPTED'",
            MessageFor($"DEK-Info: AES-256-CBC,{Iv16}\nX-Note: made by hand"));
    }

    [Fact]
    public void An_unknown_cipher_is_named_with_the_ones_that_are_read()
    {
        Assert.Equal($"DEK-Info cipher 'BF-CBC' is not supported; use {AllCiphers}",
            MessageFor("Proc-Type: 4,ENCRYPTED\nDEK-Info: BF-CBC,0011223344556677"));
    }

    [Fact]
    public void A_DEK_Info_that_starts_with_its_comma_names_no_cipher()
    {
        Assert.Equal($"DEK-Info cipher '' is not supported; use {AllCiphers}", MessageFor($"Proc-Type: 4,ENCRYPTED\nDEK-Info: ,{Iv16}"));
        Assert.Equal("DEK-Info 'AES-256-CBC00112233445566778899AABBCCDDE…' is not 'CIPHER,IV in hex'",
            MessageFor($"Proc-Type: 4,ENCRYPTED\nDEK-Info: AES-256-CBC{Iv16}"));
    }

    [Fact]
    public void A_Proc_Type_without_a_version_is_not_supported()
    {
        Assert.Equal("Proc-Type ',ENCRYPTED' is not supported; an encrypted key has 'Proc-Type: 4,ENCRYPTED'",
            MessageFor($"Proc-Type: ,ENCRYPTED\nDEK-Info: AES-256-CBC,{Iv16}"));
        Assert.Equal("Proc-Type '4' is not supported; an encrypted key has 'Proc-Type: 4,ENCRYPTED'",
            MessageFor($"Proc-Type: 4\nDEK-Info: AES-256-CBC,{Iv16}"));
    }

    [Fact]
    public void Quoted_header_values_are_cut_after_40_characters()
    {
        var forty = new string('C', 40);
        Assert.Equal($"DEK-Info cipher '{forty}' is not supported; use {AllCiphers}", MessageFor($"Proc-Type: 4,ENCRYPTED\nDEK-Info: {forty},00"));
        Assert.Equal($"DEK-Info cipher '{forty}…' is not supported; use {AllCiphers}", MessageFor($"Proc-Type: 4,ENCRYPTED\nDEK-Info: {forty}D,00"));
    }

    [Fact]
    public void Every_cipher_and_key_size_decrypts()
    {
        // 16, 24 and 32-byte keys take one, two and two MD5 rounds; a wrong length or round would not decrypt.
        using var dir = new TempDir();
        var sec1 = Sec1();
        var plain = dir.Write("plain.der", sec1);
        var passwordFile = dir.Write("pw", Password + "\n");
        foreach (var option in new[] { "-aes128", "-aes192", "-aes256", "-des3" })
        {
            var path = dir[$"k{option}.pem"];
            var (exit, output) = OpenSsl.Run("ec", "-inform", "DER", "-in", plain, option, "-passout", $"file:{passwordFile}", "-out", path);
            Assert.True(exit == 0, output);
            var block = PemBlocks.Read(File.ReadAllText(path), "k").Blocks.Single();
            Assert.Equal(sec1, LegacyPemEncryption.Decrypt(block, "k", Password));
        }
    }
}
