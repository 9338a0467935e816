using Trust.Pem;
using System.Globalization;
using Trust.Certificates;
using Trust.Keys;

namespace Trust.Cli.Tests;

/// <summary>Anchor keys users bring from openssl, Go or older step, encrypted the legacy way (RFC 1423).</summary>
public class LegacyKeyTests
{
    private static readonly DateTimeOffset Now = TestClock.Epoch;

    /// <summary>
    /// A P-256 anchor key written by <c>openssl ec CIPHER</c> (legacy Proc-Type/DEK-Info headers) and a CA certificate
    /// for it made at the fixed test time (openssl 3.0's <c>req -x509</c> can only start a certificate at the real now).
    /// </summary>
    private static (string Ca, string Key, string Password) LegacyAnchor(TempDir dir, string cipherOption, string dekCipher)
    {
        var password = dir.Write("pw", "s3cret anchor\n");
        var plain = dir["plain.key"];
        var legacy = dir["legacy.key"];
        var (generate, generated) = OpenSsl.Run("ecparam", "-name", "prime256v1", "-genkey", "-noout", "-out", plain);
        Assert.True(generate == 0, generated);
        var (encrypt, encrypted) = OpenSsl.Run("ec", "-in", plain, cipherOption, "-passout", $"file:{password}", "-out", legacy);
        Assert.True(encrypt == 0, encrypted);
        File.Delete(plain);
        Assert.StartsWith($"-----BEGIN EC PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\nDEK-Info: {dekCipher},", File.ReadAllText(legacy));

        using var key = PrivateKeyPem.Read(File.ReadAllText(legacy), legacy, "s3cret anchor");
        var anchor = new CertificateFactory().CreateAnchor(new AnchorProfile { Subject = "root.legacy.test" }, key, Now).Certificate;
        return (dir.Write("CA.crt", CertificatePem.Write([anchor])), legacy, password);
    }

    [Theory]
    [InlineData("-aes256", "AES-256-CBC")]
    [InlineData("-des3", "DES-EDE3-CBC")]
    public void A_legacy_encrypted_anchor_key_signs_an_issuer_openssl_accepts(string cipherOption, string dekCipher)
    {
        using var dir = new TempDir();
        var (ca, key, password) = LegacyAnchor(dir, cipherOption, dekCipher);
        var issuer = CliRun.Run(Now, "issuer", "create", dir["ISSUER.crt"], dir["ISSUER.key"], "--ca", ca, "--ca-key", key,
            "--ca-password-file", password);
        Assert.True(issuer.Exit == 0, issuer.Err);
        Assert.StartsWith("-----BEGIN PRIVATE KEY-----\n", File.ReadAllText(dir["ISSUER.key"]));

        var at = Now.AddHours(1).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        Assert.Equal((0, $"{dir["ISSUER.crt"]}: OK\n"), OpenSsl.Run("verify", "-attime", at, "-x509_strict", "-CAfile", ca, dir["ISSUER.crt"]));
    }

    [Theory]
    [InlineData("-aes256", "AES-256-CBC")]
    [InlineData("-des3", "DES-EDE3-CBC")]
    public void A_legacy_encrypted_anchor_key_without_its_password_gives_exit_2_and_no_output(string cipherOption, string dekCipher)
    {
        using var dir = new TempDir();
        var (ca, key, _) = LegacyAnchor(dir, cipherOption, dekCipher);

        var missing = CliRun.Run(Now, "issuer", "create", dir["ISSUER.crt"], dir["ISSUER.key"], "--ca", ca, "--ca-key", key);
        Assert.Equal(2, missing.Exit);
        Assert.Equal($"trust: {key}: the key is encrypted; a password is needed; give it with --ca-password-file FILE", missing.ErrLines.Single());

        var wrong = CliRun.Run(Now, "issuer", "create", dir["ISSUER.crt"], dir["ISSUER.key"], "--ca", ca, "--ca-key", key,
            "--ca-password-file", dir.Write("wrong", "not the password\n"));
        Assert.Equal(2, wrong.Exit);
        Assert.Equal($"trust: {key}: cannot decrypt the key: wrong password (the password comes from --ca-password-file)", wrong.ErrLines.Single());
        Assert.False(File.Exists(dir["ISSUER.crt"]));
        Assert.False(File.Exists(dir["ISSUER.key"]));
    }
}
