using Trust.Certificates;
using Trust.Files;
using Trust.Keys;

namespace Trust.Cli;

/// <summary>Reads the files commands are given.</summary>
internal static class CliFiles
{
    public static IReadOnlyList<CertificateInfo> Certificates(string path) =>
        CertificatePem.ReadBytes(InputFile.ReadBytes(path), path);

    /// <summary>Certificates plus the file's text as deployed (null for a DER file), for PEM checks.</summary>
    public static (IReadOnlyList<CertificateInfo> Certificates, string? Text) CertificatesWithText(string path)
    {
        var bytes = InputFile.ReadBytes(path);
        var certificates = CertificatePem.ReadBytes(bytes, path);
        var isPem = bytes.AsSpan().IndexOf("-----BEGIN"u8) >= 0;
        return (certificates, isPem ? System.Text.Encoding.UTF8.GetString(bytes) : null);
    }

    public static SigningKey Key(string path, string? passwordFile, out KeyPemFormat format)
    {
        var text = InputFile.ReadText(path);
        var password = passwordFile is null ? null : InputFile.ReadPassword(passwordFile);
        return PrivateKeyPem.Read(text, path, out format, password);
    }

    /// <summary>The certificates of a CA file that belong in a chain below the root (self-signed ones are left out, as cert-manager does).</summary>
    public static IEnumerable<CertificateInfo> ChainWithoutRoot(IReadOnlyList<CertificateInfo> chain) =>
        chain.Where(c => !c.IsSelfIssued);
}
